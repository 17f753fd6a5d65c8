/**
 * Semgrep-style annotated fixture projects (test/fixtures/code/express/<name>/): a
 * `// ruleid: <id>` comment expects a finding of that rule on the next code line, `// ok: <id>`
 * expects none there, and a finding of the covered rules anywhere else fails the test.
 * These are realistic multi-file projects, so they also guard against false positives.
 * Information-level findings (public-looking reads placed before the auth middleware) are not
 * annotated.
 */
import * as assert from 'assert';
import { ALL_RULES, createEngine, LineIndex, MemoryFileSystem, type Finding } from '../../../server/src/engine';
import { loadFixture } from './express-routes.test';

/** The Express code rules these fixtures cover. */
export const EXPRESS_RULES = [
  'route-without-authentication', 'route-missing-ownership-check', 'route-missing-role-check', 'request-body-mass-assignment',
  'server-side-request-forgery', 'auth-route-without-rate-limit', 'sql-injection', 'nosql-injection', 'command-injection',
  'code-injection', 'cors-permissive-origin', 'error-details-exposed', 'debug-route-exposed', 'jwt-insecure-verification',
  'hardcoded-signing-secret',
];

interface Expectation { file: string; line: number; rule: string; kind: 'ruleid' | 'ok' }

function expectations(files: Record<string, string>): Expectation[] {
  const out: Expectation[] = [];
  for (const [file, text] of Object.entries(files)) {
    const lines = text.split('\n');
    lines.forEach((l, i) => {
      const m = /^\s*\/\/\s*(ruleid|ok):\s*([\w-]+)/.exec(l);
      if (!m) return;
      let target = i + 1;
      while (target < lines.length && /^\s*\/\//.test(lines[target])) target++;
      out.push({ file, line: target + 1, rule: m[2], kind: m[1] as 'ruleid' | 'ok' });
    });
  }
  return out;
}

export async function annotatedRun(name: string): Promise<{ findings: Finding[]; files: Record<string, string> }> {
  const files = loadFixture(name);
  const rules = ALL_RULES.filter((r) => EXPRESS_RULES.includes(r.meta.id));
  const engine = createEngine({ fs: new MemoryFileSystem(files), roots: ['/ws'], rules });
  const result = await engine.audit();
  assert.deepStrictEqual(result.failures, []);
  return { findings: result.findings.filter((f) => EXPRESS_RULES.includes(f.ruleId) && f.severity !== 'info'), files };
}

for (const name of ['acme-store', 'legacy-forum']) {
  describe(`annotated fixture ${name}`, () => {
    it('reports exactly the annotated findings', async () => {
      const { findings, files } = await annotatedRun(name);
      const got = findings.map((f) => `${f.file.replace('/ws/', '')}:${new LineIndex(files[f.file]).positionAt(f.range.start).line + 1} ${f.ruleId}`).sort();
      const exp = expectations(files);
      const want = exp.filter((e) => e.kind === 'ruleid').map((e) => `${e.file.replace('/ws/', '')}:${e.line} ${e.rule}`).sort();
      assert.deepStrictEqual([...new Set(got)], want);
      for (const ok of exp.filter((e) => e.kind === 'ok')) {
        assert.ok(!got.includes(`${ok.file.replace('/ws/', '')}:${ok.line} ${ok.rule}`), `unexpected ${ok.rule} at ${ok.file}:${ok.line}`);
      }
    });
  });
}
