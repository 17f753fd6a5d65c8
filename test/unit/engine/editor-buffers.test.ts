/**
 * An audit after editor edits equals a fresh engine's audit of the same texts, also when an edit
 * changes what discovery makes of the file: a buffer that loses or gains its `openapi:` key, or
 * outgrows the size limit. (Discovery is kept between audits; these edits must make it stale.)
 */
import * as assert from 'assert';
import { createEngine, FILE_SKIPPED, MemoryFileSystem, type Engine } from '../../../server/src/engine';
import { yaml } from '../../helpers';

const SPEC = yaml`
  openapi: 3.0.3
  info: { title: t, version: '1' }
  servers: [{ url: http://api.example.com }]
  paths: {}
`;
const PLAIN = 'servers: [{ url: http://api.example.com }]\n';
const DISK = { '/ws/openapi.yaml': SPEC, '/ws/notes.yaml': PLAIN };
const SETTINGS = { maxFileBytes: 4096 };

async function filesWithFindings(engine: Engine): Promise<string[]> {
  const r = await engine.audit();
  return [...new Set(r.findings.map((f) => `${f.file} ${f.ruleId}`))].sort();
}

describe('editor buffers and discovery', () => {
  it('a buffer that loses, then regains, its openapi key; a plain YAML file that gains one; a buffer over the size limit', async () => {
    const engine = createEngine({ fs: new MemoryFileSystem(DISK), roots: ['/ws'], settings: SETTINGS });
    const buffers = new Map<string, string | undefined>();
    const fresh = (): Engine => {
      const e = createEngine({ fs: new MemoryFileSystem(DISK), roots: ['/ws'], settings: SETTINGS });
      for (const [f, t] of buffers) e.setFile(f, t);
      return e;
    };
    const initial = await filesWithFindings(engine);
    assert.ok(initial.includes('/ws/openapi.yaml spec-server-plain-http'), 'the spec is audited');
    assert.ok(!initial.some((f) => f.startsWith('/ws/notes.yaml')), 'a YAML file without openapi is not');

    const steps: [string, string | undefined, (files: string[]) => boolean][] = [
      ['/ws/openapi.yaml', SPEC.replace('openapi: 3.0.3\n', ''), (files) => !files.some((f) => f.startsWith('/ws/openapi.yaml'))],
      ['/ws/openapi.yaml', undefined, (files) => files.includes('/ws/openapi.yaml spec-server-plain-http')],
      ['/ws/notes.yaml', `openapi: 3.0.3\ninfo: { title: n, version: '1' }\npaths: {}\n${PLAIN}`, (files) => files.includes('/ws/notes.yaml spec-server-plain-http')],
      ['/ws/openapi.yaml', SPEC + `# ${'x'.repeat(5000)}\n`, (files) => files.includes(`/ws/openapi.yaml ${FILE_SKIPPED}`)],
      ['/ws/openapi.yaml', SPEC, (files) => files.includes('/ws/openapi.yaml spec-server-plain-http') && !files.includes(`/ws/openapi.yaml ${FILE_SKIPPED}`)],
    ];
    for (const [file, text, expected] of steps) {
      buffers.set(file, text);
      engine.setFile(file, text);
      const what = `${file} set to ${text === undefined ? 'its disk text' : JSON.stringify(text.slice(0, 30))}`;
      const files = await filesWithFindings(engine);
      assert.deepStrictEqual(files, await filesWithFindings(fresh()), `${what}: as a fresh engine`);
      assert.ok(expected(files), `${what}: ${files.join(', ')}`);
    }
  });
});
