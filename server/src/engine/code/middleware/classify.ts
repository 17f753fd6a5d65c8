/**
 * Classifies middleware and reads handler guards.
 *
 * Library middleware is recognised by import (libraries.ts). Project middleware is recognised by
 * reading its body: it authenticates when it reads a credential (`req.user`, the session, the
 * Authorization header, a token verification) *and* can reject (401/403, `next(err)`, `throw`,
 * a redirect to login). One that reads credentials but never rejects only identifies the caller.
 * Calls into helpers and other middleware (`catchAsync(fn)`, `passport.authenticate(…)(req, res, next)`)
 * are followed a few levels deep, across files.
 */
import ts from 'typescript';
import type { SourceSpan } from '../../model/operation';
import type { EngineSettings } from '../../settings';
import { dottedName, shortText, unwrap, walk, type FunctionNode } from '../ast';
import type { MiddlewareInfo } from '../route-facts';
import { fnName, type Env, type Resolver, type Value } from '../values';
import { matchLibrary } from './libraries';
import { credentialRead, rejection, requestNames, roleCheck, type Rejection, type RequestNames } from './signals';

const MAX_DEPTH = 4;

export interface BodyFacts {
  credential?: string;
  rejects?: Rejection;
  role?: { what: string; roles: string[] };
  rateLimit?: string;
  /** The strongest auth middleware it calls into. */
  delegate?: MiddlewareInfo;
}

export function spanOf(node: ts.Node): SourceSpan {
  const sf = node.getSourceFile();
  return { file: sf.fileName, range: { start: node.getStart(sf), end: node.getEnd() } };
}

export class MiddlewareClassifier {
  private readonly fnFacts = new Map<ts.Node, BodyFacts>();
  private readonly active = new Set<ts.Node>();

  constructor(readonly resolver: Resolver, readonly settings: EngineSettings) {}

  private configured(name: string): boolean {
    const bare = name.replace(/\(.*$/s, '').trim();
    return this.settings.authMiddleware.some((n) => n === name || n === bare || bare.endsWith('.' + n));
  }

  /** What the middleware argument `expr` is. */
  describe(expr: ts.Expression, env?: Env): MiddlewareInfo {
    const name = shortText(expr, 50);
    if (this.configured(name)) return { kind: 'authentication', name, evidence: `\`${name}\` is listed in the authMiddleware setting` };
    return this.describeValue(this.resolver.resolve(expr, env), name, expr);
  }

  describeValue(v: Value, name: string, at: ts.Node): MiddlewareInfo {
    switch (v.kind) {
      case 'external': {
        const calls = callChain(v.node);
        const lib = matchLibrary(v.module, v.path, calls);
        if (lib) return { name, library: v.module, ...lib };
        const wrapped = this.wrappedFunction(v.call);
        if (wrapped) {
          const inner = this.describeValue(wrapped, name, at);
          return { ...inner, evidence: `wraps a function that ${inner.evidence.replace(/^`[^`]*` /, '')}` };
        }
        return { kind: 'unknown', name, library: v.module, evidence: `\`${name}\` comes from package '${v.module}', which API Warden does not know; list it in the authMiddleware setting if it authenticates` };
      }
      case 'function': {
        const f = this.fnFacts.get(v.node) ?? this.bodyFacts(v.node, v.env, 0);
        const fname = fnName(v.node);
        if (this.configured(fname)) return { kind: 'authentication', name, fn: v.node, definedAt: spanOf(v.node), evidence: `\`${fname}\` is listed in the authMiddleware setting` };
        const who = fname === 'an inline function' || v.env?.size ? name : fname;
        return { name, fn: v.node, definedAt: spanOf(v.node), ...verdict(f, `\`${who}\``) };
      }
      case 'param':
        return { kind: 'unknown', name, evidence: `\`${name}\` is passed in by the caller of ${fnName(v.fn)}` };
      case 'global':
        return { kind: 'unknown', name, evidence: `\`${name}\` is not declared in the workspace` };
      case 'unknown':
        return { kind: 'unknown', name, evidence: `\`${name}\` cannot be resolved: ${v.reason}` };
      default:
        return { kind: 'unknown', name, evidence: `\`${name}\` is not a function API Warden can read` };
    }
  }

  /** `asyncHandler(fn)`, `wrap(async (req, res, next) => …)`: the function inside a package wrapper. */
  private wrappedFunction(call: ts.CallExpression | undefined): Value | undefined {
    if (!call) return undefined;
    for (const a of call.arguments) {
      const v = this.resolver.resolve(a);
      if (v.kind === 'function') return v;
    }
    return undefined;
  }

  /** Signals in a function body, following calls that receive the request. */
  bodyFacts(fn: FunctionNode, env: Env | undefined, depth: number): BodyFacts {
    const cached = !env?.size ? this.fnFacts.get(fn) : undefined;
    if (cached) return cached;
    const facts: BodyFacts = {};
    if (this.active.has(fn) || !fn.body) return facts;
    this.active.add(fn);
    try {
      const names = requestNames(fn);
      if (names.req.size === 0 && names.reqProps.size === 0) names.req.add('req');
      if (names.next.size === 0) names.next.add('next');
      const body = fn.body;
      const scan = (n: ts.Node): void => {
        facts.credential ??= credentialRead(n, names) ?? destructuredCredential(n, names);
        const rej = rejection(n, names);
        if (rej && (!facts.rejects || (rej.authSpecific && !facts.rejects.authSpecific))) facts.rejects = rej;
        facts.role ??= roleCheck(n, names);
        if (ts.isCallExpression(n)) this.callFacts(n, names, env, depth, facts);
      };
      scan(body);
      walk(body, (n) => { scan(n); });
    } finally {
      this.active.delete(fn);
    }
    if (!env?.size) this.fnFacts.set(fn, facts);
    return facts;
  }

  private callFacts(call: ts.CallExpression, names: RequestNames, env: Env | undefined, depth: number, facts: BodyFacts): void {
    const parts = dottedName(call.expression);
    const last = parts?.[parts.length - 1];
    if (last === 'consume' || last === 'consumeAsync' || (parts && parts.some((p) => /limiter/i.test(p)) && /^(consume|check|hit|limit|increment|get)$/.test(last ?? ''))) {
      facts.rateLimit ??= `${parts!.join('.')}()`;
    }
    if (depth >= MAX_DEPTH) return;
    const passesRequest = call.arguments.some((a) => {
      const u = unwrap(a);
      return ts.isIdentifier(u) && (names.req.has(u.text) || names.reqProps.has(u.text));
    });
    const calleeIsCall = ts.isCallExpression(unwrap(call.expression));
    if (!passesRequest && !calleeIsCall) return;
    const v = this.resolver.resolve(call.expression, env);
    if (v.kind === 'external') {
      const lib = matchLibrary(v.module, v.path, callChain(v.node));
      if (lib && (lib.kind === 'authentication' || lib.kind === 'authorization') && !facts.delegate) {
        facts.delegate = { name: shortText(call.expression, 50), library: v.module, ...lib };
      }
      if (lib?.kind === 'rate-limit') facts.rateLimit ??= shortText(call.expression, 40);
      return;
    }
    if (v.kind !== 'function' || !passesRequest) return;
    const inner = this.bodyFacts(v.node, v.env, depth + 1);
    const verdictInner = verdict(inner, `\`${fnName(v.node)}\``);
    if ((verdictInner.kind === 'authentication' || verdictInner.kind === 'authorization') && !facts.delegate) {
      facts.delegate = { name: fnName(v.node), fn: v.node, definedAt: spanOf(v.node), ...verdictInner };
    } else if (inner.credential && !facts.credential) {
      facts.credential = `${fnName(v.node)}() (reads ${inner.credential})`;
    }
    if (inner.role && !facts.role) facts.role = { what: `${fnName(v.node)}() (checks ${inner.role.what})`, roles: inner.role.roles };
    if (inner.rateLimit) facts.rateLimit ??= inner.rateLimit;
  }

  /**
   * An access check at the top of a handler: `if (!req.user) return res.status(401)…`,
   * `if (req.user.role !== 'admin') return res.sendStatus(403)`. Only top-level statements count,
   * so a 403 deep in business logic is not mistaken for a guard.
   */
  handlerGuard(fn: FunctionNode): { kind: 'authentication' | 'authorization'; evidence: string; at: ts.Node; roles: string[] } | undefined {
    if (!fn.body || !ts.isBlock(fn.body)) return undefined;
    const names = requestNames(fn);
    if (names.req.size === 0 && names.reqProps.size === 0) return undefined;
    if (names.next.size === 0) names.next.add('next');
    const statements = topStatements(fn.body);
    let auth: { kind: 'authentication' | 'authorization'; evidence: string; at: ts.Node; roles: string[] } | undefined;
    for (const s of statements) {
      if (!ts.isIfStatement(s)) continue;
      let cred: string | undefined;
      let role: { what: string; roles: string[] } | undefined;
      const look = (n: ts.Node): void => {
        cred ??= credentialRead(n, names);
        role ??= roleCheck(n, names);
      };
      look(s.expression);
      walk(s.expression, (n) => { look(n); });
      if (!cred && !role) continue;
      let rej: Rejection | undefined;
      const branch = (n: ts.Node): void => {
        const r = rejection(n, names);
        if (r && (r.authSpecific || !rej)) rej = r;
      };
      branch(s.thenStatement);
      walk(s.thenStatement, (n) => { branch(n); });
      if (!rej || !rej.authSpecific) continue;
      const kind = role ? 'authorization' : 'authentication';
      const what = role ? role.what : cred!;
      const found = { kind, evidence: `the handler checks ${what} and ${rej.what}`, at: s, roles: role?.roles ?? [] } as const;
      if (kind === 'authorization') return found;
      auth ??= found;
    }
    return auth;
  }
}

/** The handler statements that run first: the body, and the body of a leading `try`. */
function topStatements(body: ts.Block): ts.Statement[] {
  const out: ts.Statement[] = [];
  for (const s of body.statements) {
    if (ts.isTryStatement(s)) out.push(...s.tryBlock.statements);
    else out.push(s);
  }
  return out.slice(0, 12);
}

/** `const { authorization } = req.headers`. */
function destructuredCredential(n: ts.Node, names: RequestNames): string | undefined {
  if (!ts.isVariableDeclaration(n) || !ts.isObjectBindingPattern(n.name) || !n.initializer) return undefined;
  const parts = dottedName(n.initializer);
  if (!parts || !names.req.has(parts[0])) return undefined;
  for (const el of n.name.elements) {
    const prop = el.propertyName ?? el.name;
    const key = ts.isIdentifier(prop) || ts.isStringLiteral(prop) ? prop.text : undefined;
    if (!key) continue;
    if (parts.length === 1 && /^(user|session|auth)$/.test(key)) return `${parts[0]}.${key}`;
    if (parts[1] === 'headers' && /^(authorization|x-api-key|x-access-token|x-auth-token)$/i.test(key)) return `${parts.join('.')}.${key}`;
    if ((parts[1] === 'cookies' || parts[1] === 'session') && /token|jwt|user|sid|auth/i.test(key)) return `${parts.join('.')}.${key}`;
  }
  return undefined;
}

/** The decision for a body's facts. */
export function verdict(f: BodyFacts, who: string): Pick<MiddlewareInfo, 'kind' | 'evidence' | 'roles'> {
  if (f.delegate && (f.delegate.kind === 'authentication' || f.delegate.kind === 'authorization')) {
    const kind = f.role && f.rejects ? 'authorization' : f.delegate.kind;
    const inner = f.delegate.evidence.replace(/^`[^`]*` /, '');
    const evidence = who === `\`${f.delegate.name}\`` ? `${who} ${inner}` : `${who} calls \`${f.delegate.name}\`, which ${inner}`;
    return { kind, evidence, roles: f.delegate.roles };
  }
  if (f.role && f.rejects) return { kind: 'authorization', evidence: `${who} checks ${f.role.what} and ${f.rejects.what}`, roles: f.role.roles };
  if (f.credential && f.rejects) return { kind: 'authentication', evidence: `${who} reads ${f.credential} and ${f.rejects.what}` };
  if (f.rateLimit) return { kind: 'rate-limit', evidence: `${who} calls ${f.rateLimit}` };
  if (f.credential) return { kind: 'identify', evidence: `${who} reads ${f.credential} but never rejects the request` };
  return { kind: 'plain', evidence: `${who} does not check credentials` };
}

/** Calls along a member/call chain, innermost first: `jwt({…}).unless({…})` -> [jwt(…), ….unless(…)]. */
export function callChain(node: ts.Node): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  let n: ts.Node = node;
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n)) n = n.expression;
    else if (ts.isCallExpression(n)) { out.unshift(n); n = n.expression; }
    else if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) n = n.expression;
    else break;
  }
  return out;
}

