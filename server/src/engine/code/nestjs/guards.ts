/**
 * What a guard does. Guards are classified from their code where it is in the workspace
 * (`canActivate`, the class they extend, passport's `AuthGuard(...)`, `handleRequest`
 * overrides), from a short table for well-known libraries, and by name only for guards defined
 * outside the workspace. What cannot be read stays `unknown`.
 */
import ts from 'typescript';
import type { EngineSettings } from '../../settings';
import type { CodeFile } from '../project';
import { analyzeBody, rejectsThroughResponse } from './checks';
import type { GuardInfo, MetaRead, MiddlewareUse } from './model';
import { calleeName, extendsExpression, literalString, methodOf, propertyName, returnedExpressions, unwrap, walkTree } from './syntax';
import type { Resolution, Workspace } from './workspace';

/** Names that, for a guard or middleware defined outside the workspace, mean authentication. */
const AUTH_LIKE_NAME = /auth|jwt|session|token|bearer|api-?key|oauth|oidc|keycloak|passport|firebase|clerk|cognito|login|logged/i;

/** Non-authentication middleware commonly passed to `app.use`. */
const KNOWN_NON_AUTH_MIDDLEWARE = /^(helmet|cookieParser|compression|json|urlencoded|raw|text|morgan|session|cors|csurf|static|initialize|graphqlUploadExpress|rateLimit|slowDown|requestIp|responseTime|methodOverride|pinoHttp|logger|useContainer|serveStatic|bodyParser|expressSession|timeout|hpp|xss|mongoSanitize|nocache)$/i;

export class GuardClassifier {
  private readonly byNode = new Map<ts.Node, GuardInfo>();
  private readonly inProgress = new Set<ts.Node>();

  constructor(private readonly ws: Workspace, private readonly settings: EngineSettings) {}

  /** The guard a `@UseGuards(...)`/`APP_GUARD`/`useGlobalGuards` argument denotes. */
  classify(file: CodeFile, expr: ts.Expression): GuardInfo {
    let e = unwrap(expr);
    if (ts.isNewExpression(e)) e = unwrap(e.expression);
    if (ts.isCallExpression(e)) return this.classifyCall(file, e);
    const name = e.getText(file.sourceFile);
    const r = this.ws.followAlias(this.ws.resolveExpression(file, e));
    return this.classifyResolution(r, name);
  }

  private classifyResolution(r: Resolution, name: string): GuardInfo {
    if (this.settings.authMiddleware.includes(name)) return configured(name);
    if (r.kind === 'decl' && ts.isClassDeclaration(r.node)) return this.classifyClass(r.file, r.node);
    if (r.kind === 'decl' && ts.isVariableDeclaration(r.node) && r.node.initializer) {
      const init = unwrap(r.node.initializer);
      if (ts.isClassExpression(init)) return this.classifyClass(r.file, init);
      if (ts.isCallExpression(init)) return { ...this.classifyCall(r.file, init), name };
    }
    if (r.kind === 'expr' && ts.isClassDeclaration(r.node)) return this.classifyClass(r.file, r.node);
    if (r.kind === 'external') return externalGuard(r.spec, r.name, name);
    if (r.kind === 'unresolved') return byName(name, 'it is not declared or imported in the workspace');
    return unknownGuard(name, `${name} could not be resolved to a guard class`);
  }

  /** `AuthGuard('jwt')`, a mixin factory `RoleGuard('admin')`, `new X()`. */
  private classifyCall(file: CodeFile, call: ts.CallExpression): GuardInfo {
    const name = calleeName(call.expression) ?? call.getText(file.sourceFile);
    const label = call.getText(file.sourceFile).replace(/\s+/g, ' ');
    const r = this.ws.followAlias(this.ws.resolveExpression(file, call.expression));
    if (name === 'AuthGuard' && (r.kind === 'unresolved' || (r.kind === 'external' && r.spec === '@nestjs/passport'))) {
      return passportGuard(label, literalStrategies(call.arguments[0]));
    }
    if (r.kind === 'external') return externalGuard(r.spec, r.name, label);
    if (r.kind === 'decl' && (ts.isFunctionDeclaration(r.node) || (ts.isVariableDeclaration(r.node) && r.node.initializer))) {
      // A guard factory (mixin): classify the class it builds and returns.
      const fn = ts.isFunctionDeclaration(r.node) ? r.node : unwrap(r.node.initializer!);
      const isFn = fn && (ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn));
      const cls = isFn ? classInside(fn) : undefined;
      if (cls) return { ...this.classifyClass(r.file, cls), name: label };
      // A factory that returns one of the workspace's guard classes: `return RolesGuard`.
      const returned = isFn ? returnedExpressions(fn).map(unwrap) : [];
      if (returned.length === 1 && (ts.isIdentifier(returned[0]) || ts.isPropertyAccessExpression(returned[0]))) {
        const target = this.ws.followAlias(this.ws.resolveExpression(r.file, returned[0]));
        if (target.kind === 'decl' && ts.isClassDeclaration(target.node)) return { ...this.classifyClass(target.file, target.node), name: label };
      }
      return unknownGuard(label, `the guard factory ${name}() does not visibly build a guard class`);
    }
    if (r.kind === 'unresolved') return byName(label, 'it is not declared or imported in the workspace');
    return unknownGuard(label, `${label} could not be read`);
  }

  classifyClass(file: CodeFile, cls: ts.ClassLikeDeclaration): GuardInfo {
    const cached = this.byNode.get(cls);
    if (cached) return cached;
    const name = cls.name?.text ?? 'anonymous guard';
    if (this.inProgress.has(cls)) return unknownGuard(name, 'its class hierarchy is circular');
    this.inProgress.add(cls);
    try {
      const info = this.classifyClassUncached(file, cls, name);
      info.decl = { file, node: cls };
      this.byNode.set(cls, info);
      return info;
    } finally {
      this.inProgress.delete(cls);
    }
  }

  private baseOf(file: CodeFile, cls: ts.ClassLikeDeclaration): GuardInfo | undefined {
    const ext = extendsExpression(cls);
    if (!ext) return undefined;
    const e = unwrap(ext.expression);
    if (ts.isCallExpression(e)) return this.classifyCall(file, e);
    const r = this.ws.followAlias(this.ws.resolveExpression(file, e));
    return this.classifyResolution(r, e.getText(file.sourceFile));
  }

  private classifyClassUncached(file: CodeFile, cls: ts.ClassLikeDeclaration, name: string): GuardInfo {
    if (this.settings.authMiddleware.includes(name)) return configured(name);
    const base = this.baseOf(file, cls);
    const canActivate = methodOf(cls, 'canActivate');
    const handleRequest = methodOf(cls, 'handleRequest');
    if (handleRequest && base?.passportStrategy !== undefined && !acceptsMissingUserSafely(handleRequest)) {
      return {
        ...emptyGuard(name), kind: 'other', weakness: 'optional-user', evidenceAt: handleRequest.name,
        reason: `${name}.handleRequest() returns without rejecting a missing user, so ${base.name} never refuses a request`,
      };
    }
    if (!canActivate) {
      if (base) return { ...base, name, reason: base.kind === 'unknown' ? base.reason : `${name} extends ${base.name}: ${base.reason}` };
      return unknownGuard(name, `${name} has no canActivate method we can read`);
    }
    const f = analyzeBody(this.ws, file, cls, canActivate);
    const inheritsAuth = f.callsSuper && base && (base.kind === 'authn' || base.requiresUser);
    if (f.alwaysTrue && !f.callsSuper) {
      return { ...emptyGuard(name), kind: 'allow-all', weakness: 'allow-all', evidenceAt: canActivate.name, reason: `${name}.canActivate() always returns true` };
    }
    const requiresUser = !!inheritsAuth || (f.readsPrincipal && f.rejects) || (f.checksRoles && f.rejects);
    const optOut = dedupe([...f.optOut, ...(f.callsSuper && base ? base.optOut : [])]);
    const activeWhen = dedupe([...f.activeWhen, ...(f.callsSuper && base ? base.activeWhen : [])]);
    // A static key compared server-side grants one privilege level to whoever holds it: there is
    // no "any logged-in user" to escalate from, so it counts as its own authorization.
    const keyOnly = f.sharedSecret && !f.checksRoles && !inheritsAuth;
    const checksRoles = f.checksRoles || keyOnly;
    const bypass = f.bypass;
    const evidenceAt = f.bypassAt;
    if (requiresUser || checksRoles) {
      const what = inheritsAuth ? `calls ${base!.name} (${base!.reason})` : keyOnly ? 'compares a client credential with a server-side secret (whoever holds the key is trusted)' : checksRoles ? 'compares the user\'s roles with route metadata' : 'checks the request\'s user or credentials and rejects otherwise';
      return {
        name, kind: checksRoles && !inheritsAuth ? 'roles' : 'authn',
        requiresUser: true, checksRoles, optOut, activeWhen, bypass, evidenceAt,
        reason: `${name}.canActivate() ${what}`,
        passportStrategy: inheritsAuth ? base!.passportStrategy : undefined,
      };
    }
    if (f.opaqueDelegates.length) {
      return { ...unknownGuard(name, `${name}.canActivate() delegates to ${f.opaqueDelegates[0]}, which could not be read`), optOut, activeWhen, bypass };
    }
    if (!f.rejects) return { ...emptyGuard(name), kind: 'allow-all', optOut, activeWhen, reason: `${name}.canActivate() never rejects a request` };
    return { ...emptyGuard(name), kind: 'other', optOut, activeWhen, bypass, reason: `${name}.canActivate() checks no user, session or token` };
  }

  /** Module middleware (`consumer.apply(X)`) and `app.use(x)` arguments. */
  classifyMiddleware(file: CodeFile, expr: ts.Expression, where: string): MiddlewareUse {
    const e = unwrap(expr);
    const label = e.getText(file.sourceFile).replace(/\s+/g, ' ').slice(0, 60);
    if (ts.isCallExpression(e)) {
      const name = calleeName(e.expression) ?? label;
      if (name === 'authenticate' && /passport/.test(e.expression.getText(file.sourceFile))) return { name: label, kind: 'authn', reason: `${label} is passport authentication`, where };
      if (KNOWN_NON_AUTH_MIDDLEWARE.test(name)) return { name: label, kind: 'other', reason: `${name} is not authentication`, where };
      const r = this.ws.followAlias(this.ws.resolveExpression(file, e.expression));
      if (r.kind === 'decl' && (ts.isFunctionDeclaration(r.node) || ts.isVariableDeclaration(r.node))) {
        const fn = ts.isFunctionDeclaration(r.node) ? r.node : r.node.initializer && unwrap(r.node.initializer);
        const inner = fn && (ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? returnedExpressions(fn).map(unwrap).find((x) => ts.isArrowFunction(x) || ts.isFunctionExpression(x)) : undefined;
        if (inner && (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner))) return this.middlewareFunction(r.file, inner, label, where);
      }
      if (r.kind === 'external' || r.kind === 'unresolved') return middlewareByName(label, name, where);
      return { name: label, kind: 'unknown', reason: `${label} could not be read`, where };
    }
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return this.middlewareFunction(file, e, 'an inline middleware', where);
    const r = this.ws.followAlias(this.ws.resolveExpression(file, e));
    if (this.settings.authMiddleware.includes(label)) return { name: label, kind: 'authn', reason: `${label} is configured as authentication`, where };
    if (r.kind === 'decl' && ts.isClassDeclaration(r.node)) {
      const use = methodOf(r.node, 'use');
      if (!use) return { name: label, kind: 'unknown', reason: `${label} has no use() method we can read`, where };
      const f = analyzeBody(this.ws, r.file, r.node, use);
      const rejects = f.rejects || rejectsThroughResponse(use);
      if (f.readsPrincipal && rejects) return { name: label, kind: 'authn', reason: `${label}.use() checks credentials and rejects otherwise`, where };
      if (f.opaqueDelegates.length) return { name: label, kind: 'unknown', reason: `${label}.use() delegates to ${f.opaqueDelegates[0]}`, where };
      return { name: label, kind: 'other', reason: rejects ? `${label}.use() checks no credentials` : `${label}.use() never rejects a request`, where };
    }
    if (r.kind === 'decl' && (ts.isFunctionDeclaration(r.node) || ts.isVariableDeclaration(r.node))) {
      const fn = ts.isFunctionDeclaration(r.node) ? r.node : r.node.initializer && unwrap(r.node.initializer);
      if (fn && (ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return this.middlewareFunction(r.file, fn, label, where);
    }
    if (r.kind === 'external' || r.kind === 'unresolved') return middlewareByName(label, label, where);
    return { name: label, kind: 'unknown', reason: `${label} could not be read`, where };
  }

  private middlewareFunction(file: CodeFile, fn: ts.FunctionLikeDeclaration, label: string, where: string): MiddlewareUse {
    const holder = ts.factory.createClassDeclaration(undefined, undefined, undefined, undefined, []);
    const f = analyzeBody(this.ws, file, holder, fn);
    const rejects = f.rejects || (fn.body ? rejectsThroughResponse(fn.body) : false);
    if (f.readsPrincipal && rejects) return { name: label, kind: 'authn', reason: `${label} checks credentials and rejects otherwise`, where };
    return { name: label, kind: 'other', reason: rejects ? `${label} checks no credentials` : `${label} never rejects a request`, where };
  }
}

function dedupe(reads: MetaRead[]): MetaRead[] {
  const seen = new Set<string>();
  return reads.filter((r) => {
    const k = `${r.key}|${r.handler}|${r.cls}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function emptyGuard(name: string): GuardInfo {
  return { name, kind: 'other', requiresUser: false, checksRoles: false, optOut: [], activeWhen: [], reason: '' };
}

function unknownGuard(name: string, reason: string): GuardInfo {
  return { ...emptyGuard(name), kind: 'unknown', reason };
}

function configured(name: string): GuardInfo {
  return { ...emptyGuard(name), kind: 'authn', requiresUser: true, reason: `${name} is configured as authentication (apiWarden authMiddleware)` };
}

function literalStrategies(arg: ts.Expression | undefined): string[] {
  if (!arg) return ['default'];
  const x = unwrap(arg);
  if (ts.isArrayLiteralExpression(x)) return x.elements.map((el) => literalString(el as ts.Expression) ?? '?');
  return [literalString(x) ?? '?'];
}

function passportGuard(label: string, strategies: string[]): GuardInfo {
  if (strategies.every((s) => s === 'anonymous')) {
    return { ...emptyGuard(label), kind: 'allow-all', reason: `${label} uses passport's anonymous strategy, which accepts every request`, passportStrategy: 'anonymous' };
  }
  return {
    ...emptyGuard(label), kind: 'authn', requiresUser: true,
    reason: `${label} runs passport's ${strategies.map((s) => (s === 'default' ? 'default strategy' : `'${s}' strategy`)).join(' or ')}`,
    passportStrategy: strategies.join(','),
  };
}

/** Guards from libraries we know, then by name. */
function externalGuard(spec: string, imported: string, label: string): GuardInfo {
  if (spec === '@nestjs/throttler' || /Throttler/.test(imported)) return { ...emptyGuard(label), kind: 'throttle', reason: `${label} limits request rates; it does not authenticate` };
  if (spec === 'nest-keycloak-connect') {
    if (imported === 'AuthGuard') {
      const reads = ['Public', 'Unprotected'].map((k) => ({ key: `ext:${spec}#${k}`, label: `@${k}()`, handler: true, cls: true }));
      return { ...emptyGuard(label), kind: 'authn', requiresUser: true, optOut: reads, reason: `${label} from nest-keycloak-connect validates the bearer token` };
    }
    if (imported === 'RoleGuard') {
      return { ...emptyGuard(label), kind: 'roles', requiresUser: true, checksRoles: true, activeWhen: [{ key: `ext:${spec}#Roles`, label: '@Roles()', handler: true, cls: true }], reason: `${label} from nest-keycloak-connect checks @Roles()` };
    }
    if (imported === 'ResourceGuard') return { ...emptyGuard(label), kind: 'authn', requiresUser: true, reason: `${label} from nest-keycloak-connect enforces resource permissions` };
  }
  return byName(label, `it comes from '${spec}', outside the workspace`);
}

function byName(label: string, why: string): GuardInfo {
  if (/throttl/i.test(label)) return { ...emptyGuard(label), kind: 'throttle', reason: `${label} limits request rates; it does not authenticate` };
  if (/role|permission|polic|casl|ability|admin|scope/i.test(label)) {
    return { ...emptyGuard(label), kind: 'roles', requiresUser: true, checksRoles: true, reason: `${label} is taken as a role guard from its name (${why})` };
  }
  if (AUTH_LIKE_NAME.test(label)) return { ...emptyGuard(label), kind: 'authn', requiresUser: true, reason: `${label} is taken as authentication from its name (${why})` };
  return unknownGuard(label, `${label} cannot be read: ${why}`);
}

function middlewareByName(label: string, name: string, where: string): MiddlewareUse {
  if (KNOWN_NON_AUTH_MIDDLEWARE.test(name)) return { name: label, kind: 'other', reason: `${name} is not authentication`, where };
  if (AUTH_LIKE_NAME.test(name)) return { name: label, kind: 'authn', reason: `${label} is taken as authentication from its name`, where };
  return { name: label, kind: 'other', reason: `${label} does not look like authentication`, where };
}

/** A guard class declared inside a mixin factory's body. */
function classInside(fn: ts.FunctionLikeDeclaration): ts.ClassLikeDeclaration | undefined {
  let found: ts.ClassLikeDeclaration | undefined;
  if (fn.body) walkTree(fn.body, (n: ts.Node): 'skip' | undefined => {
    if (found) return 'skip';
    if (ts.isClassLike(n) && n.members.some((m) => ts.isMethodDeclaration(m) && m.name && propertyName(m.name) === 'canActivate')) {
      found = n;
      return 'skip';
    }
    return undefined;
  });
  return found;
}

/** passport's handleRequest(err, user): safe when some path throws (or returns a rejection) for a missing user. */
function acceptsMissingUserSafely(m: ts.MethodDeclaration): boolean {
  let throws = false;
  if (m.body) walkTree(m.body, (n: ts.Node): 'skip' | undefined => {
    if (ts.isThrowStatement(n)) throws = true;
    if (ts.isCallExpression(n) && /^(reject|error)$/.test(calleeName(n.expression) ?? '')) throws = true;
    return undefined;
  });
  return throws;
}
