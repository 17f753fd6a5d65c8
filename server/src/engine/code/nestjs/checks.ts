/**
 * Reading what a guard's `canActivate` (or a middleware's `use`) checks, on the tree: does it
 * look at a principal (request.user, a session, the Authorization header, a token verified by
 * a call), does it ever reject, which Reflector metadata does it read and how, and can a
 * client-controlled input (a header, a query flag) make it allow the request.
 */
import ts from 'typescript';
import type { CodeFile } from '../project';
import { metaKeyOf } from './decorators';
import type { MetaRead } from './model';
import { calleeName, forEachDescendant, isTrueLiteral, literalString, propertyName, unwrap, walkTree } from './syntax';
import type { Workspace } from './workspace';

/** Request parts a client writes freely. */
const CLIENT_INPUTS = new Set(['headers', 'query', 'body', 'params', 'cookies', 'signedCookies']);
/** Header names that carry credentials (reading them is authentication, not a bypass, when verified). */
const CREDENTIAL_HEADERS = /^(authorization|x-api-key|api-key|x-auth-token|x-access-token|apikey|x-token)$/i;
const VERIFY_CALL = /^(verify|verifyAsync|verifyIdToken|verifySession|validate\w*|authenticate\w*|introspect\w*|decode\w*Token|check\w*(Token|Auth|Key|Session|Credentials|Permission|Access)\w*|isAuthenticated|isValid\w*|compare|timingSafeEqual|getSession|getUser|currentUser|findByApiKey|findByToken|lookupToken)$/;
const PRINCIPAL_PROPS = /^(user|principal|auth|currentUser|account|identity|session|claims|tokenPayload|jwtPayload)$/;
const ROLE_PROPS = /^(role|roles|permissions|permission|scopes|scope|isAdmin|admin|groups|authorities|grants|privileges|accessLevel|level)$/;
const REFLECTOR_METHODS = new Set(['get', 'getAllAndOverride', 'getAllAndMerge', 'getAll']);
/** Authorization calls: CASL abilities, permission services, policy handlers. */
const ROLE_CALL = /^(can|cannot|hasRole|hasRoles|hasAnyRole|hasPermission|hasPermissions|hasScope|checkPolicies|checkPolicy|isAuthorized|authorize|isAllowed|enforce|createForUser|matchRoles)$/;

export interface BodyFacts {
  /** Reads a principal or a credential. */
  readsPrincipal: boolean;
  /** Compares a client credential with a server-side secret (an API key guard): no user, the key is the privilege. */
  sharedSecret: boolean;
  /** Has a path that rejects: returns false, throws, or returns a computed verdict. */
  rejects: boolean;
  /** Every return is literally true and nothing throws. */
  alwaysTrue: boolean;
  /** Compares the principal's roles/permissions. */
  checksRoles: boolean;
  /** Calls `super.canActivate(...)`. */
  callsSuper: boolean;
  optOut: MetaRead[];
  activeWhen: MetaRead[];
  /** A client-controlled input that returns true early, described. */
  bypass?: string;
  /** The condition that lets the client-controlled input through. */
  bypassAt?: ts.Node;
  /** Calls that receive the request/context and could not be read. */
  opaqueDelegates: string[];
  /** Metadata keys read (whatever the use). */
  reads: MetaRead[];
}

interface Ctx {
  ws: Workspace;
  file: CodeFile;
  cls: ts.ClassLikeDeclaration;
  depth: number;
}

function isReflectorCall(e: ts.Expression): e is ts.CallExpression {
  const x = unwrap(e);
  if (!ts.isCallExpression(x) || !ts.isPropertyAccessExpression(x.expression)) return false;
  if (!REFLECTOR_METHODS.has(x.expression.name.text)) return false;
  const recv = x.expression.expression.getText().toLowerCase();
  return recv.includes('reflector');
}

function readOf(ctx: Ctx, call: ts.CallExpression): MetaRead | undefined {
  const keyArg = call.arguments[0];
  if (!keyArg) return undefined;
  const { key, label } = metaKeyOf(ctx.ws, ctx.file, keyArg);
  const targets = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
  const items = targets ? (ts.isArrayLiteralExpression(targets) ? targets.elements : [targets]) : [];
  let handler = false;
  let cls = false;
  for (const t of items) {
    const n = ts.isExpression(t) ? calleeName(t) : undefined;
    if (n === 'getHandler') handler = true;
    else if (n === 'getClass') cls = true;
    else handler = cls = true; // unknown target: assume both, the permissive reading
  }
  if (!items.length) handler = cls = true;
  return { key, label, handler, cls };
}

/** Describes a client-controlled read: "header 'x-internal'", "query parameter 'debug'". */
export function clientInput(e: ts.Node): string | undefined {
  let found: string | undefined;
  walkTree(e, (n: ts.Node): 'skip' | undefined => {
    if (found) return 'skip';
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const obj = unwrap(n.expression);
      const objName = ts.isPropertyAccessExpression(obj) ? obj.name.text : ts.isIdentifier(obj) ? obj.text : undefined;
      if (objName && CLIENT_INPUTS.has(objName)) {
        const key = ts.isPropertyAccessExpression(n) ? n.name.text : literalString(n.argumentExpression);
        if (key !== undefined) {
          const kind = objName === 'headers' ? 'header' : objName === 'query' ? 'query parameter' : objName === 'body' ? 'body field' : objName === 'params' ? 'path parameter' : 'cookie';
          found = `${kind} '${key}'`;
        }
      }
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(header|get)$/.test(n.expression.name.text)) {
      const recv = n.expression.expression.getText();
      const arg = literalString(n.arguments[0]);
      if (arg && /req|request/i.test(recv)) found = `header '${arg}'`;
    }
    return undefined;
  });
  return found;
}

function mentionsVerification(e: ts.Node): boolean {
  let yes = false;
  walkTree(e, (n: ts.Node): 'skip' | undefined => {
    if (yes) return 'skip';
    if (ts.isCallExpression(n)) {
      const name = calleeName(n.expression);
      if (name && VERIFY_CALL.test(name)) yes = true;
    }
    return undefined;
  });
  return yes;
}

const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/** Does a condition reading a credential header compare it with a secret (not a literal)? */
function comparesWithSecret(cond: ts.Expression): boolean {
  let yes = false;
  walkTree(cond, (n: ts.Node): 'skip' | undefined => {
    if (yes) return 'skip';
    if (ts.isBinaryExpression(n) && EQUALITY.has(n.operatorToken.kind)) {
      const sides = [n.left, n.right];
      if (sides.some((s) => clientInput(s)) && sides.some((s) => !clientInput(s) && !literalString(s) && !ts.isLiteralExpression(unwrap(s)))) yes = true;
    }
    return undefined;
  });
  return yes;
}

/** The statement's "allow" branch: `if (c) return true;` or `if (c) { …; return true; }`. */
function allowsEarly(st: ts.IfStatement): boolean {
  const t = st.thenStatement;
  if (ts.isReturnStatement(t)) return isTrueLiteral(t.expression);
  if (ts.isBlock(t)) {
    const last = t.statements[t.statements.length - 1];
    return !!last && ts.isReturnStatement(last) && isTrueLiteral(last.expression);
  }
  return false;
}

function isPositiveUse(cond: ts.Expression, name: string): 'positive' | 'negative' | undefined {
  const x = unwrap(cond);
  if (ts.isIdentifier(x) && x.text === name) return 'positive';
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = unwrap(x.operand);
    if (ts.isIdentifier(inner) && inner.text === name) return 'negative';
    if (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(unwrap(inner.expression)) && (unwrap(inner.expression) as ts.Identifier).text === name) return 'negative'; // !roles?.length
    if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken) return isPositiveUse(inner.operand, name);
  }
  if (ts.isBinaryExpression(x)) {
    const op = x.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken) return isPositiveUse(x.left, name) ?? isPositiveUse(x.right, name);
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) {
      const other = unwrap(ts.isIdentifier(unwrap(x.left)) && (unwrap(x.left) as ts.Identifier).text === name ? x.right : x.left);
      const mentions = [x.left, x.right].some((s) => ts.isIdentifier(unwrap(s)) && (unwrap(s) as ts.Identifier).text === name)
        || [x.left, x.right].some((s) => ts.isPropertyAccessExpression(unwrap(s)) && (unwrap(s) as ts.PropertyAccessExpression).expression.getText() === name);
      if (!mentions) return undefined;
      if (other.kind === ts.SyntaxKind.TrueKeyword) return 'positive';
      if (other.kind === ts.SyntaxKind.UndefinedKeyword || other.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(other) && other.text === 'undefined')) return 'negative';
      if (ts.isNumericLiteral(other) && other.text === '0') return 'negative'; // roles.length === 0
    }
  }
  return undefined;
}

/** Facts about one function body (`canActivate`, `use`), following private helpers and injected services one level. */
export function analyzeBody(ws: Workspace, file: CodeFile, cls: ts.ClassLikeDeclaration, fn: ts.FunctionLikeDeclaration): BodyFacts {
  const facts: BodyFacts = {
    readsPrincipal: false, sharedSecret: false, rejects: false, alwaysTrue: false, checksRoles: false, callsSuper: false,
    optOut: [], activeWhen: [], opaqueDelegates: [], reads: [],
  };
  const ctx: Ctx = { ws, file, cls, depth: 0 };
  collect(ctx, fn, facts, true);
  return facts;
}

function collect(ctx: Ctx, fn: ts.FunctionLikeDeclaration, facts: BodyFacts, top: boolean): void {
  const body = fn.body;
  if (!body) return;
  const reflectorVars = new Map<string, MetaRead>();
  let returns = 0;
  let trueReturns = 0;
  let throws = false;
  walkTree(body, (n: ts.Node): 'skip' | undefined => {
    if ((ts.isFunctionDeclaration(n) || ts.isClassLike(n)) && n !== fn) return 'skip';
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isIdentifier(n.name) && isReflectorCall(n.initializer)) {
      const r = readOf(ctx, unwrap(n.initializer) as ts.CallExpression);
      if (r) {
        reflectorVars.set(n.name.text, r);
        facts.reads.push(r);
      }
    } else if (ts.isCallExpression(n) && isReflectorCall(n) && !(ts.isVariableDeclaration(n.parent) && n.parent.initializer === n)) {
      const r = readOf(ctx, n);
      if (r) facts.reads.push(r);
    }
    if (ts.isReturnStatement(n) && !insideNestedFunction(n, fn)) {
      returns++;
      if (isTrueLiteral(n.expression) || isOfTrue(n.expression)) trueReturns++;
      else if (n.expression && n.expression.kind !== ts.SyntaxKind.TrueKeyword) facts.rejects = true;
    }
    if (ts.isThrowStatement(n)) {
      throws = true;
      facts.rejects = true;
    }
    if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && /req|request|ctx|context|getRequest/i.test(n.initializer.getText())) {
      for (const el of n.name.elements) {
        const prop = el.propertyName ? propertyName(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        if (prop && PRINCIPAL_PROPS.test(prop)) facts.readsPrincipal = true;
      }
    }
    if (ts.isPropertyAccessExpression(n)) {
      const name = n.name.text;
      if (PRINCIPAL_PROPS.test(name) && /req|request|ctx|context|http|client|socket|handshake|data/i.test(n.expression.getText())) facts.readsPrincipal = true;
      if (ROLE_PROPS.test(name) && mentionsPrincipalChain(n.expression)) facts.checksRoles = true;
      if (name === 'authorization' || name === 'cookies' || name === 'signedCookies') facts.readsPrincipal = true;
    }
    if (ts.isElementAccessExpression(n)) {
      const key = literalString(n.argumentExpression);
      if (key && CREDENTIAL_HEADERS.test(key)) facts.readsPrincipal = true;
      // gqlContext['user'], request['user']
      if (key && PRINCIPAL_PROPS.test(key) && /req|request|ctx|context|http|client|socket|handshake|data/i.test(n.expression.getText())) facts.readsPrincipal = true;
    }
    if (ts.isCallExpression(n)) {
      const name = calleeName(n.expression);
      if (ts.isPropertyAccessExpression(n.expression) && n.expression.expression.kind === ts.SyntaxKind.SuperKeyword && name === 'canActivate') facts.callsSuper = true;
      if (name && VERIFY_CALL.test(name)) facts.readsPrincipal = true;
      if (name && ROLE_CALL.test(name)) facts.checksRoles = true;
      if (name && /^(header|get)$/.test(name) && ts.isPropertyAccessExpression(n.expression) && /req|request/i.test(n.expression.expression.getText())) {
        const h = literalString(n.arguments[0]);
        if (h && CREDENTIAL_HEADERS.test(h)) facts.readsPrincipal = true;
      }
      if (ctx.depth < 2) followCall(ctx, n, facts);
    }
    if (ts.isIfStatement(n) && allowsEarly(n)) classifyEarlyAllow(n.expression, reflectorVars, facts, ctx);
    if (ts.isBinaryExpression(n) && EQUALITY.has(n.operatorToken.kind) && comparesWithSecret(n)) facts.sharedSecret = true;
    return undefined;
  });
  if (!ts.isBlock(body)) {
    returns++;
    if (isTrueLiteral(body) || isOfTrue(body)) trueReturns++;
    else facts.rejects = true;
    classifyReturn(body, reflectorVars, facts, ctx);
  } else {
    for (const st of body.statements) if (ts.isReturnStatement(st) && st.expression) classifyReturn(st.expression, reflectorVars, facts, ctx);
  }
  if (top) facts.alwaysTrue = returns > 0 && returns === trueReturns && !throws;
}

function insideNestedFunction(n: ts.Node, fn: ts.Node): boolean {
  for (let p = n.parent; p && p !== fn; p = p.parent) if (ts.isFunctionLike(p)) return true;
  return false;
}

function isOfTrue(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  const x = unwrap(e);
  return ts.isCallExpression(x) && /^(of|resolve)$/.test(calleeName(x.expression) ?? '') && x.arguments.length === 1 && isTrueLiteral(x.arguments[0]);
}

function mentionsPrincipalChain(e: ts.Expression): boolean {
  const x = unwrap(e);
  if (ts.isIdentifier(x)) return PRINCIPAL_PROPS.test(x.text) || /user/i.test(x.text);
  if (ts.isPropertyAccessExpression(x)) return PRINCIPAL_PROPS.test(x.name.text) || mentionsPrincipalChain(x.expression);
  if (ts.isElementAccessExpression(x)) return mentionsPrincipalChain(x.expression);
  if (ts.isCallExpression(x)) return /user|principal/i.test(calleeName(x.expression) ?? '');
  return false;
}

function classifyEarlyAllow(cond: ts.Expression, vars: Map<string, MetaRead>, facts: BodyFacts, ctx: Ctx): void {
  let usedMeta = false;
  for (const [name, read] of vars) {
    const use = isPositiveUse(cond, name);
    if (use === 'positive') facts.optOut.push(read);
    if (use === 'negative') facts.activeWhen.push(read);
    if (use) usedMeta = true;
  }
  const inline = findInlineReflector(cond);
  if (inline) {
    const r = readOf(ctx, inline.call);
    if (r) (inline.negated ? facts.activeWhen : facts.optOut).push(r);
    usedMeta = true;
  }
  if (usedMeta) return;
  const input = clientInput(cond);
  if (input && !mentionsVerification(cond) && !comparesWithSecret(cond) && !facts.bypass) {
    facts.bypass = `${input} is set`;
    facts.bypassAt = cond;
  }
}

/** `return isPublic || super.canActivate(ctx)` and `return req.headers['x-debug'] === '1' || …`. */
function classifyReturn(e: ts.Expression, vars: Map<string, MetaRead>, facts: BodyFacts, ctx: Ctx): void {
  const x = unwrap(e);
  if (!ts.isBinaryExpression(x) || x.operatorToken.kind !== ts.SyntaxKind.BarBarToken) return;
  const left = unwrap(x.left);
  if (ts.isIdentifier(left) && vars.has(left.text)) {
    facts.optOut.push(vars.get(left.text)!);
    return;
  }
  if (isReflectorCall(left)) {
    const r = readOf(ctx, left);
    if (r) facts.optOut.push(r);
    return;
  }
  const input = clientInput(left);
  if (input && !mentionsVerification(left) && !comparesWithSecret(left) && !facts.bypass) {
    facts.bypass = `${input} is set`;
    facts.bypassAt = left;
  }
}

function findInlineReflector(cond: ts.Expression): { call: ts.CallExpression; negated: boolean } | undefined {
  const x = unwrap(cond);
  if (isReflectorCall(x)) return { call: unwrap(x) as ts.CallExpression, negated: false };
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken && isReflectorCall(x.operand)) return { call: unwrap(x.operand) as ts.CallExpression, negated: true };
  return undefined;
}

/**
 * Follows `this.helper(...)` in the same class and `this.service.method(...)` into an injected
 * workspace class, once, collecting the principal/role reads they make.
 */
function followCall(ctx: Ctx, call: ts.CallExpression, facts: BodyFacts): void {
  const callee = unwrap(call.expression);
  const passesRequest = call.arguments.some((a) => /\b(req|request|context|ctx|executionContext|getRequest|switchToHttp|client|headers|authorization|token|cookies|session)\b/i.test(a.getText()));
  if (ts.isIdentifier(callee)) {
    // `return validateRequest(request)`: a function of the workspace, read like a helper method.
    const r = ctx.ws.followAlias(ctx.ws.resolveExpression(ctx.file, callee));
    const fn = r.kind === 'decl' && ts.isFunctionDeclaration(r.node) ? r.node
      : r.kind === 'decl' && ts.isVariableDeclaration(r.node) && r.node.initializer && (ts.isArrowFunction(unwrap(r.node.initializer)) || ts.isFunctionExpression(unwrap(r.node.initializer))) ? (unwrap(r.node.initializer) as ts.ArrowFunction)
        : undefined;
    if (fn && fn.body && (r.kind === 'decl')) collect({ ...ctx, file: r.file, depth: ctx.depth + 1 }, fn, facts, false);
    else if (passesRequest && !VERIFY_CALL.test(callee.text) && r.kind !== 'unresolved') facts.opaqueDelegates.push(`${callee.text}()`);
    return;
  }
  if (!ts.isPropertyAccessExpression(callee)) return;
  const recv = unwrap(callee.expression);
  const method = callee.name.text;
  if (recv.kind === ts.SyntaxKind.ThisKeyword) {
    const m = findMethod(ctx.cls, method);
    if (m) collect({ ...ctx, depth: ctx.depth + 1 }, m, facts, false);
    return;
  }
  if (ts.isPropertyAccessExpression(recv) && recv.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const target = injectedClass(ctx, recv.name.text);
    if (target) {
      const m = findMethod(target.node, method);
      if (m) {
        collect({ ws: ctx.ws, file: target.file, cls: target.node, depth: ctx.depth + 1 }, m, facts, false);
        return;
      }
    }
    if (passesRequest && !VERIFY_CALL.test(method)) facts.opaqueDelegates.push(`${recv.name.text}.${method}()`);
  }
}

/** A method, or a property holding an arrow function (`getUser = (ctx) => …`). */
function findMethod(cls: ts.ClassLikeDeclaration, name: string): ts.FunctionLikeDeclaration | undefined {
  for (const m of cls.members) {
    if (!m.name || propertyName(m.name) !== name) continue;
    if (ts.isMethodDeclaration(m) && m.body) return m;
    if (ts.isPropertyDeclaration(m) && m.initializer) {
      const init = unwrap(m.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
  }
  return undefined;
}

/** The workspace class of a constructor-injected property (`constructor(private auth: AuthService)`). */
function injectedClass(ctx: Ctx, prop: string): { file: CodeFile; node: ts.ClassDeclaration } | undefined {
  for (const m of ctx.cls.members) {
    if (!ts.isConstructorDeclaration(m)) continue;
    for (const p of m.parameters) {
      if (!ts.isIdentifier(p.name) || p.name.text !== prop || !p.type || !ts.isTypeReferenceNode(p.type)) continue;
      const r = ctx.ws.resolveName(ctx.file, p.type.typeName.getText());
      if (r.kind === 'decl' && ts.isClassDeclaration(r.node)) return { file: r.file, node: r.node };
    }
  }
  for (const m of ctx.cls.members) {
    if (ts.isPropertyDeclaration(m) && m.name && propertyName(m.name) === prop && m.type && ts.isTypeReferenceNode(m.type)) {
      const r = ctx.ws.resolveName(ctx.file, m.type.typeName.getText());
      if (r.kind === 'decl' && ts.isClassDeclaration(r.node)) return { file: r.file, node: r.node };
    }
  }
  return undefined;
}

/** Whether a middleware/handler body rejects through the response: `res.status(401)`, `sendStatus(403)`, `next(err)`. */
export function rejectsThroughResponse(body: ts.Node): boolean {
  let yes = false;
  forEachDescendant(body, (n) => {
    if (yes) return 'skip';
    if (ts.isCallExpression(n)) {
      const name = calleeName(n.expression);
      const arg = n.arguments[0] ? unwrap(n.arguments[0]) : undefined;
      if ((name === 'status' || name === 'sendStatus') && arg && ts.isNumericLiteral(arg) && /^40[13]$/.test(arg.text)) yes = true;
      if ((name === 'status' || name === 'sendStatus') && arg && ts.isPropertyAccessExpression(arg) && /UNAUTHORIZED|FORBIDDEN/.test(arg.name.text)) yes = true;
      if (name === 'next' && arg && !ts.isIdentifier(arg)) yes = true;
      if (name === 'next' && arg && ts.isIdentifier(arg) && /err|error/i.test(arg.text)) yes = true;
    }
    return undefined;
  });
  return yes;
}
