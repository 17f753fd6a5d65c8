/**
 * Effective security of operations, as the rules about authentication and authorization read
 * it: no `security` at all (open, unless the whole document never documents security), an
 * explicit empty requirement (public by design), or a list of alternative requirements.
 */
import { isObject, type SpecOperation } from './document';

export const WRITE_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

export type SecurityState = 'none' | 'public' | 'secured';

export function securityState(op: SpecOperation): SecurityState {
  const sec = op.security;
  if (!sec) return 'none';
  const reqs = sec.requirements;
  // `security: []` and a requirement list containing `{}` both make authentication optional.
  if (reqs.length === 0 || reqs.some((r) => isObject(r) && Object.keys(r).length === 0)) return 'public';
  return 'secured';
}

/** True when some operation of the document declares security (own or inherited, public included). */
export function documentDeclaresSecurity(ops: readonly SpecOperation[]): boolean {
  return ops.some((o) => o.security !== undefined);
}

/** Path parameters of a template (`/a/{id}/b/{x}` -> ['id', 'x']). */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

/** Object-level: the path names a particular object through a path parameter. */
export function isObjectLevel(path: string): boolean {
  return pathParams(path).length > 0;
}

/** A stable signature of the alternative requirements (schemes and scopes), for comparisons. */
export function requirementSignature(op: SpecOperation): string {
  const reqs = (op.security?.requirements ?? []).filter(isObject).map((r) =>
    Object.keys(r)
      .sort()
      .map((k) => `${k}[${(Array.isArray(r[k]) ? (r[k] as unknown[]).map(String).sort() : []).join(',')}]`)
      .join('+'),
  );
  return [...new Set(reqs)].sort().join(' | ');
}
