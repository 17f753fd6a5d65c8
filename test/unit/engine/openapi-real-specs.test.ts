/**
 * Every spec rule over the real, large documents in ../shared/specs: no crash, no rule failure,
 * every finding (and related location) has a precise, non-empty range inside its file, and the
 * number of findings per document stays something a reviewer reads in one sitting. Counts and
 * times are printed (docs/rules/README.md records them); speed is asserted in benchmarks, not here.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES, createEngine, type Finding } from '../../../server/src/engine';
import { NodeFileSystem } from '../../../server/src/node-file-system';

const REPO = path.resolve(__dirname, '../../../..');
const SPECS = path.join(path.resolve(REPO, '../shared'), 'specs');
/** A reviewer reads this many findings per document; the grouping rules exist to stay under it. */
const READABLE = 60;

const rules = ALL_RULES.filter((r) => r.meta.kind === 'openapi');

describe('spec rules on real documents (../shared/specs)', function () {
  if (!fs.existsSync(SPECS)) {
    it.skip(`skipped: ${SPECS} is absent (the real documents live outside the repository)`, () => undefined);
    return;
  }
  const files = fs.readdirSync(SPECS).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort();
  const rows: string[] = [];
  after(() => {
    if (rows.length) console.log(`\n    findings per document (openapi rules only):\n${rows.join('\n')}`);
  });

  for (const name of files) {
    it(name, async function () {
      this.timeout(180_000);
      const file = path.join(SPECS, name).replace(/\\/g, '/');
      const text = fs.readFileSync(file, 'utf8');
      const engine = createEngine({ fs: new NodeFileSystem(), roots: [file], rules });
      const t0 = performance.now();
      const result = await engine.lintFile(file);
      const ms = performance.now() - t0;
      assert.deepStrictEqual(result.failures, [], 'no rule may fail');
      const problems = result.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'analysis-stopped' || f.ruleId === 'file-skipped');
      assert.deepStrictEqual(problems.map((f) => f.message), [], 'the document must be analysed completely');
      for (const f of result.findings) checkRanges(f, file, text);
      const byRule = new Map<string, number>();
      for (const f of result.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
      rows.push(`      ${name.padEnd(34)} ${String(result.findings.length).padStart(4)} findings  ${Math.round(ms).toString().padStart(6)} ms  ${[...byRule].map(([r, n]) => `${r.replace(/^spec-/, '')}:${n}`).join(' ')}`);
      assert.ok(result.findings.length <= READABLE, `${result.findings.length} findings: more than a reviewer can read (${READABLE})`);
    });
  }
});

function checkRanges(f: Finding, file: string, text: string): void {
  const where = `${f.ruleId}/${f.messageId}: ${f.message.slice(0, 80)}`;
  assert.strictEqual(f.file, file, `${where}: a finding of a single-file document stays in it`);
  assert.ok(f.range.end > f.range.start, `${where}: empty range ${f.range.start}-${f.range.end}`);
  assert.ok(f.range.end <= text.length, `${where}: range past the end`);
  assert.ok(!f.message.includes('{{'), `${where}: unfilled placeholder`);
  for (const r of f.related ?? []) assert.ok(r.range.end > r.range.start && r.range.end <= text.length, `${where}: related "${r.message}" has no precise range`);
}
