/**
 * Code injection: request data evaluated as JavaScript (`eval`, `new Function`, `vm.run*`,
 * `vm.Script`, string timers). There is no safe way to evaluate untrusted code in-process.
 */
import ts from 'typescript';
import { forEachRouteCall } from '../../code/flow/route-calls';
import { defineCodeRule } from '../rule';

export default defineCodeRule({
  meta: {
    id: 'code-injection',
    kind: 'code',
    results: { scope: 'unit' },
    owasp: ['API8:2023'],
    cwe: [95],
    severity: 'error',
    recommended: true,
    description: 'Never evaluate request data as code (eval, Function, vm, string timers).',
    messages: {
      evaluated: '{{method}} {{path}}: {{source}} is evaluated as JavaScript by {{api}}; a caller can run any code in the server process.',
    },
  },
  create(ctx) {
    const seen = new Set<ts.Node>();
    return {
      route(route, project) {
        forEachRouteCall(route, project, seen, (call, c, flow) => {
          const v = flow.resolver.resolve(call.expression);
          let api: string | undefined;
          let code: readonly ts.Expression[] = [];
          const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
          if (v.kind === 'global' && v.path.length === 0) {
            if (v.name === 'eval') { api = 'eval()'; code = args.slice(0, 1); }
            else if (v.name === 'Function') { api = ts.isNewExpression(call) ? 'new Function()' : 'Function()'; code = args; }
            else if ((v.name === 'setTimeout' || v.name === 'setInterval') && args[0] && !ts.isFunctionLike(args[0])) { api = `${v.name}() with a string`; code = args.slice(0, 1); }
          } else if (v.kind === 'external' && (v.module === 'vm' || v.module === 'vm2')) {
            const fn = v.path.filter((p) => p !== 'default').join('.');
            if (/^(runInContext|runInNewContext|runInThisContext|compileFunction|Script|run)$/.test(fn) || /\(\)\.run$/.test(fn)) { api = `${v.module}.${fn}`; code = args.slice(0, 1); }
          }
          if (!api) return;
          for (const a of code) {
            const t = flow.requestSource(a, c);
            if (!t || t.converted) continue;
            seen.add(call);
            const sf = a.getSourceFile();
            ctx.report({
              messageId: 'evaluated',
              data: { method: route.method.toUpperCase(), path: route.path, source: t.text, api },
              at: { file: sf.fileName, range: { start: a.getStart(sf), end: a.getEnd() } },
              operation: { method: route.method.toUpperCase(), path: route.path },
            });
            return;
          }
        });
      },
    };
  },
});
