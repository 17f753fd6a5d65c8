/**
 * What code rules know about a route beyond the normalized Operation: the middleware (or guards)
 * that run before the handler, in order, and the handler function itself. Express and NestJS both
 * produce these, so rules that read handler bodies (ownership checks, mass assignment, SSRF,
 * injection) and rules about the chain (authorization, rate limits) are written once.
 */
import type ts from 'typescript';
import type { Known, Operation, SourceSpan } from '../model/operation';
import type { FilePath } from '../types';
import type { FunctionNode } from './ast';
import type { Env } from './values';

export type MiddlewareKind =
  /** Rejects requests without valid credentials. */
  | 'authentication'
  /** Rejects callers without a role/permission/scope (implies authentication). */
  | 'authorization'
  /** Limits request rates. */
  | 'rate-limit'
  /** Reads credentials when present but never rejects (optional auth, `passport.session()`). */
  | 'identify'
  /** Validates or whitelists the request (zod, joi, celebrate, express-validator). */
  | 'validation'
  /** Known not to authenticate (body parsers, cors, logging). */
  | 'plain'
  /** Could not be resolved or classified: might authenticate. */
  | 'unknown';

export interface MiddlewareInfo {
  kind: MiddlewareKind;
  /** As written at the registration, shortened: `requireAuth`, `passport.authenticate('jwt')`. */
  name: string;
  /** Why it was classified this way ("rejects with 401 when `req.headers.authorization` is missing"). */
  evidence: string;
  /** The package it comes from, for library middleware. */
  library?: string;
  /** The project function, for project middleware. */
  fn?: FunctionNode;
  /** Where the function is defined (project middleware). */
  definedAt?: SourceSpan;
  /** express-jwt `.unless({ path })`: request paths it skips. */
  unless?: (string | RegExp)[];
  /** A rate limiter keyed on a client-controlled header (`X-Forwarded-For`). */
  spoofableKey?: boolean;
  /** Role/permission names an authorization check compares against, when literal. */
  roles?: string[];
}

export interface ChainEntry extends MiddlewareInfo {
  /** The argument that attaches it (or the guard statement in the handler). */
  at: SourceSpan;
  /** How it is attached. */
  via: 'app' | 'router' | 'route' | 'param' | 'handler' | 'guard';
}

export interface HandlerRef {
  file: FilePath;
  node: FunctionNode;
  /** Arguments bound to the parameters of the factory that produced the handler. */
  env?: Env;
}

export interface RouteFacts {
  operation: Operation;
  framework: 'express' | 'nestjs';
  /** Middleware/guards that run before the handler, in order. */
  chain: ChainEntry[];
  handler?: HandlerRef;
  /** Role/permission check that applies (middleware, guard or an inline check in the handler). */
  authorization: Known<{ by: string[]; evidence: string }>;
  /** Where a quick fix inserts middleware in front of the handler (`, ` is added by the fix). */
  insertMiddlewareAt?: { file: FilePath; offset: number; before: boolean };
  /** The registration call (Express) or the method declaration (Nest). */
  registration?: ts.Node;
  /**
   * For a route without authentication: how the project's authentication misses it, most telling
   * first (`registered-after`: an ordering mistake; `route-by-route`: siblings use it).
   */
  nearMiss?: ('registered-after' | 'other-method' | 'other-path' | 'other-router' | 'route-by-route')[];
  /**
   * Handler parameters that receive request data (Nest `@Body()`, `@Param('id')`, `@Req()`,
   * `@CurrentUser()`). Absent for Express, whose handlers take `(req, res)`.
   */
  inputs?: HandlerInput[];
}

export interface HandlerInput {
  param: ts.ParameterDeclaration;
  source: 'body' | 'params' | 'query' | 'headers' | 'cookies' | 'request' | 'response' | 'principal';
  /** `@Param('id')`: the single field it receives. */
  name?: string;
}
