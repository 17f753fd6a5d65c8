/**
 * The normalized endpoint model. Spec operations and code routes both become an `Operation`,
 * so rules about endpoints (and spec <-> code matching) are written once.
 *
 * Facts static analysis cannot settle are `unknown` with a reason, never `false`: a rule
 * reports only on known facts.
 */
import type { FilePath, TextRange } from '../types';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options' | 'trace' | 'all';

export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export type Known<T> = { known: true; value: T } | { known: false; reason: string };

export const known = <T>(value: T): Known<T> => ({ known: true, value });
export const unknown = <T>(reason: string): Known<T> => ({ known: false, reason });

export interface AuthFacts {
  /** True when every request must carry credentials; false when the endpoint is open. */
  required: boolean;
  /** What enforces it or declares it: scheme names, middleware or guard names. */
  by: string[];
  /** Human-readable account of how the decision was made ("no guard: …"). */
  evidence: string;
  /** The endpoint was deliberately declared public (`security: []`, a public pattern, `@Public()`). */
  explicitlyPublic?: boolean;
}

export interface SourceSpan {
  file: FilePath;
  range: TextRange;
  /** JSON pointer segments for spec operations. */
  pointer?: (string | number)[];
}

export type OperationSource = 'openapi' | 'express' | 'nestjs';

export interface OperationParam {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie' | 'body';
}

export interface Operation {
  method: HttpMethod;
  /** Full path with mount and global prefixes, in `{param}` style. */
  path: string;
  source: OperationSource;
  /** Spec: the method key. Code: the route registration (call or decorator). */
  at: SourceSpan;
  /** Code: the handler function, when it could be found. */
  handler?: SourceSpan;
  params: OperationParam[];
  auth: Known<AuthFacts>;
  rateLimit: Known<boolean>;
  deprecated?: boolean;
  tags?: string[];
  operationId?: string;
}

/** `/users/:id(\\d+)` and `/users/{id}` both become `/users/{id}`. */
export function normalizePath(path: string): string {
  let p = path.replace(/:([A-Za-z_$][\w$]*)(\([^)]*\))?\??/g, '{$1}');
  p = p.replace(/\/{2,}/g, '/');
  if (!p.startsWith('/')) p = '/' + p;
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

/** Joins mount prefixes and route paths the way Express and Nest do. */
export function joinPaths(...parts: string[]): string {
  return normalizePath(parts.filter((x) => x !== '' && x !== '/').map((x) => x.replace(/^\/+|\/+$/g, '')).join('/'));
}
