/**
 * A spec edit in a workspace with code keeps the code's route models (they depend on the code
 * files alone) and redoes only what the spec feeds: the pairing, the spec-aware code rules and
 * the drift rules. Differential test: after every random spec edit (and now and then a code
 * edit, so both kinds of invalidation meet), one long-lived engine's findings must equal a
 * fresh engine's on the same texts.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createEngine, type Engine, type Finding } from '../../../server/src/engine';
import { NodeFileSystem } from '../../../server/src/node-file-system';
import { mulberry32, seedsFrom } from '../../helpers';

const REPO = path.resolve(__dirname, '../../../..');

/** Spec tokens the code rules and drift rules read: [from, to], one occurrence replaced. */
const SPEC_FLIPS: [string, string][] = [
  ['security:', 'securityX:'], ['- bearerAuth: []', '[]'], ['deprecated: true', 'deprecated: false'],
  ['additionalProperties: false', 'additionalProperties: true'], ['readOnly: true', 'readOnly: false'],
  ['maxLength: ', 'maxLength: 1'], ['/orders', '/orderz'], ['{id}', '{orderId}'], ['get:', 'head:'], ['post:', 'put:'],
];
const CODE_FLIPS: [string, string][] = [["'/", "'/v2/"], ['req.body', 'req.bodx'], ['UseGuards', 'UseGuard5'], ['authenticate', 'authenticat3']];

function flip(text: string, flips: [string, string][], rnd: () => number): string {
  const candidates = flips.filter(([from]) => text.includes(from));
  if (!candidates.length || rnd() < 0.2) {
    // delete one line: structure changes too (an operation or a property disappears)
    const lines = text.split('\n');
    lines.splice(Math.floor(rnd() * lines.length), 1);
    return lines.join('\n');
  }
  const [from, to] = candidates[Math.floor(rnd() * candidates.length)];
  const hits: number[] = [];
  for (let i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + 1)) hits.push(i);
  const at = hits[Math.floor(rnd() * hits.length)];
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p, ext));
    else if (ext.test(entry.name)) out.push(p);
  }
  return out.sort();
}

const stable = (findings: readonly Finding[]): string[] => findings.map((f) => JSON.stringify(f));

describe('spec edits in a workspace with code equal a fresh analysis', function () {
  this.timeout(process.env.SPEC_EDIT_SEEDS ? 0 : 120_000); // a seed search (SPEC_EDIT_SEEDS=1-200) runs as long as it needs

  for (const rel of ['examples/demo-shop', 'test/fixtures/workspaces/spec-code-drift', 'test/fixtures/workspaces/split-spec-drift']) {
    it(`random spec edits (and some code edits) of ${rel}`, async () => {
      const root = path.join(REPO, rel);
      // The description's files: the root and, for a split spec, the path items and schemas it references.
      const specs = filesUnder(root, /\.ya?ml$/).filter((f) => !f.startsWith(path.join(root, 'src') + path.sep));
      const code = filesUnder(path.join(root, 'src'), /\.ts$/);
      for (const seed of seedsFrom('SPEC_EDIT_SEEDS', [rel.length * 7919])) {
        const rnd = mulberry32(seed);
        const texts = new Map<string, string>();
        const inc = createEngine({ fs: new NodeFileSystem(), roots: [root] });
        const initial = await inc.audit();
        assert.ok(initial.findings.some((f) => f.ruleId.startsWith('drift-')), 'the workspace pairs its spec with its code');
        const fresh = (): Engine => {
          const e = createEngine({ fs: new NodeFileSystem(), roots: [root], incrementalCode: false });
          for (const [f, t] of texts) e.setFile(f, t);
          return e;
        };
        for (let n = 0; n < 25; n++) {
          const codeEdit = rnd() < 0.2;
          const file = codeEdit ? code[Math.floor(rnd() * code.length)] : specs.length > 1 ? specs[Math.floor(rnd() * specs.length)] : specs[0];
          const before = texts.get(file) ?? fs.readFileSync(file, 'utf8');
          const text = rnd() < 0.1 ? fs.readFileSync(file, 'utf8') : flip(before, codeEdit ? CODE_FLIPS : SPEC_FLIPS, rnd);
          texts.set(file, text);
          inc.setFile(file, text);
          const what = `seed ${seed}, edit ${n + 1} (${path.basename(file)})`;
          const lint = await inc.lintFile(file);
          const audit = await inc.audit();
          const f = fresh();
          const expectedLint = await f.lintFile(file);
          const expected = await f.audit();
          assert.deepStrictEqual(stable(audit.findings), stable(expected.findings), `${what}: audit differs from a fresh analysis`);
          assert.deepStrictEqual(stable(lint.findings), stable(expectedLint.findings), `${what}: lintFile differs`);
          assert.deepStrictEqual(audit.failures, expected.failures, `${what}: failures differ`);
        }
      }
    });
  }

  it('a spec edit changes what the code rules conclude: security: [] makes an unguarded route public by design', async () => {
    const root = path.join(REPO, 'examples/demo-shop');
    const spec = path.join(root, 'openapi.yaml');
    const engine = createEngine({ fs: new NodeFileSystem(), roots: [root] });
    const before = await engine.audit();
    const drift = before.findings.find((f) => f.ruleId === 'drift-security-not-enforced');
    assert.ok(drift, 'the demo has a route its spec says is secured');
    const original = fs.readFileSync(spec, 'utf8');
    // Every operation of the edited spec declared public: the code route it pairs with has no
    // security to enforce, so the drift goes away without any code file changing.
    const text = original.replace(/^( +)security:\n(\1 +- .*\n)+/gm, '$1security: []\n');
    assert.notStrictEqual(text, original);
    engine.setFile(spec, text);
    const after = await engine.audit();
    assert.ok(!after.findings.some((f) => f.ruleId === 'drift-security-not-enforced'), 'no drift once the spec says public');
    engine.setFile(spec, original);
    const back = await engine.audit();
    assert.deepStrictEqual(stable(back.findings), stable(before.findings), 'the original text gives the original findings');
  });
});
