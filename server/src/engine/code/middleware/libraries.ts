/**
 * Middleware from well-known packages, recognised by import + member path + call shape
 * (`passport.authenticate(…)`, `expressjwt({…})`, `rateLimit({…})`). Options that turn
 * authentication off (`credentialsRequired: false`, `authRequired: false`) are read.
 */
import ts from 'typescript';
import { literalString, unwrap } from '../ast';
import type { MiddlewareKind } from '../route-facts';

export interface LibraryMatch {
  kind: MiddlewareKind;
  evidence: string;
  unless?: (string | RegExp)[];
  roles?: string[];
}

/** Packages whose middleware never authenticates (parsers, security headers, logging, uploads, docs). */
const PLAIN_PACKAGES = new Set([
  'cors', 'helmet', 'morgan', 'compression', 'cookie-parser', 'body-parser', 'express-session', 'cookie-session', 'multer',
  'serve-static', 'serve-favicon', 'method-override', 'hpp', 'express-mongo-sanitize', 'xss-clean', 'csurf', 'connect-timeout',
  'response-time', 'express-fileupload', 'swagger-ui-express', 'express-winston', 'pino-http', 'errorhandler', 'express-prom-bundle',
  'i18n', 'express-useragent', 'request-ip', 'express-request-id', 'connect-flash', 'express-ejs-layouts', 'http-proxy-middleware',
  'express-status-monitor', 'express-http-context', 'cls-rtracer', 'express-pino-logger', 'connect-redis', 'connect-mongo',
  'express-openapi-validator', 'express-validator', 'celebrate', 'express-xss-sanitizer', 'lusca', 'nocache', 'express-list-endpoints',
  'express-actuator', 'express-healthcheck', 'express-async-errors', 'vhost', 'express-sslify', 'express-enforces-ssl', 'express-ws',
]);

const VALIDATION_PACKAGES = new Set(['express-validator', 'celebrate', 'express-openapi-validator', 'express-joi-validation', 'express-zod-api', 'zod-express-middleware']);

const RATE_LIMIT_PACKAGES = new Set(['express-rate-limit', 'express-slow-down', 'express-brute', 'express-limiter', 'rate-limiter-flexible', 'express-rate-limiter']);

function optionsOf(call: ts.CallExpression | undefined): ts.ObjectLiteralExpression | undefined {
  const arg = call?.arguments.find((a) => ts.isObjectLiteralExpression(unwrap(a)));
  return arg ? (unwrap(arg) as ts.ObjectLiteralExpression) : undefined;
}

/** The literal value of option `name` in an options object literal: true/false/string, or 'other'. */
export function optionValue(obj: ts.ObjectLiteralExpression | undefined, name: string): boolean | string | 'other' | undefined {
  if (!obj) return undefined;
  for (const p of obj.properties) {
    if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) || p.name.text !== name) continue;
    if (!ts.isPropertyAssignment(p)) return 'other';
    const v = unwrap(p.initializer);
    if (v.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (v.kind === ts.SyntaxKind.FalseKeyword) return false;
    const s = literalString(v);
    return s ?? 'other';
  }
  return undefined;
}

export function optionNode(obj: ts.ObjectLiteralExpression | undefined, name: string): ts.Expression | undefined {
  if (!obj) return undefined;
  for (const p of obj.properties) {
    if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name) {
      if (ts.isPropertyAssignment(p)) return p.initializer;
      if (ts.isShorthandPropertyAssignment(p)) return p.name;
      if (ts.isMethodDeclaration(p)) return p as unknown as ts.Expression;
    }
  }
  return undefined;
}

function unlessPaths(call: ts.CallExpression | undefined): (string | RegExp)[] | undefined {
  const opts = optionsOf(call);
  const node = optionNode(opts, 'path');
  if (!node) return undefined;
  const out: (string | RegExp)[] = [];
  const add = (e: ts.Expression): void => {
    const v = unwrap(e);
    const s = literalString(v);
    if (s !== undefined) out.push(s);
    else if (ts.isRegularExpressionLiteral(v)) {
      const m = /^\/(.*)\/([a-z]*)$/s.exec(v.text);
      if (m) {
        try { out.push(new RegExp(m[1], m[2])); } catch { /* invalid literal: ignore */ }
      }
    } else if (ts.isObjectLiteralExpression(v)) {
      const url = optionNode(v, 'url');
      if (url) add(url);
    }
  };
  const v = unwrap(node);
  if (ts.isArrayLiteralExpression(v)) v.elements.forEach(add);
  else add(v);
  return out;
}

function literalArgs(call: ts.CallExpression | undefined): string[] {
  if (!call) return [];
  const out: string[] = [];
  for (const a of call.arguments) {
    const v = unwrap(a);
    const s = literalString(v);
    if (s !== undefined) out.push(s);
    else if (ts.isArrayLiteralExpression(v)) for (const e of v.elements) { const t = literalString(e); if (t !== undefined) out.push(t); }
  }
  return out;
}

/**
 * Classifies a value from package `module` reached through `path` (member names and `()` for
 * calls). `calls` are the call expressions along the path, outermost last.
 */
export function matchLibrary(module: string, path: readonly string[], calls: readonly ts.CallExpression[]): LibraryMatch | undefined {
  const key = path.filter((p) => p !== 'default').join('.');
  const last = calls[calls.length - 1];
  const first = calls[0];
  switch (module) {
    case 'express':
      if (/^(json|urlencoded|raw|text|static)\.\(\)$/.test(key) || key === 'json' || key === 'urlencoded') return { kind: 'plain', evidence: 'an Express built-in' };
      return undefined;
    case 'passport':
      if (key === 'authenticate.()') {
        const strategies = literalArgs(first);
        if (strategies.includes('anonymous')) return { kind: 'identify', evidence: 'passport.authenticate with the anonymous strategy lets unauthenticated requests through' };
        return { kind: 'authentication', evidence: `passport.authenticate(${strategies.map((s) => `'${s}'`).join(', ')}) rejects requests that fail the strategy` };
      }
      if (key === 'initialize.()') return { kind: 'plain', evidence: 'passport.initialize() only sets passport up' };
      if (key === 'session.()') return { kind: 'identify', evidence: 'passport.session() restores a logged-in user but lets anonymous requests through' };
      return undefined;
    case 'express-jwt': {
      const isFactory = key === '()' || key === 'expressjwt.()' || key === 'expressJwt.()' || key === 'jwt.()';
      const isUnless = /^(expressjwt\.|expressJwt\.|jwt\.)?\(\)\.unless\.\(\)$/.test(key);
      if (!isFactory && !isUnless) return undefined;
      if (optionValue(optionsOf(first), 'credentialsRequired') === false) {
        return { kind: 'identify', evidence: 'express-jwt with credentialsRequired: false lets requests without a token through' };
      }
      return { kind: 'authentication', evidence: 'express-jwt rejects requests without a valid token', unless: isUnless ? unlessPaths(last) ?? [] : undefined };
    }
    case 'express-oauth2-jwt-bearer':
      if (key === 'auth.()') {
        if (optionValue(optionsOf(first), 'authRequired') === false) return { kind: 'identify', evidence: 'auth({ authRequired: false }) lets requests without a token through' };
        return { kind: 'authentication', evidence: 'express-oauth2-jwt-bearer auth() rejects requests without a valid access token' };
      }
      if (/^(requiredScopes|scopeIncludesAny|claimCheck|claimEquals|claimIncludes)\.\(\)$/.test(key)) {
        return { kind: 'authorization', evidence: `${key.replace('.()', '()')} checks the token's scopes or claims`, roles: literalArgs(first) };
      }
      return undefined;
    case 'express-openid-connect':
      if (key === 'requiresAuth.()') return { kind: 'authentication', evidence: 'requiresAuth() sends anonymous users to log in' };
      if (key === 'auth.()') {
        if (optionValue(optionsOf(first), 'authRequired') === false) return { kind: 'identify', evidence: 'auth({ authRequired: false }) does not require login' };
        return { kind: 'authentication', evidence: 'express-openid-connect auth() requires login on every route by default' };
      }
      if (/^(claimCheck|claimEquals|claimIncludes)\.\(\)$/.test(key)) return { kind: 'authorization', evidence: `${key.replace('.()', '()')} checks the user's claims`, roles: literalArgs(first) };
      return undefined;
    case 'express-basic-auth':
      if (key === '()') return { kind: 'authentication', evidence: 'express-basic-auth rejects requests without valid credentials' };
      return undefined;
    case 'connect-ensure-login':
      if (key === 'ensureLoggedIn.()' || key === 'ensureAuthenticated.()') return { kind: 'authentication', evidence: 'ensureLoggedIn() redirects anonymous users to log in' };
      if (key === 'ensureLoggedOut.()') return { kind: 'plain', evidence: 'ensureLoggedOut() does not authenticate' };
      return undefined;
    case 'keycloak-connect':
      if (key === '().protect.()') {
        const roles = literalArgs(last);
        return roles.length
          ? { kind: 'authorization', evidence: `keycloak.protect('${roles.join("', '")}') requires a role`, roles }
          : { kind: 'authentication', evidence: 'keycloak.protect() requires a logged-in user' };
      }
      if (key === '().middleware.()') return { kind: 'identify', evidence: 'keycloak.middleware() sets up sessions but does not require login' };
      return undefined;
    case 'express-jwt-authz':
      if (key === '()') return { kind: 'authorization', evidence: 'express-jwt-authz checks the token scopes', roles: literalArgs(first) };
      return undefined;
    case 'express-jwt-permissions':
      if (key === '().check.()') return { kind: 'authorization', evidence: 'guard.check() checks the token permissions', roles: literalArgs(last) };
      return undefined;
    case 'express-rate-limit':
    case 'express-slow-down':
      if (key === '()' || key === 'rateLimit.()' || key === 'slowDown.()' || key === 'default.()') return { kind: 'rate-limit', evidence: `${module} limits request rates` };
      return undefined;
    case 'express-brute':
      if (key === '().prevent' || key === '().getMiddleware.()') return { kind: 'rate-limit', evidence: 'express-brute blocks repeated attempts' };
      return undefined;
    case 'express-limiter':
      return { kind: 'rate-limit', evidence: 'express-limiter limits request rates' };
    default:
      if (VALIDATION_PACKAGES.has(module)) return { kind: 'validation', evidence: `${module} validates the request` };
      if (RATE_LIMIT_PACKAGES.has(module)) return { kind: 'rate-limit', evidence: `${module} limits request rates` };
      if (PLAIN_PACKAGES.has(module)) return { kind: 'plain', evidence: `${module} does not authenticate` };
      return undefined;
  }
}

export function isPlainPackage(module: string): boolean {
  return PLAIN_PACKAGES.has(module);
}
