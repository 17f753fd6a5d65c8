/**
 * The syntactic signals that tell what a middleware or handler body does with a request:
 * reads credentials, checks roles, rejects (401/403, `next(err)`, `throw`, redirect to login),
 * limits rates. Shared by Express middleware and handler analysis (and usable by Nest guards).
 */
import ts from 'typescript';
import { dottedName, isMemberAccess, literalNumber, literalString, memberName, shortText, unwrap } from '../ast';

/** Names bound to the request, response and `next` in a function and the callbacks inside it. */
export interface RequestNames {
  req: Set<string>;
  res: Set<string>;
  next: Set<string>;
  /** Names destructured from the request (`({ headers, user }, res, next)`): name -> property. */
  reqProps: Map<string, string>;
}

export function requestNames(fn: ts.SignatureDeclaration): RequestNames {
  const names: RequestNames = { req: new Set(), res: new Set(), next: new Set(), reqProps: new Map() };
  const [p0, p1, p2] = fn.parameters;
  if (p0) {
    if (ts.isIdentifier(p0.name)) names.req.add(p0.name.text);
    else if (ts.isObjectBindingPattern(p0.name)) {
      for (const el of p0.name.elements) {
        const prop = (el.propertyName ?? el.name);
        if (ts.isIdentifier(el.name) && (ts.isIdentifier(prop) || ts.isStringLiteral(prop))) names.reqProps.set(el.name.text, prop.text);
      }
    }
  }
  if (p1 && ts.isIdentifier(p1.name)) names.res.add(p1.name.text);
  if (p2 && ts.isIdentifier(p2.name)) names.next.add(p2.name.text);
  return names;
}

const CREDENTIAL_HEADERS = /^(authorization|x-api-key|x-access-token|x-auth-token|x-token|token|api-key|apikey|x-apikey|x-session-token|cookie)$/i;
const TOKEN_LIKE = /token|jwt|session|sid|auth|api[-_]?key|apikey|bearer/i;
const ROLE_NAME = /^(role|roles|permission|permissions|scope|scopes|isAdmin|is_admin|admin|isSuperuser|is_superuser|superuser|isStaff|groups|group|privileges|authorities|accessLevel|access_level|userType|user_type|userRole|rights|claims|can)$/;
const ROLE_CALL = /^(hasRole|hasRoles|hasAnyRole|hasPermission|hasPermissions|hasScope|isAdmin|isSuperAdmin|checkRole|checkRoles|checkPermission|checkPermissions|authorize|can|cannot|isAllowed|ensureRole|requireRole|requirePermission)$/;
const VERIFY_CALL = /^(verify|verifyIdToken|verifyAccessToken|verifySessionCookie|jwtVerify|verifyToken|validateToken|verifyJwt|verifyJWT|decodeToken|introspect|getUserFromToken|validateSession|verifySession|getSession)$/;
const AUTH_ERROR = /unauthori[sz]ed|forbidden|authenticat|notloggedin|accessdenied|permission/i;
export const ADMIN_LITERAL = /^(admin|administrator|superadmin|super_admin|root|owner|staff|moderator|manager)$/i;

/** Does the expression read a credential from the request? Returns a description, e.g. `req.user`. */
export function credentialRead(node: ts.Node, names: RequestNames): string | undefined {
  if (isMemberAccess(node)) {
    const parts = dottedName(node);
    if (!parts) return undefined;
    let [root, a, b] = parts;
    const viaProp = names.reqProps.get(root);
    if (viaProp) { b = a; a = viaProp; root = '<req>'; }
    const isReq = names.req.has(root) || root === '<req>';
    const head = root === '<req>' ? [viaProp!, ...parts.slice(1)] : parts;
    const upTo = (n: number): string => head.slice(0, n).join('.');
    if (isReq) {
      if (a === 'user' || a === 'auth' || a === 'currentUser' || a === 'principal' || a === 'apiKey' || a === 'token' || a === 'userId' || a === 'claims') return upTo(root === '<req>' ? 1 : 2);
      if (a === 'session' && b !== undefined && b !== 'destroy' && b !== 'regenerate' && b !== 'save' && b !== 'cookie') return upTo(root === '<req>' ? 2 : 3);
      if (a === 'headers' && b !== undefined && CREDENTIAL_HEADERS.test(b)) return upTo(root === '<req>' ? 2 : 3);
      if ((a === 'cookies' || a === 'signedCookies') && b !== undefined && TOKEN_LIKE.test(b)) return upTo(root === '<req>' ? 2 : 3);
      if (a === 'query' && b !== undefined && TOKEN_LIKE.test(b)) return upTo(root === '<req>' ? 2 : 3);
      if (a === 'isAuthenticated' || a === 'isUnauthenticated') return `${upTo(root === '<req>' ? 1 : 2)}()`;
    }
    if (names.res.has(root) && a === 'locals' && (b === 'user' || b === 'auth' || b === 'session')) return upTo(3);
    return undefined;
  }
  if (ts.isCallExpression(node)) {
    const parts = dottedName(node.expression);
    if (!parts) return undefined;
    const last = parts[parts.length - 1];
    if (parts.length === 2 && names.req.has(parts[0]) && (last === 'header' || last === 'get')) {
      const h = node.arguments[0] && literalString(node.arguments[0]);
      if (h && CREDENTIAL_HEADERS.test(h)) return `${parts.join('.')}('${h}')`;
    }
    if (parts.length === 2 && names.reqProps.get(parts[0]) === 'headers' && last === 'get') {
      const h = node.arguments[0] && literalString(node.arguments[0]);
      if (h && CREDENTIAL_HEADERS.test(h)) return `headers.get('${h}')`;
    }
    if (VERIFY_CALL.test(last)) return `${parts.join('.')}()`;
  }
  return undefined;
}

function statusName(e: ts.Expression): number | undefined {
  const n = literalNumber(e);
  if (n !== undefined) return n;
  const name = memberName(unwrap(e)) ?? (ts.isIdentifier(unwrap(e)) ? (unwrap(e) as ts.Identifier).text : undefined);
  if (!name) return undefined;
  if (/UNAUTHORI[SZ]ED/i.test(name)) return 401;
  if (/FORBIDDEN/i.test(name)) return 403;
  if (/TOO_MANY_REQUESTS/i.test(name)) return 429;
  if (/BAD_REQUEST/i.test(name)) return 400;
  return undefined;
}

export interface Rejection {
  what: string;
  /** 401/403 or an auth-named error: unambiguous as an access check. */
  authSpecific: boolean;
}

/** Does the node reject the request (end it with an error status, pass an error on, throw)? */
export function rejection(node: ts.Node, names: RequestNames): Rejection | undefined {
  if (ts.isThrowStatement(node)) {
    const t = node.expression ? shortText(node.expression, 50) : 'throw';
    return { what: `throws ${t}`, authSpecific: AUTH_ERROR.test(t) || /\b40[13]\b/.test(t) };
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isMemberAccess(node.left) && memberName(node.left) === 'statusCode') {
    const s = statusName(node.right);
    if (s !== undefined && s >= 400 && s < 500) return { what: `sets status ${s}`, authSpecific: s === 401 || s === 403 };
  }
  if (!ts.isCallExpression(node)) return undefined;
  const callee = unwrap(node.expression);
  const method = isMemberAccess(callee) ? memberName(callee) : undefined;
  if (method === 'status' || method === 'sendStatus' || method === 'writeHead') {
    const s = node.arguments[0] ? statusName(node.arguments[0]) : undefined;
    if (s !== undefined && s >= 400 && s < 500) return { what: `responds ${s}`, authSpecific: s === 401 || s === 403 };
  }
  if (method === 'redirect') return { what: `redirects (${node.arguments.map((a) => shortText(a, 30)).join(', ')})`, authSpecific: /login|signin|sign-in|auth/i.test(node.arguments.map((a) => a.getText()).join(' ')) };
  if (ts.isIdentifier(callee) && (names.next.has(callee.text))) {
    const arg = node.arguments[0];
    if (arg && literalString(arg) !== 'route' && literalString(arg) !== 'router' && unwrap(arg).kind !== ts.SyntaxKind.NullKeyword
      && !(ts.isIdentifier(unwrap(arg)) && (unwrap(arg) as ts.Identifier).text === 'undefined')) {
      const t = shortText(arg, 50);
      return { what: `calls ${callee.text}(${t})`, authSpecific: AUTH_ERROR.test(t) || /\b40[13]\b/.test(t) };
    }
  }
  // `.catch(next)`, `promise.then(ok, next)`: an error reaches next
  for (const a of node.arguments) {
    if (ts.isIdentifier(a) && names.next.has(a.text) && method !== undefined && (method === 'catch' || method === 'then')) {
      return { what: `passes errors to ${a.text}`, authSpecific: false };
    }
  }
  if (ts.isIdentifier(callee) && /^(createError|createHttpError|httpError)$/.test(callee.text)) {
    const s = node.arguments[0] ? statusName(node.arguments[0]) : undefined;
    if (s === 401 || s === 403) return { what: `creates a ${s} error`, authSpecific: true };
  }
  return undefined;
}

/** A role/permission check: `req.user.role`, `user.isAdmin`, `hasRole(…)`, `=== 'admin'`. */
export function roleCheck(node: ts.Node, names: RequestNames): { what: string; roles: string[] } | undefined {
  if (isMemberAccess(node) && !isMemberAccess(node.parent) ) {
    const parts = dottedName(node);
    if (parts && parts.length >= 2 && !names.res.has(parts[0])) {
      const hit = parts.slice(1).find((p) => ROLE_NAME.test(p));
      if (hit) return { what: parts.join('.'), roles: comparedLiterals(node) };
    }
  }
  if (ts.isCallExpression(node)) {
    const parts = dottedName(node.expression);
    const last = parts?.[parts.length - 1];
    if (last && ROLE_CALL.test(last)) return { what: `${parts!.join('.')}()`, roles: node.arguments.map((a) => literalString(a)).filter((s): s is string => s !== undefined) };
  }
  if (ts.isBinaryExpression(node) && isEquality(node.operatorToken.kind)) {
    for (const side of [node.left, node.right]) {
      const s = literalString(side);
      if (s !== undefined && ADMIN_LITERAL.test(s)) return { what: shortText(node, 50), roles: [s] };
    }
  }
  return undefined;
}

function isEquality(k: ts.SyntaxKind): boolean {
  return k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken
    || k === ts.SyntaxKind.ExclamationEqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsToken;
}

/** String literals a role access is compared with (`role === 'admin'`, `roles.includes('admin')`). */
function comparedLiterals(node: ts.Node): string[] {
  const p = node.parent;
  const out: string[] = [];
  if (p && ts.isBinaryExpression(p) && isEquality(p.operatorToken.kind)) {
    const other = p.left === node ? p.right : p.left;
    const s = literalString(other);
    if (s !== undefined) out.push(s);
  }
  if (p && ts.isPropertyAccessExpression(p) && p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p) {
    for (const a of p.parent.arguments) { const s = literalString(a); if (s !== undefined) out.push(s); }
  }
  return out;
}

/** Does the expression read the authenticated principal (`req.user`, `req.auth`, the session user)? */
export function principalRead(node: ts.Node, names: RequestNames): string | undefined {
  if (!isMemberAccess(node) || isMemberAccess(node.parent)) return undefined;
  const parts = dottedName(node);
  if (!parts) return undefined;
  let [root, a, b] = parts;
  const viaProp = names.reqProps.get(root);
  if (viaProp) { b = a; a = viaProp; root = '<req>'; }
  if (names.req.has(root) || root === '<req>') {
    if (a === 'user' || a === 'auth' || a === 'currentUser' || a === 'principal' || a === 'userId') return parts.join('.');
    if (a === 'session' && b !== undefined && /user|account|member|principal|uid/i.test(b)) return parts.join('.');
  }
  if (names.res.has(root) && a === 'locals' && (b === 'user' || b === 'auth')) return parts.join('.');
  return undefined;
}

/** The first principal read anywhere in a function body. */
export function firstPrincipalRead(fn: ts.SignatureDeclaration & { body?: ts.Node }): string | undefined {
  if (!fn.body) return undefined;
  const names = requestNames(fn);
  if (names.req.size === 0 && names.reqProps.size === 0) return undefined;
  let found: string | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    found = principalRead(n, names);
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return found;
}
