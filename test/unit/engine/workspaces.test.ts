/**
 * Golden audits: each folder under test/fixtures/workspaces/ with an `expected.txt`, and the demo
 * workspace, is audited through the engine and rendered as stable lines
 * (`file:line:col severity ruleId/messageId`, no message text). UPDATE_SNAPSHOTS=1 rewrites the
 * expected files; a new case starts as an empty `expected.txt`, which that fills in for review.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createEngine, LineIndex, relativePath, toEnginePath, type Finding } from '../../../server/src/engine';
import { NodeFileSystem } from '../../../server/src/node-file-system';

const REPO = path.resolve(__dirname, '../../../..');
const FIXTURES = path.join(REPO, 'test/fixtures/workspaces');

const cases: { name: string; dir: string; expected: string }[] = [
  { name: 'examples/demo-shop', dir: path.join(REPO, 'examples/demo-shop'), expected: path.join(REPO, 'test/fixtures/demo-shop.expected.txt') },
  ...fs
    .readdirSync(FIXTURES)
    .filter((d) => fs.existsSync(path.join(FIXTURES, d, 'expected.txt')))
    .map((d) => ({ name: d, dir: path.join(FIXTURES, d), expected: path.join(FIXTURES, d, 'expected.txt') })),
];

export function render(root: string, findings: readonly Finding[], read: (f: string) => string): string {
  const indexes = new Map<string, LineIndex>();
  const lines = findings.map((f) => {
    let idx = indexes.get(f.file);
    if (!idx) indexes.set(f.file, (idx = new LineIndex(read(f.file))));
    const p = idx.positionAt(f.range.start);
    const sup = f.suppressed ? ' (suppressed)' : '';
    return `${relativePath(root, f.file)}:${p.line + 1}:${p.column + 1} ${f.severity} ${f.ruleId}/${f.messageId}${sup}`;
  });
  return lines.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).join('\n') + '\n';
}

describe('golden workspace audits', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const root = toEnginePath(c.dir);
      const fsys = new NodeFileSystem();
      const engine = createEngine({ fs: fsys, roots: [root] });
      const result = await engine.audit();
      assert.deepStrictEqual(result.failures, [], 'no rule may crash');
      const actual = render(root, result.findings, (f) => fsys.readFile(f) ?? '');
      if (process.env.UPDATE_SNAPSHOTS || !fs.existsSync(c.expected)) {
        fs.writeFileSync(c.expected, actual);
        if (!process.env.UPDATE_SNAPSHOTS) assert.fail(`created ${path.relative(REPO, c.expected)}: review it`);
        return;
      }
      assert.strictEqual(actual, fs.readFileSync(c.expected, 'utf8'));
    });
  }
});
