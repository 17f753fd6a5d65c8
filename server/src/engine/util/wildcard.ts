/**
 * Path patterns from the workspace (configuration, source code) matched without backtracking.
 *
 * Why not regular expressions: a pattern such as `/a*a*a*a*a*a*a*b` compiles to a regular
 * expression that backtracks polynomially (degree = number of stars): about a minute on a
 * 60-character path, which would freeze the editor. This matcher is a dynamic programme over
 * (pattern position, text position), O(pattern length x text length) whatever the input.
 */

/** `*`: any run of characters inside one segment; `**`: any run of characters, '/' included. */
type Token = string | typeof SEGMENT | typeof ANY;
const SEGMENT = 1;
const ANY = 2;

function tokens(body: string): Token[] {
  const out: Token[] = [];
  const segments = body.split('/');
  segments.forEach((seg, i) => {
    if (i > 0) out.push('/');
    if (seg === '**') out.push(ANY);
    else for (const c of seg) out.push(c === '*' ? SEGMENT : c);
  });
  return out;
}

function matches(pattern: readonly Token[], text: string): boolean {
  let reach = new Array<boolean>(text.length + 1).fill(false);
  reach[0] = true;
  for (const t of pattern) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    for (let j = 0; j <= text.length; j++) {
      if (t === SEGMENT) next[j] = reach[j] || (j > 0 && next[j - 1] && text[j - 1] !== '/');
      else if (t === ANY) next[j] = reach[j] || (j > 0 && next[j - 1]);
      else next[j] = j > 0 && reach[j - 1] && text[j - 1] === t;
    }
    reach = next;
  }
  return reach[text.length];
}

/**
 * Route pattern semantics (case-insensitive, a trailing slash allowed): `*` is one segment's
 * worth of characters, a `**` segment is anything (so `/a/**\/b` needs a segment between), and
 * a trailing `/**` also matches the prefix itself (`/api/**` matches `/api`).
 */
export function routePatternMatches(pattern: string, path: string): boolean {
  const p = pattern.toLowerCase();
  const text = path.toLowerCase();
  const candidates = [text];
  if (text.endsWith('/')) candidates.push(text.slice(0, -1));
  const forms = [tokens(p)];
  if (p.endsWith('/**')) forms.push(tokens(p.slice(0, -3)));
  return forms.some((form) => candidates.some((c) => matches(form, c)));
}

/** Longer texts are not request paths; refusing them bounds the cost of workspace patterns. */
export const MAX_MATCHED_PATH = 2048;

/**
 * Whether a regular expression written in the workspace (e.g. express-jwt `unless({ path })`)
 * can be run on a path without risking catastrophic backtracking. Conservative: quantified
 * groups that contain a quantifier or an alternation (`(a+)+`, `(a|aa)*`), back-references,
 * and more than three unbounded quantifiers are refused; callers treat a refused expression
 * as "cannot tell".
 */
export function isSafeRegExp(re: RegExp): boolean {
  const src = re.source;
  if (src.length > 512) return false;
  const groups: { quantifier: boolean; alternation: boolean }[] = [{ quantifier: false, alternation: false }];
  let unbounded = 0;
  /** Length of an unbounded-or-repeating quantifier at `i` (`*`, `+`, `{n,}`, `{n,m}`), 0 for none or `?`. */
  const quantifierAt = (i: number): number => {
    const c = src[i];
    if (c === '*' || c === '+') return 1;
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) return 0;
      const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
      return max > 1 ? m[0].length : 0;
    }
    return 0;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    const top = groups[groups.length - 1];
    if (c === '\\') {
      if (/[1-9k]/.test(src[i + 1] ?? '')) return false; // back-reference
      i++;
    } else if (c === '[') {
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
    } else if (c === '(') {
      groups.push({ quantifier: false, alternation: false });
    } else if (c === ')') {
      const inner = groups.pop();
      if (!inner || groups.length === 0) return false;
      const q = quantifierAt(i + 1);
      if (q && (inner.quantifier || inner.alternation)) return false;
      if (inner.quantifier || q) groups[groups.length - 1].quantifier = true;
    } else if (c === '|') {
      top.alternation = true;
    } else {
      const q = quantifierAt(i);
      if (q) {
        top.quantifier = true;
        if (++unbounded > 3) return false;
        i += q - 1;
      }
    }
  }
  return groups.length === 1;
}

/** Tests a workspace regular expression only when that is known to be cheap. */
export function safeRegExpTest(re: RegExp, text: string): boolean | undefined {
  if (text.length > MAX_MATCHED_PATH || !isSafeRegExp(re)) return undefined;
  re.lastIndex = 0;
  return re.test(text);
}
