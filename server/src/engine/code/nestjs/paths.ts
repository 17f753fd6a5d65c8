/** Route path patterns as Nest and path-to-regexp read them, matched against our `{param}` paths. */
import { normalizePath } from '../../model/operation';

const cache = new Map<string, RegExp>();

/**
 * `health`, `auth/(.*)`, `auth/*`, `users/:id`, `{*splat}`, `*` → a RegExp over normalized paths
 * (`/users/{id}`). Wildcards match the rest of the path, including nothing.
 */
export function patternRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  const segs = pattern.replace(/^\/+|\/+$/g, '').split('/').filter((s) => s !== '');
  let body = '';
  for (const s of segs) {
    if (s === '*' || s === '(.*)' || /^\{?\*\w*\}?$/.test(s) || s === '*path' || /^\(\.\*\)$/.test(s)) {
      body += '(?:/.*)?';
      continue;
    }
    const part = s
      .split(/(:[A-Za-z_$][\w$]*\??|\{[A-Za-z_$][\w$]*\}|\(\.\*\)|\*)/)
      .map((p) => {
        if (!p) return '';
        if (p.startsWith(':') || /^\{\w+\}$/.test(p)) return '[^/]+';
        if (p === '(.*)' || p === '*') return '.*';
        return p.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    body += '/' + part;
  }
  re = new RegExp(`^${body || ''}/?$`, 'i');
  if (!segs.length) re = /^.*$/;
  cache.set(pattern, re);
  return re;
}

export function matchesPattern(pattern: string, path: string): boolean {
  return patternRegExp(pattern).test(normalizePath(path));
}
