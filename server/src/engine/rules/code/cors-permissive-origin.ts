/**
 * CORS that lets any site make credentialed requests: the `cors` package with `origin: true`, an
 * origin callback that accepts everything, or `'*'`, together with `credentials: true`; and the same
 * done by hand (`Access-Control-Allow-Origin` set to the request's Origin header, with
 * `Access-Control-Allow-Credentials: true`). Any web page the user visits can then read their data.
 */
import ts from 'typescript';
import { dottedName, isFunctionNode, literalString, unwrap, walk } from '../../code/ast';
import { escapeSnippet as esc } from '../../code/express/fixes';
import { flowFor } from '../../code/flow/taint';
import { optionNode, optionValue } from '../../code/middleware/libraries';
import type { Fix } from '../../types';
import { defineCodeRule } from '../rule';

export default defineCodeRule({
  meta: {
    id: 'cors-permissive-origin',
    kind: 'code',
    results: { scope: 'unit' },
    owasp: ['API8:2023'],
    cwe: [942],
    severity: 'error',
    recommended: true,
    description: 'CORS must not allow any origin together with credentials.',
    messages: {
      reflectsAnyOrigin: 'CORS accepts every origin ({{how}}) with credentials: any web page a user visits can call this API as that user and read the responses.',
      wildcardWithCredentials: "CORS allows origin '*' with credentials: browsers refuse the combination, so either credentials are not needed or the origin must be an explicit list.",
      manualReflection: 'Access-Control-Allow-Origin is set from the request\'s Origin header while credentials are allowed: any site can read this API\'s responses as the user.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      sourceFile(sf, project) {
        if (!/cors|Access-Control-Allow/i.test(sf.text)) return;
        const resolver = flowFor(project).resolver;
        walk(sf, (n) => {
          if (ts.isCallExpression(n)) {
            const v = resolver.resolve(n.expression);
            if (v.kind === 'external' && v.module === 'cors' && v.path.filter((p) => p !== 'default').length === 0) checkCorsCall(n);
          }
          if (isFunctionNode(n) && n.body) checkManualHeaders(n);
        });

        function checkCorsCall(call: ts.CallExpression): void {
          const opts = call.arguments[0] && unwrap(call.arguments[0]);
          if (!opts || !ts.isObjectLiteralExpression(opts)) return;
          if (optionValue(opts, 'credentials') !== true) return;
          const origin = optionNode(opts, 'origin');
          if (!origin) return; // cors() defaults to '*' without credentials headers being honoured
          const o = unwrap(origin);
          let how: string | undefined;
          if (o.kind === ts.SyntaxKind.TrueKeyword) how = 'origin: true reflects the Origin header';
          else if (literalString(o) === '*') return report('wildcardWithCredentials', origin, opts);
          else if (ts.isRegularExpressionLiteral(o) && /^\/\.\*?\/[a-z]*$|^\/\.\+\/[a-z]*$/.test(o.text)) how = `origin: ${o.text} matches everything`;
          else if (isFunctionNode(o) || ts.isIdentifier(o)) {
            const fnv = resolver.resolve(o);
            if (fnv.kind === 'function' && acceptsEverything(fnv.node)) how = 'the origin callback accepts every origin';
          }
          if (how) report('reflectsAnyOrigin', origin, opts, how);
        }

        function report(messageId: 'reflectsAnyOrigin' | 'wildcardWithCredentials', origin: ts.Expression, opts: ts.ObjectLiteralExpression, how = ''): void {
          const prop = origin.parent;
          const range = { start: prop.getStart(sf), end: prop.getEnd() };
          const suggestions: Fix[] = [];
          if (ts.isPropertyAssignment(prop)) {
            suggestions.push({
              title: 'Restrict CORS to an explicit list of origins',
              isSnippet: true,
              edits: [{ file: sf.fileName, range: { start: origin.getStart(sf), end: origin.getEnd() }, newText: `[${esc("'")}\${1:https://app.example.com}${esc("'")}]` }],
            });
          }
          void opts;
          ctx.report({ messageId, data: { how }, at: { file: sf.fileName, range }, suggestions });
        }

        function checkManualHeaders(fn: ts.SignatureDeclaration & { body?: ts.Node }): void {
          let reflect: ts.Node | undefined;
          let credentials = false;
          const visitBody = (n: ts.Node): void => {
            if (n !== fn && isFunctionNode(n)) return;
            if (ts.isCallExpression(n) && n.arguments.length >= 2) {
              const name = dottedName(n.expression)?.pop();
              const header = literalString(n.arguments[0])?.toLowerCase();
              if (name && /^(setHeader|header|set|append)$/.test(name) && header) {
                if (header === 'access-control-allow-credentials' && /true/i.test(n.arguments[1].getText())) credentials = true;
                if (header === 'access-control-allow-origin' && /origin/i.test(n.arguments[1].getText()) && /req|request|headers/.test(n.arguments[1].getText())) reflect = n.arguments[1];
              }
            }
            ts.forEachChild(n, visitBody);
          };
          if (fn.body) ts.forEachChild(fn.body, visitBody);
          if (reflect && credentials) {
            ctx.report({ messageId: 'manualReflection', at: { file: sf.fileName, range: { start: reflect.getStart(sf), end: reflect.getEnd() } } });
          }
        }
      },
    };
  },
});

/** `(origin, cb) => cb(null, true)` or `cb(null, origin)` with no condition on the origin. */
function acceptsEverything(fn: ts.SignatureDeclaration & { body?: ts.Node }): boolean {
  const [originParam, cbParam] = fn.parameters;
  if (!cbParam || !ts.isIdentifier(cbParam.name) || !fn.body) return false;
  const cb = cbParam.name.text;
  const origin = originParam && ts.isIdentifier(originParam.name) ? originParam.name.text : undefined;
  let conditional = false;
  let accepts = false;
  const visit = (n: ts.Node, underCondition: boolean): void => {
    if (ts.isIfStatement(n) || ts.isConditionalExpression(n) || (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken))) {
      const cond = ts.isIfStatement(n) ? n.expression : ts.isConditionalExpression(n) ? n.condition : n.left;
      if (origin && cond.getText().includes(origin)) conditional = true;
      ts.forEachChild(n, (c) => visit(c, true));
      return;
    }
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === cb && n.arguments.length >= 2) {
      const a = unwrap(n.arguments[1]);
      if (a.kind === ts.SyntaxKind.TrueKeyword || (origin && ts.isIdentifier(a) && a.text === origin)) {
        if (!underCondition) accepts = true;
      }
    }
    ts.forEachChild(n, (c) => visit(c, underCondition));
  };
  visit(fn.body, false);
  return accepts && !conditional;
}
