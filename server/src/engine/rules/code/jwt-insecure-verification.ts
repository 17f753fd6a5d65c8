/**
 * JWT verification that can be bypassed: jsonwebtoken `verify` without pinned `algorithms`
 * (algorithm confusion between HMAC and RSA keys), `algorithms` allowing `none`, `ignoreExpiration`,
 * `jwt.decode` used where no `verify` happens (the signature is never checked), and express-jwt
 * configured without `algorithms`.
 */
import ts from 'typescript';
import { literalString, unwrap, walk, enclosingFunction } from '../../code/ast';
import { flowFor } from '../../code/flow/taint';
import { optionNode, optionValue } from '../../code/middleware/libraries';
import { defineCodeRule } from '../rule';

export default defineCodeRule({
  meta: {
    id: 'jwt-insecure-verification',
    kind: 'code',
    results: { scope: 'unit' },
    owasp: ['API2:2023', 'API8:2023'],
    cwe: [347],
    severity: 'error',
    recommended: true,
    description: 'Verify JWTs with pinned algorithms, never accept `none`, and never trust `jwt.decode`.',
    messages: {
      noneAlgorithm: "The accepted algorithms include 'none': a token without a signature is accepted.",
      noAlgorithms: '{{api}} does not pin `algorithms`: a token signed with another algorithm than intended (HS256 with the RSA public key as secret) may be accepted.',
      decodeOnly: '`{{api}}` reads the token without checking its signature, and this function never verifies it: anyone can forge the claims.',
      ignoresExpiration: '`ignoreExpiration: true` accepts expired tokens forever.',
    },
  },
  create(ctx) {
    return {
      sourceFile(sf, project) {
        if (!/jwt|jsonwebtoken|jose/i.test(sf.text)) return;
        const resolver = flowFor(project).resolver;
        walk(sf, (n) => {
          if (!ts.isCallExpression(n)) return;
          const v = resolver.resolve(n.expression);
          if (v.kind !== 'external') return;
          const fn = v.path.filter((p) => p !== 'default').join('.');
          const at = (node: ts.Node) => ({ file: sf.fileName, range: { start: node.getStart(sf), end: node.getEnd() } });
          if (v.module === 'jsonwebtoken' && fn === 'verify') {
            const opts = n.arguments[2] && unwrap(n.arguments[2]);
            const o = opts && ts.isObjectLiteralExpression(opts) ? opts : undefined;
            if (opts && !o && !ts.isFunctionLike(opts)) return; // options from elsewhere: unknown
            checkAlgorithms(o, n, 'jwt.verify()');
            if (optionValue(o, 'ignoreExpiration') === true) ctx.report({ messageId: 'ignoresExpiration', at: at(optionNode(o, 'ignoreExpiration')!.parent) });
          } else if (v.module === 'express-jwt' && /^(expressjwt|expressJwt|jwt|)$/.test(fn)) {
            const opts = n.arguments[0] && unwrap(n.arguments[0]);
            if (opts && ts.isObjectLiteralExpression(opts)) checkAlgorithms(opts, n, 'express-jwt');
          } else if ((v.module === 'jsonwebtoken' && fn === 'decode') || (v.module === 'jose' && fn === 'decodeJwt') || v.module === 'jwt-decode') {
            const holder = enclosingFunction(n);
            if (holder && !verifiesIn(holder, resolver)) ctx.report({ messageId: 'decodeOnly', data: { api: v.module === 'jsonwebtoken' ? 'jwt.decode()' : `${v.module}${fn ? '.' + fn : ''}()` }, at: at(n) });
          }

          function checkAlgorithms(o: ts.ObjectLiteralExpression | undefined, call: ts.CallExpression, api: string): void {
            const algs = optionNode(o, 'algorithms');
            if (!algs) {
              ctx.report({ messageId: 'noAlgorithms', data: { api }, at: at(call.expression) });
              return;
            }
            const a = unwrap(algs);
            if (ts.isArrayLiteralExpression(a)) {
              const none = a.elements.find((e) => literalString(e)?.toLowerCase() === 'none');
              if (none) ctx.report({ messageId: 'noneAlgorithm', at: at(none) });
            }
          }
        });
      },
    };
  },
});

/** Does the function (or one it is nested in) verify a token somewhere? */
function verifiesIn(fn: ts.Node, resolver: ReturnType<typeof flowFor>['resolver']): boolean {
  let found = false;
  let scope: ts.Node | undefined = fn;
  while (scope && !found) {
    walk(scope, (n) => {
      if (found) return false;
      if (ts.isCallExpression(n)) {
        const v = resolver.resolve(n.expression);
        if (v.kind === 'external' && ((v.module === 'jsonwebtoken' && v.path.includes('verify')) || v.module === 'express-jwt' || (v.module === 'jose' && v.path.some((p) => /Verify$|^jwtVerify$/.test(p))))) found = true;
        const name = ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : ts.isIdentifier(n.expression) ? n.expression.text : '';
        if (/^(verify|verifyIdToken|verifyAccessToken|jwtVerify|verifyToken)$/.test(name)) found = true;
      }
      return undefined;
    });
    scope = enclosingFunction(scope);
  }
  return found;
}
