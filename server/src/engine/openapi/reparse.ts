/**
 * Re-parses only what an edit touched in a YAML document.
 *
 * Why: in the editor every keystroke in a 4 MB description would otherwise pay a full parse
 * (~130 ms of CPU on Stripe's, and most of the garbage collection after it) before any rule
 * runs. An edit almost always falls inside one block-mapping entry (a path item, an operation,
 * a schema); that entry's lines are parsed on their own with the same js-yaml listener, at the
 * same offsets, and spliced into a copy of the previous value tree (ancestors copied, siblings
 * shared) and of the previous position index (other offsets moved by the edit's length).
 *
 * The result must be exactly what a full parse gives, so anything unusual takes the full
 * parse instead (returns undefined): anchors or aliases anywhere (shared nodes), a BOM, flow
 * collections on the way down, tabs in indentation, a first line that is not the entry's key
 * at its indentation, later lines that leave the entry, keep-chomping block scalars (they
 * would take the blank lines after the entry), a key that now collides with a sibling, or too
 * much unreachable index left over from earlier edits. test/unit/engine/reparse.test.ts
 * checks equality with a full parse over random edits of real documents.
 */
import { loadYaml, REUSABLE, trimEnd, type ParsedText } from './parse';
import { NodeKind, type PositionIndex } from './position-index';

interface Entry {
  parent: number;
  child: number;
  /** Keys from the root to `parent`. */
  path: string[];
  /** The entry's lines: from the start of its key's line to the end of its last line (line break included). */
  chunkStart: number;
  chunkEnd: number;
  indent: number;
}

/** The edited text's parse, or undefined when only a full parse can give the right answer. */
export function reparseEdit(previous: ParsedText, oldText: string, text: string): ParsedText | undefined {
  const state = REUSABLE.get(previous);
  if (!state || previous.format !== 'yaml' || previous.errors.length) return undefined;
  const index = state.index;
  if (index.size === 0) return undefined;

  // What changed: [from, oldTo) of the old text is [from, newTo) of the new one.
  const from = commonPrefix(oldText, text);
  const tail = commonSuffix(oldText, text, from);
  const oldTo = oldText.length - tail;
  const delta = text.length - oldText.length;

  // The innermost entry holding the change first; when its new lines are no longer one entry
  // (a line added at its own indentation, say), its parent's.
  const entries = enclosingEntries(index, oldText, from, oldTo);
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    const end = entry.chunkEnd + delta;
    // The new lines must end where a line ends: what follows is then the unchanged line that
    // ended the entry before (typing at the start of that line, '#' say, can change that).
    if (end < text.length && text.charCodeAt(end - 1) !== 0x0a) continue;
    const chunk = text.slice(entry.chunkStart, end);
    if (!isOneEntry(chunk, entry.indent)) continue;
    if (KEEP_CHOMPING.test(chunk)) return undefined;
    return spliceEntry(previous, state, oldText, text, entry, chunk, delta);
  }
  return undefined;
}

function spliceEntry(
  previous: ParsedText,
  state: { index: PositionIndex; garbage: number },
  oldText: string,
  text: string,
  entry: Entry,
  chunk: string,
  delta: number,
): ParsedText | undefined {
  const index = state.index;
  let loaded: ReturnType<typeof loadYaml>;
  try {
    loaded = loadYaml(text, chunk, entry.chunkStart, entry.path.length);
  } catch {
    return undefined; // a syntax error (or too deep): the full parse reports it properly
  }
  if (loaded.firstAlias >= 0 || loaded.anchors || !isPlainObject(loaded.value)) return undefined;
  const sub = loaded.index;
  const subEntry = sub.size ? sub.firstChildOf(sub.root) : -1;
  if (subEntry === -1 || sub.nextSiblingOf(subEntry) !== -1 || sub.keyStartOf(subEntry) !== entry.chunkStart + entry.indent) return undefined;
  const key = sub.keyOf(subEntry);
  const keys = Object.keys(loaded.value);
  if (key === undefined || keys.length !== 1 || keys[0] !== key || key === '__proto__' || key === '<<') return undefined;

  const oldKey = index.keyOf(entry.child);
  if (oldKey === undefined || countKey(index, entry.parent, oldKey) !== 1) return undefined;
  const value = withEntry(previous.value, entry.path, oldKey, key, loaded.value[key]);
  if (value === undefined) return undefined;

  const garbage = state.garbage + index.subtreeSize(entry.child);
  // Past this, a full parse is cheaper than carrying the dead nodes along.
  if (garbage > index.size / 2) return undefined;
  const oldChunkEnd = entry.chunkEnd;
  const newChunkEnd = oldChunkEnd + delta;
  // Nodes that ended where the entry's content ended (its ancestors, when it was their last
  // entry) now end where its new content ends; offsets after the entry move by the edit's length.
  const oldContentEnd = trimEnd(oldText, oldChunkEnd);
  const newContentEnd = trimEnd(text, newChunkEnd);
  const positions = index.withReplacedChild(entry.parent, entry.child, sub, subEntry, { from: oldChunkEnd, delta, oldEnd: oldContentEnd, newEnd: newContentEnd });
  const parsed: ParsedText = { format: 'yaml', value, errors: [], positions: () => positions };
  REUSABLE.set(parsed, { index: positions, garbage });
  return parsed;
}

/** `|+`, `>+`, `|2+`, `>+2`: such a block scalar keeps the blank lines after it. */
const KEEP_CHOMPING = /(?:^|[\s:-])[|>](?:[1-9]?\+|\+[1-9])[ \t]*(?:#.*)?$/m;

/**
 * The entries of nested block mappings whose lines contain [from, to) (old offsets), outermost
 * first, each with its key first on its line. Stops at sequences and flow collections.
 */
function enclosingEntries(index: PositionIndex, text: string, from: number, to: number): Entry[] {
  const found: Entry[] = [];
  let node = index.root;
  if (index.kindOf(node) !== NodeKind.Mapping || isFlow(text, index.startOf(node))) return found;
  const path: string[] = [];
  for (;;) {
    let next: Entry | undefined;
    for (let c = index.firstChildOf(node); c !== -1; c = index.nextSiblingOf(c)) {
      const keyStart = index.keyStartOf(c);
      if (keyStart < 0) continue;
      const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
      if (lineStart > from) break; // entries come in text order: the rest start later
      // An empty value (`parameters:` with nothing after it) is placed where the next token
      // starts, maybe lines further down: its entry ends with its key's line.
      const last = index.startOf(c) === index.endOf(c) ? index.keyEndOf(c) : Math.max(index.endOf(c), index.keyEndOf(c));
      const newline = text.indexOf('\n', last);
      const chunkEnd = newline < 0 ? text.length : newline + 1;
      if (to > chunkEnd) continue;
      if (!onlySpaces(text, lineStart, keyStart)) break;
      next = { parent: node, child: c, path: [...path], chunkStart: lineStart, chunkEnd, indent: keyStart - lineStart };
      break;
    }
    if (!next) return found;
    found.push(next);
    const key = index.keyOf(next.child);
    if (key === undefined || index.kindOf(next.child) !== NodeKind.Mapping || isFlow(text, index.startOf(next.child))) return found;
    // The value tree holds only the last of duplicate keys: going through one, the index and
    // the value could disagree about which entry is edited.
    if (countKey(index, node, key) !== 1) return found;
    path.push(key);
    node = next.child;
  }
}

/** One entry: the first line is the key at `indent`, every later content line is deeper. */
function isOneEntry(chunk: string, indent: number): boolean {
  if (!onlySpaces(chunk, 0, indent)) return false;
  const first = chunk.charCodeAt(indent);
  // A key: not a space, comment, sequence item, complex key, flow collection or directive.
  if (first !== first || first === 0x20 || first === 0x09 || first === 0x0a || first === 0x0d || first === 0x23 || first === 0x2d || first === 0x3f || first === 0x7b || first === 0x5b || first === 0x25) return false;
  let i = chunk.indexOf('\n');
  while (i !== -1 && i + 1 < chunk.length) {
    let j = i + 1;
    while (chunk.charCodeAt(j) === 0x20) j++;
    const c = chunk.charCodeAt(j);
    if (c === 0x09) return false; // tabs near indentation: let the full parse judge
    const blankOrComment = c === 0x0a || c === 0x0d || c === 0x23 || j >= chunk.length;
    if (!blankOrComment && j - (i + 1) <= indent) return false;
    i = chunk.indexOf('\n', j);
  }
  return true;
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== 0x20) return false;
  return true;
}

function isFlow(text: string, start: number): boolean {
  const c = text.charCodeAt(start);
  return c === 0x7b || c === 0x5b;
}

function countKey(index: PositionIndex, parent: number, key: string): number {
  let n = 0;
  for (let c = index.firstChildOf(parent); c !== -1; c = index.nextSiblingOf(c)) if (index.keyOf(c) === key) n++;
  return n;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A copy of `root` where the mapping at `path` has `newKey: value` in place of `oldKey`
 * (same position among its keys). Only the objects on the path are copied.
 */
function withEntry(root: unknown, path: readonly string[], oldKey: string, newKey: string, value: unknown): unknown {
  if (!isPlainObject(root)) return undefined;
  const own = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  if (path.length === 0) {
    if (!own(root, oldKey) || (newKey !== oldKey && own(root, newKey))) return undefined;
    if (newKey === oldKey) return { ...root, [oldKey]: value };
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(root)) {
      if (k === oldKey) out[newKey] = value;
      else out[k] = root[k];
    }
    return out;
  }
  const [head, ...rest] = path;
  if (head === '__proto__' || !own(root, head)) return undefined;
  const inner = withEntry(root[head], rest, oldKey, newKey, value);
  return inner === undefined ? undefined : { ...root, [head]: inner };
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  // Compare in blocks (native string equality) before going character by character.
  for (let step = 1 << 14; step >= 1; step >>= 2) {
    while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common tail of a and b that does not reach into the first `prefix` characters. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  for (let step = 1 << 14; step >= 1; step >>= 2) {
    while (i + step <= n && a.slice(a.length - i - step, a.length - i) === b.slice(b.length - i - step, b.length - i)) i += step;
  }
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

