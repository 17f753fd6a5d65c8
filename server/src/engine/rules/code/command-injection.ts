/**
 * OS command injection: request data in a command line run by a shell (`child_process.exec`,
 * `execSync`, `spawn(…, { shell: true })`, shelljs/execa's shell modes), or choosing the program
 * that `spawn`/`execFile` starts. Arguments passed as an array without a shell are the safe form.
 */
import ts from 'typescript';
import { unwrap } from '../../code/ast';
import { forEachRouteCall } from '../../code/flow/route-calls';
import { optionValue } from '../../code/middleware/libraries';
import { defineCodeRule } from '../rule';

const SHELL_FUNCTIONS = new Set(['exec', 'execSync']);
const ARGV_FUNCTIONS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']);

export default defineCodeRule({
  meta: {
    id: 'command-injection',
    kind: 'code',
    results: { scope: 'unit' },
    owasp: ['API8:2023'],
    cwe: [78],
    severity: 'error',
    recommended: true,
    description: 'Do not run shell commands built from request data; pass arguments as an array without a shell.',
    messages: {
      shell: '{{method}} {{path}}: {{source}} is part of a command line run by a shell ({{api}}); `;`, `|` or `$(…)` in it run arbitrary commands.',
      program: '{{method}} {{path}}: {{source}} chooses the program {{api}} starts.',
    },
  },
  create(ctx) {
    const seen = new Set<ts.Node>();
    return {
      route(route, project) {
        forEachRouteCall(route, project, seen, (call, c, flow) => {
          if (!ts.isCallExpression(call) || call.arguments.length === 0) return;
          const v = flow.resolver.resolve(call.expression);
          if (v.kind !== 'external') return;
          const fnName = v.path.filter((p) => p !== 'default').join('.');
          const mod = v.module;
          const api = `${mod}.${fnName || '()'}`;
          const report = (messageId: 'shell' | 'program', node: ts.Expression, text: string): void => {
            seen.add(call);
            const sf = node.getSourceFile();
            ctx.report({
              messageId,
              data: { method: route.method.toUpperCase(), path: route.path, source: text, api },
              at: { file: sf.fileName, range: { start: node.getStart(sf), end: node.getEnd() } },
              operation: { method: route.method.toUpperCase(), path: route.path },
            });
          };
          const arg0 = call.arguments[0];
          const opts = call.arguments.map((a) => unwrap(a)).find(ts.isObjectLiteralExpression);
          const shellOpt = optionValue(opts, 'shell');
          const viaShell = (mod === 'child_process' && SHELL_FUNCTIONS.has(fnName))
            || (mod === 'shelljs' && fnName === 'exec')
            || (mod === 'execa' && (fnName === 'command' || fnName === 'commandSync' || fnName === 'execaCommand' || fnName === 'execaCommandSync'))
            || (shellOpt !== undefined && shellOpt !== false);
          if (viaShell) {
            for (const a of call.arguments) {
              const t = flow.requestSourcesIn(a, c).find((x) => !x.taint.converted);
              if (t) return report('shell', a, t.taint.text);
            }
            return;
          }
          if ((mod === 'child_process' && ARGV_FUNCTIONS.has(fnName)) || (mod === 'execa' && (fnName === '' || fnName === 'execa' || fnName === 'sync'))) {
            const t = flow.requestSource(arg0, c);
            if (t && !t.converted) report('program', arg0, t.text);
          }
        });
      },
    };
  },
});
