/**
 * A description split over files (paths/*.yaml, schemas/*.yaml reached through `$ref`s) is paired
 * with the code as one API: its operations are documented (not shadow routes), spec <-> code
 * findings and their quick fixes land in the file that holds the operation or schema, and an edit
 * of a referenced file is seen by the next analysis exactly as a fresh engine sees it.
 * (The golden audit of test/fixtures/workspaces/split-spec-drift shows every finding.)
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createEngine, MemoryFileSystem, toEnginePath, type Engine, type Finding, type Fix } from '../../../server/src/engine';
import { applyFix } from '../../helpers';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/workspaces/split-spec-drift');
const ROOT = toEnginePath(DIR);

function readFixture(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'expected.txt') out[toEnginePath(p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(DIR);
  return out;
}

const FILES = readFixture();
const at = (rel: string) => `${ROOT}/${rel}`;
const drift = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId.startsWith('drift-'));
const one = (findings: readonly Finding[], ruleId: string, messageId?: string): Finding => {
  const found = findings.filter((f) => f.ruleId === ruleId && (!messageId || f.messageId === messageId));
  assert.strictEqual(found.length, 1, `one ${ruleId}${messageId ? '/' + messageId : ''}: ${found.map((f) => f.file).join(', ')}`);
  return found[0];
};

describe('a spec split over files, paired with its code', () => {
  it('operations of $ref\'d path items are documented; findings and fixes land in the referenced files', async () => {
    const engine = createEngine({ fs: new MemoryFileSystem(FILES), roots: [ROOT] });
    const { findings, operations } = await engine.audit();
    const specOps = operations.filter((o) => o.source === 'openapi').map((o) => `${o.method} ${o.path} ${path.basename(o.at.file)}`).sort();
    assert.deepStrictEqual(specOps, ['delete /customers/{id} customer.yaml', 'get /customers customers.yaml', 'get /customers/{id} customer.yaml', 'get /status status.yaml', 'post /customers customers.yaml']);
    // Only the debug route is undocumented.
    assert.strictEqual(one(findings, 'drift-undocumented-route').operation?.path, '/api/debug/config');

    const unimplemented = one(findings, 'drift-unimplemented-operation');
    assert.strictEqual(unimplemented.file, at('paths/customer.yaml'));
    const deprecate = unimplemented.suggestions?.[0];
    assert.ok(deprecate && deprecate.edits.every((e) => e.file === at('paths/customer.yaml')), 'the deprecate fix edits the path item file');
    assert.match(applyFix(FILES[at('paths/customer.yaml')], deprecate, at('paths/customer.yaml')), /^delete:\n {2}deprecated: true\n/m);

    const publicInSpec = one(findings, 'drift-auth-undocumented');
    assert.strictEqual(publicInSpec.file, at('paths/status.yaml'));
    const secure = publicInSpec.suggestions?.[0];
    assert.ok(secure && secure.edits.every((e) => e.file === at('paths/status.yaml')));
    assert.match(applyFix(FILES[at('paths/status.yaml')], secure, at('paths/status.yaml')), /security: \[\{ bearer: \[\] \}\]/);

    const specMissing = one(findings, 'drift-input-limit-mismatch', 'specMissingLimit');
    assert.strictEqual(specMissing.file, at('schemas/customer-input.yaml'));
    const documentLimit = specMissing.suggestions?.[0];
    assert.ok(documentLimit);
    assert.match(applyFix(FILES[at('schemas/customer-input.yaml')], documentLimit, at('schemas/customer-input.yaml')), /notes: \{ type: string, maxLength: 500 \}/);

    // The documented limit comes from a schema two references away; the related location is there.
    const looser = one(findings, 'drift-input-limit-mismatch', 'codeLooser');
    assert.strictEqual(looser.file, at('src/app.ts'));
    assert.deepStrictEqual(looser.related?.map((r) => r.file), [at('schemas/customer-input.yaml')]);

    const body = one(findings, 'drift-body-not-whitelisted', 'readOnlyFields');
    assert.ok(body.related?.some((r) => r.file === at('schemas/customer-input.yaml')), 'links the readOnly property in the schema file');
    assert.ok(body.related?.some((r) => r.file === at('paths/customers.yaml')), 'links the operation in the path item file');

    // The editor shows a referenced file's spec <-> code findings when that file is linted.
    const lint = await engine.lintFile(at('paths/customer.yaml'));
    assert.ok(lint.findings.some((f) => f.ruleId === 'drift-unimplemented-operation'));
  });

  it('"document this route" adds a method to a $ref\'d path item in its own file, also after that file is edited', async () => {
    const app = at('src/app.ts');
    const item = at('paths/customer.yaml');
    const files = { ...FILES, [app]: FILES[app].replace('app.listen(3000);', "app.patch('/api/customers/:id', requireAuth, (req, res) => res.json({}));\napp.listen(3000);") };
    const engine = createEngine({ fs: new MemoryFileSystem(files), roots: [ROOT] });
    const fixFor = async (): Promise<Fix> => {
      const shadow = (await engine.audit()).findings.find((f) => f.ruleId === 'drift-undocumented-route' && f.operation?.method === 'PATCH');
      const fix = shadow?.fix ?? shadow?.suggestions?.[0];
      assert.ok(fix, 'PATCH /api/customers/{id} is a shadow route with a fix');
      assert.deepStrictEqual(fix.edits.map((e) => e.file), [item], 'the fix edits the path item file, not the $ref in the root');
      return fix;
    };
    const documented = async (text: string): Promise<void> => {
      engine.setFile(item, text);
      const after = await engine.audit();
      assert.ok(!after.findings.some((f) => f.ruleId === 'drift-undocumented-route' && f.operation?.method === 'PATCH'), 'documented once the fix is applied');
      assert.ok(!after.findings.some((f) => f.ruleId === 'parse-error'), 'the file still parses');
    };
    engine.setFile(item, `# by id\n${files[item]}`);
    await fixFor();
    // The path item file edited after the fix was offered (its first line grew): the fix offered
    // now follows the new text (the one offered before would write into the comment).
    const edited = `# customers, one by one, by id\n${files[item]}`;
    engine.setFile(item, edited);
    const fix = await fixFor();
    await documented(applyFix(edited, fix, item));
  });

  it('edits of referenced files (and a file the spec only reaches later) equal a fresh analysis', async () => {
    const engine = createEngine({ fs: new MemoryFileSystem(FILES), roots: [ROOT] });
    await engine.audit();
    const texts = new Map<string, string | undefined>();
    const fresh = (): Engine => {
      const e = createEngine({ fs: new MemoryFileSystem(FILES), roots: [ROOT] });
      for (const [f, t] of texts) e.setFile(f, t);
      return e;
    };
    const edits: [string, string, string][] = [
      ['schemas/name.yaml', 'maxLength: 40', 'maxLength: 400'],
      ['paths/customer.yaml', 'delete:', 'patch:'],
      ['schemas/customer-input.yaml', "{ $ref: './name.yaml' }", "{ $ref: './short-name.yaml' }"],
      ['schemas/short-name.yaml', '', 'type: string\nmaxLength: 20\n'],
      ['openapi.yaml', "  /status:\n    $ref: './paths/status.yaml'\n", ''],
      ['paths/customers.yaml', 'post:', 'put:'],
      ['paths/customers.yaml', 'put:', 'post:'],
    ];
    for (const [rel, from, to] of edits) {
      const file = at(rel);
      const before = texts.get(file) ?? FILES[file] ?? '';
      assert.ok(before.includes(from), `${rel} contains ${JSON.stringify(from)}`);
      const text = from === '' ? to : before.replace(from, to);
      texts.set(file, text);
      engine.setFile(file, text);
      const what = `${rel}: ${JSON.stringify(from)} -> ${JSON.stringify(to)}`;
      const [a, e] = [await engine.audit(), await fresh().audit()];
      assert.deepStrictEqual(drift(a.findings).map((f) => JSON.stringify(f)), drift(e.findings).map((f) => JSON.stringify(f)), what);
      assert.deepStrictEqual(a.operations.map((o) => `${o.method} ${o.path} ${o.at.file}`), e.operations.map((o) => `${o.method} ${o.path} ${o.at.file}`), what);
    }
    const last = await engine.audit();
    const looser = one(last.findings, 'drift-input-limit-mismatch', 'codeLooser');
    assert.strictEqual(looser.suggestions?.[0].edits[0].newText, '20', 'the documented limit now comes from short-name.yaml');
    assert.ok(!last.operations.some((o) => o.path === '/status' && o.source === 'openapi'), 'the path item removed from the root is gone');
  });
});
