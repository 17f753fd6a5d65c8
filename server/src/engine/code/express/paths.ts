/**
 * Express path patterns as segments, and the two ways Express matches them:
 * `use()` matches a prefix (`/api` covers `/api/users`), routes match the whole path
 * (`*` and `/api/*` match any rest). Matching is three-valued: a computed segment makes it 'maybe'.
 */
export type Segment =
  | { kind: 'lit'; value: string }
  | { kind: 'param'; name: string }
  | { kind: 'wild' }
  | { kind: 'dyn'; reason: string };

export type Match = 'yes' | 'no' | 'maybe';

export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    if (raw.startsWith(':')) {
      const m = /^:([A-Za-z_$][\w$]*)/.exec(raw);
      out.push(m ? { kind: 'param', name: m[1] } : { kind: 'lit', value: raw });
    } else if (raw === '(.*)' || raw.startsWith('*') || /^\{\*\w+\}$/.test(raw)) {
      // `*`, `*splat` and `{*splat}` (Express 5) match any rest
      out.push({ kind: 'wild' });
    } else {
      out.push({ kind: 'lit', value: raw });
    }
  }
  return out;
}

export const dynamic = (reason: string): Segment[] => [{ kind: 'dyn', reason }];

export function render(segs: readonly Segment[]): string {
  if (segs.length === 0) return '/';
  return '/' + segs.map((s) => (s.kind === 'lit' ? s.value : s.kind === 'param' ? `{${s.name}}` : s.kind === 'wild' ? '*' : '{*}')).join('/');
}

export function dynamicReason(segs: readonly Segment[]): string | undefined {
  for (const s of segs) if (s.kind === 'dyn') return s.reason;
  return undefined;
}

function segMatch(a: Segment, b: Segment): Match {
  if (a.kind === 'dyn' || b.kind === 'dyn') return 'maybe';
  if (a.kind === 'param') return 'yes';
  if (a.kind === 'lit' && b.kind === 'lit') return a.value.toLowerCase() === b.value.toLowerCase() ? 'yes' : 'no';
  // a literal scope against a parameter segment covers only some requests of the route
  return 'no';
}

/**
 * Does middleware mounted at `scope` run for every request of `route`?
 * `prefix`: `use()` semantics; otherwise a route pattern (`all('/api/*')`).
 */
export function covers(scope: readonly Segment[], route: readonly Segment[], prefix: boolean): Match {
  let result: Match = 'yes';
  for (let i = 0; i < scope.length; i++) {
    const s = scope[i];
    if (s.kind === 'wild') return result;
    const r = route[i];
    if (!r) return 'no';
    if (r.kind === 'wild') return 'no';
    const m = segMatch(s, r);
    if (m === 'no') return 'no';
    if (m === 'maybe') result = 'maybe';
  }
  if (!prefix && route.length !== scope.length) return 'no';
  return result;
}
