/**
 * Error internals sent to clients: a raw error object or its stack (or driver details such as
 * `err.sql`) in a response, from an error-handling middleware, a `catch` block or a `.catch()`
 * callback; and development error handlers (`errorhandler()`) installed unconditionally.
 * Responses guarded by an environment check (`NODE_ENV !== 'production'`) are fine.
 */
import ts from 'typescript';
import { dottedName, isFunctionNode, memberName, unwrap, walk } from '../../code/ast';
import { flowFor } from '../../code/flow/taint';
import { declarationOf } from '../../code/scope';
import { defineCodeRule } from '../rule';

const SEND = /^(send|json|jsonp|end|write|render)$/;
const LEAKY = /^(stack|sql|sqlMessage|original|parent|errors|raw|query|config|request|response|cause)$/;
const ENV_CHECK = /NODE_ENV|['"]env['"]|isDev|isDevelopment|isProd|isProduction|development|production|debug|DEBUG|expose/;

export default defineCodeRule({
  meta: {
    id: 'error-details-exposed',
    kind: 'code',
    results: { scope: 'unit' },
    owasp: ['API8:2023'],
    cwe: [209],
    severity: 'warning',
    recommended: true,
    description: 'Do not send stack traces or raw error objects to clients.',
    messages: {
      rawError: 'The response includes {{what}}: stack traces, SQL and driver details tell an attacker how the service is built. Log it and send a generic message with an error id.',
      devHandler: '`{{name}}` sends stack traces to clients and is installed regardless of the environment; enable it only in development.',
    },
  },
  create(ctx) {
    return {
      sourceFile(sf, project) {
        const resolver = flowFor(project).resolver;
        const mentionsErrorhandler = sf.text.includes('errorhandler');
        walk(sf, (n) => {
          if (ts.isCallExpression(n)) {
            checkSend(n);
            if (!mentionsErrorhandler) return;
            const v = resolver.resolve(n.expression);
            if (v.kind === 'external' && v.module === 'errorhandler' && v.path.filter((p) => p !== 'default').length === 0 && !guarded(n)) {
              ctx.report({ messageId: 'devHandler', data: { name: 'errorhandler()' }, at: { file: sf.fileName, range: { start: n.getStart(sf), end: n.getEnd() } } });
            }
          }
        });

        function checkSend(call: ts.CallExpression): void {
          const callee = unwrap(call.expression);
          if (!ts.isPropertyAccessExpression(callee) || !SEND.test(callee.name.text) || call.arguments.length === 0) return;
          if (!isResponse(callee.expression)) return;
          for (const a of call.arguments) {
            const what = leak(a);
            if (what && !guarded(call)) {
              ctx.report({ messageId: 'rawError', data: { what: what.text }, at: { file: sf.fileName, range: { start: what.node.getStart(sf), end: what.node.getEnd() } } });
              return;
            }
          }
        }
      },
    };
  },
});

/** `res`, `res.status(500)`, `response`: a chain rooted at a parameter. */
function isResponse(e: ts.Expression): boolean {
  let n = unwrap(e);
  while (ts.isCallExpression(n) || ts.isPropertyAccessExpression(n)) n = unwrap(n.expression);
  if (!ts.isIdentifier(n)) return false;
  const d = declarationOf(n);
  return !!d && ts.isParameter(d) && /^(res|response|resp|reply|ctx)$/.test(n.text);
}

/** An identifier bound to an error: a catch variable, the first parameter of `(err, req, res, next)` or of a `.catch()` callback. */
function isErrorVariable(id: ts.Identifier): boolean {
  const d = declarationOf(id);
  if (!d) return false;
  if (ts.isVariableDeclaration(d) && ts.isCatchClause(d.parent)) return true;
  if (ts.isParameter(d)) {
    const fn = d.parent;
    if (fn.parameters.length === 4 && fn.parameters[0] === d) return true;
    const call = fn.parent;
    if (call && ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'catch' && fn.parameters[0] === d) return true;
  }
  return false;
}

function leak(arg: ts.Expression): { node: ts.Node; text: string } | undefined {
  const a = unwrap(arg);
  if (ts.isIdentifier(a) && isErrorVariable(a)) return { node: a, text: `the raw error object \`${a.text}\`` };
  if ((ts.isPropertyAccessExpression(a) || ts.isElementAccessExpression(a))) {
    const parts = dottedName(a);
    const root = unwrap(a.expression);
    const name = memberName(a);
    if (parts && name && LEAKY.test(name) && ts.isIdentifier(root) && isErrorVariable(root)) return { node: a, text: `\`${a.getText()}\`` };
  }
  if (ts.isObjectLiteralExpression(a)) {
    for (const p of a.properties) {
      const v = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : ts.isSpreadAssignment(p) ? p.expression : undefined;
      const l = v && leak(v);
      if (l) return l;
    }
  }
  if (ts.isCallExpression(a)) {
    // util.inspect(err), JSON.stringify(err), String(err.stack)
    const name = dottedName(a.expression)?.join('.');
    if (name && /^(util\.inspect|inspect|JSON\.stringify|String|serializeError)$/.test(name) && a.arguments[0]) return leak(a.arguments[0]);
  }
  if (ts.isTemplateExpression(a)) {
    for (const s of a.templateSpans) {
      const l = leak(s.expression);
      if (l && !/raw error object/.test(l.text)) return l;
    }
  }
  return undefined;
}

/** Inside an `if`/conditional that checks the environment or a debug flag. */
function guarded(node: ts.Node): boolean {
  for (let p = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isIfStatement(p) && ENV_CHECK.test(p.expression.getText())) return true;
    if (ts.isConditionalExpression(p) && ENV_CHECK.test(p.condition.getText())) return true;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && ENV_CHECK.test(p.left.getText())) return true;
    if (isFunctionNode(p) && !ts.isArrowFunction(p)) {
      // a function only called in development is out of reach here; stop at the function boundary
      break;
    }
  }
  return false;
}
