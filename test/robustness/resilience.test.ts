/**
 * Engine-level resilience: a rule that throws is isolated and logged with its id while the
 * other rules still report; a rule that takes too long is stopped by the per-file time budget
 * and the file says so. The deliberately broken rules are passed through EngineOptions.rules.
 */
import * as assert from 'assert';
import { ALL_RULES, ANALYSIS_STOPPED, createEngine, MemoryFileSystem, type Rule } from '../../server/src/engine';
import { defineCodeRule, defineOpenApiRule } from '../../server/src/engine/rules/rule';
import { checkBudget } from '../../server/src/engine/run/budget';
import { specHead } from './generators';
import { corpusText, now, only, RecordingLogger, ROOT } from './support';

const HTTP_RULE = 'spec-server-plain-http';
const SPEC = `${ROOT}/openapi.yaml`;
const APP = `${ROOT}/src/app.ts`;

/** A spec with a plain-HTTP server (one finding from a real rule) and `count` operations. */
function spec(count: number): string {
  let paths = 'paths:\n';
  for (let i = 0; i < count; i++) paths += `  /items${i}:\n    get:\n      security: []\n      responses: {'200': {description: ok}}\n`;
  return specHead(paths);
}

/** An OpenAPI rule that throws `value` from the visitor named `where`. */
function throwingRule(id: string, where: 'create' | 'document' | 'operation' | 'server', value: () => unknown): Rule {
  return defineOpenApiRule({
    meta: { id, kind: 'openapi', owasp: ['API9:2023'], severity: 'error', recommended: true, description: 'throws on purpose', messages: { never: 'never' } },
    create() {
      if (where === 'create') throw value();
      return { [where]: () => { throw value(); } };
    },
  });
}

function spin(ms: number): void {
  // Busy work that really takes time (the budget measures real time); no sleeping.
  const end = now() + ms;
  while (now() < end) {
    /* spin */
  }
}

describe('robustness: engine resilience', function () {
  this.timeout(60_000);

  describe('a rule that throws is isolated and logged with its id', () => {
    const thrown: [string, () => unknown][] = [
      ['an Error', () => new Error('boom')],
      ['a string', () => 'boom'],
      ['undefined', () => undefined],
      ['an object without toString', () => Object.create(null)],
      ['an Error whose message getter throws', () => Object.defineProperty(new Error(), 'message', { get: () => { throw new Error('nested'); } })],
      ['a stack overflow', () => { const f = (): number => f() + 1; try { return f(); } catch (e) { return e; } }],
    ];
    for (const where of ['create', 'document', 'operation', 'server'] as const) {
      for (const [what, value] of thrown) {
        it(`throwing ${what} from ${where}()`, async () => {
          const logger = new RecordingLogger();
          const id = `test-throws-in-${where}`;
          const engine = createEngine({ fs: new MemoryFileSystem({ [SPEC]: spec(3) }), roots: [ROOT], rules: [...ALL_RULES, throwingRule(id, where, value)], logger });
          const r = await engine.lintFile(SPEC);
          assert.strictEqual(only(r.findings, HTTP_RULE).length, 1, 'the other rules still report');
          assert.ok(r.failures.length >= 1 && r.failures.every((f) => f.ruleId === id), JSON.stringify(r.failures));
          assert.ok(logger.matching(new RegExp(`rule ${id} crashed on ${SPEC}`)).length >= 1, 'logged with the rule id');
          const audit = await engine.audit();
          assert.strictEqual(only(audit.findings, HTTP_RULE).length, 1);
          assert.ok(audit.failures.some((f) => f.ruleId === id));
        });
      }
    }

    it('a code rule that throws on one file does not hide the findings of another rule', async () => {
      const logger = new RecordingLogger();
      const crashing = defineCodeRule({
        meta: { id: 'test-code-throws', kind: 'code', owasp: ['API9:2023'], severity: 'error', recommended: true, description: 'throws', messages: { never: 'never' } },
        create: () => ({ sourceFile() { throw new TypeError('cannot read properties of undefined'); } }),
      });
      const reporting = defineCodeRule({
        meta: { id: 'test-code-reports', kind: 'code', owasp: ['API9:2023'], severity: 'info', recommended: true, description: 'reports every file', messages: { seen: 'seen' } },
        create: (ctx) => ({ sourceFile(sf) { ctx.report({ messageId: 'seen', at: { file: sf.fileName, range: { start: 0, end: 1 } } }); } }),
      });
      const engine = createEngine({ fs: new MemoryFileSystem({ [APP]: corpusText('express-app.ts.txt') }), roots: [ROOT], rules: [crashing, reporting], logger });
      const r = await engine.lintFile(APP);
      assert.strictEqual(only(r.findings, 'test-code-reports').length, 1);
      assert.deepStrictEqual(r.failures.map((f) => f.ruleId), ['test-code-throws']);
      assert.strictEqual(logger.matching(/rule test-code-throws crashed/).length, 1);
    });
  });

  describe('per-file analysis time budget', () => {
    it('a rule that is slow on every operation is stopped, and the file says so', async () => {
      const slow = defineOpenApiRule({
        meta: { id: 'test-slow-rule', kind: 'openapi', owasp: ['API9:2023'], severity: 'info', recommended: true, description: 'slow', messages: { op: 'op' } },
        create: (ctx) => ({
          operation(op) {
            spin(20);
            ctx.report({ messageId: 'op', at: { pointer: op.pointer } });
          },
        }),
      });
      const operations = 60; // 60 x 20 ms, far over a 100 ms budget
      const engine = createEngine({ fs: new MemoryFileSystem({ [SPEC]: spec(operations) }), roots: [ROOT], rules: [...ALL_RULES, slow], settings: { analysisBudgetMs: 100 } });
      const r = await engine.lintFile(SPEC);
      const stopped = only(r.findings, ANALYSIS_STOPPED);
      assert.strictEqual(stopped.length, 1, 'one "analysis stopped" finding');
      assert.strictEqual(stopped[0].severity, 'info');
      assert.match(stopped[0].message, /100 ms/);
      const reported = only(r.findings, 'test-slow-rule').length;
      assert.ok(reported > 0 && reported < operations, `stopped part-way (${reported} of ${operations})`);
      assert.strictEqual(only(r.findings, HTTP_RULE).length, 1, 'what was found before the stop is kept');
      assert.deepStrictEqual(r.failures, [], 'a stop is not a crash');
    });

    it('a rule stuck in a loop that calls checkBudget() ends when the budget is spent', async () => {
      const stuck = defineOpenApiRule({
        meta: { id: 'test-stuck-rule', kind: 'openapi', owasp: ['API9:2023'], severity: 'info', recommended: true, description: 'loops', messages: { never: 'never' } },
        create: () => ({
          document() {
            for (;;) checkBudget();
          },
        }),
      });
      const engine = createEngine({ fs: new MemoryFileSystem({ [SPEC]: spec(2) }), roots: [ROOT], rules: [...ALL_RULES, stuck], settings: { analysisBudgetMs: 50 } });
      const r = await engine.lintFile(SPEC);
      assert.strictEqual(only(r.findings, ANALYSIS_STOPPED).length, 1);
      assert.deepStrictEqual(r.failures, []);
    });

    it('code files are budgeted one by one: a slow file stops, the others are still analysed', async () => {
      const files: Record<string, string> = {};
      for (const name of ['a', 'b', 'c']) files[`${ROOT}/src/${name}.ts`] = `export const ${name} = 1;\n`;
      const slowOnA = defineCodeRule({
        meta: { id: 'test-slow-on-a', kind: 'code', owasp: ['API9:2023'], severity: 'info', recommended: true, description: 'slow on a.ts', messages: { seen: 'seen' } },
        create: (ctx) => ({
          sourceFile(sf) {
            if (sf.fileName.endsWith('/a.ts')) for (;;) checkBudget();
            ctx.report({ messageId: 'seen', at: { file: sf.fileName, range: { start: 0, end: 6 } } });
          },
        }),
      });
      const engine = createEngine({ fs: new MemoryFileSystem(files), roots: [ROOT], rules: [slowOnA], settings: { analysisBudgetMs: 50 } });
      const audit = await engine.audit();
      const stopped = only(audit.findings, ANALYSIS_STOPPED).map((f) => f.file);
      assert.deepStrictEqual(stopped, [`${ROOT}/src/a.ts`]);
      assert.deepStrictEqual(only(audit.findings, 'test-slow-on-a').map((f) => f.file).sort(), [`${ROOT}/src/b.ts`, `${ROOT}/src/c.ts`]);
    });

    it('real documents stay far inside the default budget (no "analysis stopped")', async () => {
      const engine = createEngine({
        fs: new MemoryFileSystem({ [SPEC]: corpusText('orders-api.yaml'), [APP]: corpusText('express-app.ts.txt'), [`${ROOT}/swagger.json`]: corpusText('legacy-shop.json') }),
        roots: [ROOT],
      });
      const audit = await engine.audit();
      assert.deepStrictEqual(only(audit.findings, ANALYSIS_STOPPED), []);
      assert.strictEqual(only(audit.findings, HTTP_RULE).filter((f) => f.file === SPEC).length, 1, 'the staging server');
    });
  });
});
