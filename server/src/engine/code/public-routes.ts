/**
 * Routes that are public by design: the configured `publicRoutes` patterns plus a small built-in
 * list (health checks, docs, login itself). Patterns use `*` for one segment, `**` for any rest.
 */
const BUILT_IN = ['/health', '/healthz', '/ready', '/readyz', '/live', '/livez', '/ping', '/status', '/metrics'];

function toRegExp(pattern: string): RegExp {
  const body = pattern
    .split('/')
    .map((seg) => (seg === '**' ? '.*' : seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
    .join('/');
  return new RegExp(`^${body.replace(/\/\.\*$/, '(?:/.*)?')}/?$`, 'i');
}

export function isPublicRoute(path: string, patterns: readonly string[]): boolean {
  return [...BUILT_IN, ...patterns].some((p) => toRegExp(p).test(path));
}
