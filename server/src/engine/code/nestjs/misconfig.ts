/**
 * Helpers for the Nest misconfiguration rules: CORS options as `enableCors` and
 * `NestFactory.create(…, { cors })` take them, environment guards around set-up code, and
 * authentication mounted in front of a path with `app.use(path, …)`.
 */
import ts from 'typescript';
import { calleeName, isTrueLiteral, literalString, objectProp, returnedExpressions, unwrap, walkTree } from './syntax';

const ENV_CHECK = /NODE_ENV|APP_ENV|ENVIRONMENT|isProd|isProduction|isDev|isDevelopment|production|development|SWAGGER|ENABLE_DOCS|DOCS_ENABLED|isLocal|isTest|staging/i;

/** Is the node inside an `if`/ternary/`&&` whose condition looks at the environment? */
export function underEnvironmentCheck(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isIfStatement(p) && ENV_CHECK.test(p.expression.getText())) return true;
    if (ts.isConditionalExpression(p) && ENV_CHECK.test(p.condition.getText())) return true;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && ENV_CHECK.test(p.left.getText())) return true;
  }
  // early return: `if (process.env.NODE_ENV === 'production') return;` before the node in the same block
  for (let p: ts.Node | undefined = node; p && !ts.isSourceFile(p); p = p.parent) {
    const block: ts.Node | undefined = p.parent;
    if (!block || !ts.isBlock(block)) continue;
    for (const st of (block as ts.Block).statements) {
      if (st === p) break;
      if (ts.isIfStatement(st) && ENV_CHECK.test(st.expression.getText()) && containsReturn(st.thenStatement)) return true;
    }
  }
  return false;
}

function containsReturn(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s)) return true;
  return ts.isBlock(s) && s.statements.some((x) => ts.isReturnStatement(x));
}

export type CorsProblem =
  | { kind: 'reflects'; how: string; origin: ts.Node }
  | { kind: 'wildcard'; origin: ts.Node };

/** `{ origin: true | '*' | (o, cb) => cb(null, true) | /.*\/, credentials: true }`. */
export function corsProblem(opts: ts.Expression | undefined): CorsProblem | undefined {
  if (!opts) return undefined;
  const o = unwrap(opts);
  if (!ts.isObjectLiteralExpression(o)) return undefined;
  const credentials = objectProp(o, 'credentials');
  if (!credentials || !isTrueLiteral(credentials)) return undefined;
  const origin = objectProp(o, 'origin');
  if (!origin) return undefined; // the cors default is '*' without credentials headers echoed: browsers refuse it
  const v = unwrap(origin);
  if (isTrueLiteral(v)) return { kind: 'reflects', how: 'origin: true reflects the request Origin', origin };
  if (literalString(v) === '*') return { kind: 'wildcard', origin };
  if (ts.isRegularExpressionLiteral(v) && /^\/(\.\*|\.\+|\^\.\*\$?)\/[a-z]*$/.test(v.text)) return { kind: 'reflects', how: `origin: ${v.text} matches every origin`, origin };
  if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) {
    if (acceptsEverything(v)) return { kind: 'reflects', how: 'the origin callback accepts every origin', origin };
  }
  return undefined;
}

/** `(origin, cb) => cb(null, true)` or `cb(null, origin)` on every path. */
function acceptsEverything(fn: ts.ArrowFunction | ts.FunctionExpression): boolean {
  const cbParam = fn.parameters[1];
  const originParam = fn.parameters[0];
  if (!cbParam || !ts.isIdentifier(cbParam.name)) {
    const rets = returnedExpressions(fn);
    return rets.length > 0 && rets.every((r) => isTrueLiteral(r));
  }
  const cb = cbParam.name.text;
  const calls: ts.CallExpression[] = [];
  let conditional = false;
  if (fn.body) walkTree(fn.body, (n: ts.Node): 'skip' | undefined => {
    if (ts.isIfStatement(n) || ts.isConditionalExpression(n)) conditional = true;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === cb) calls.push(n);
    return undefined;
  });
  if (conditional || !calls.length) return false;
  return calls.every((c) => {
    const a = c.arguments[1];
    if (!a) return false;
    const x = unwrap(a);
    return isTrueLiteral(x) || (!!originParam && ts.isIdentifier(originParam.name) && ts.isIdentifier(x) && x.text === originParam.name.text);
  });
}

/** Paths `app.use(path, middleware)` puts middleware in front of (any middleware counts as a gate here). */
export function gatedPaths(scope: ts.Node, appName: string): string[] {
  const out: string[] = [];
  walkTree(scope, (n: ts.Node): 'skip' | undefined => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'use' && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === appName && n.arguments.length >= 2) {
      const first = unwrap(n.arguments[0]);
      const list = ts.isArrayLiteralExpression(first) ? first.elements : [first];
      const rest = n.arguments.slice(1).map((a) => calleeName(a) ?? '');
      if (rest.some((name) => /auth|basic|passport|protect|guard|session|jwt|login/i.test(name))) {
        for (const el of list) {
          const s = literalString(el as ts.Expression);
          if (s !== undefined) out.push(s.replace(/^\/+/, '').replace(/\*$/, ''));
        }
      }
    }
    return undefined;
  });
  return out;
}
