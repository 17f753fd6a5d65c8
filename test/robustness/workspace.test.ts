/**
 * Hostile workspaces on a real disk (NodeFileSystem over temporary folders): symlink loops
 * and links out of the workspace, special files (FIFOs, devices), unreadable entries, very deep
 * folder trees, minified bundles and huge generated files, and files that change or disappear
 * while an audit runs.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createEngine, FILE_SKIPPED, type AuditResult, type Engine } from '../../server/src/engine';
import { NodeFileSystem } from '../../server/src/node-file-system';
import { specHead } from './generators';
import { boundFor, corpusText, enginePath, invariantViolations, isRoot, makeTempDir, median, now, only, RecordingLogger, removeDir } from './support';

const HTTP_RULE = 'spec-server-plain-http';
const isWindows = process.platform === 'win32';

function write(root: string, rel: string, content: string | Buffer): string {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

function diskEngine(root: string, options: { logger?: RecordingLogger; settings?: object } = {}): Engine {
  return createEngine({ fs: new NodeFileSystem(), roots: [enginePath(root)], ...options });
}

/** Invariants checked against the text on disk now (files may have changed during the audit). */
function violations(audit: AuditResult): string[] {
  return invariantViolations(audit.findings, (f) => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  });
}

describe('robustness: hostile workspaces on disk', function () {
  this.timeout(120_000);
  let root = '';
  let baselineMs = 0;

  before(async () => {
    const dir = makeTempDir('baseline');
    try {
      write(dir, 'openapi.yaml', corpusText('orders-api.yaml'));
      write(dir, 'src/app.ts', corpusText('express-app.ts.txt'));
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = now();
        await diskEngine(dir).audit();
        times.push(now() - t);
      }
      baselineMs = median(times);
    } finally {
      removeDir(dir);
    }
  });

  beforeEach(() => {
    root = makeTempDir('ws');
  });
  afterEach(() => {
    removeDir(root);
  });

  async function audit(engine: Engine = diskEngine(root)): Promise<AuditResult> {
    const t = now();
    const r = await engine.audit();
    const ms = now() - t;
    assert.ok(ms <= boundFor(baselineMs), `audit took ${ms.toFixed(0)} ms; bound ${boundFor(baselineMs).toFixed(0)} ms`);
    assert.deepStrictEqual(violations(r), []);
    assert.deepStrictEqual(r.failures, []);
    return r;
  }

  describe('symlinks', function () {
    before(function () {
      if (isWindows) this.skip(); // creating symlinks needs privileges there
    });

    it('loops (a folder linking to its parent, to itself, two links to each other) are walked once', async () => {
      write(root, 'api/openapi.yaml', specHead());
      fs.symlinkSync('..', path.join(root, 'api/parent'));
      fs.symlinkSync('.', path.join(root, 'api/self'));
      fs.symlinkSync(path.join(root, 'b-link'), path.join(root, 'a-link'));
      fs.symlinkSync(path.join(root, 'a-link'), path.join(root, 'b-link'));
      fs.symlinkSync('loop.yaml', path.join(root, 'loop.yaml'));
      fs.symlinkSync(path.join(root, 'missing-target.yaml'), path.join(root, 'dangling.yaml'));
      const r = await audit();
      assert.deepStrictEqual(r.discovery.specs, [enginePath(path.join(root, 'api/openapi.yaml'))]);
      assert.strictEqual(only(r.findings, HTTP_RULE).length, 1);
    });

    it('a link to a folder outside the workspace (here: /) is not followed', async () => {
      write(root, 'openapi.yaml', specHead());
      fs.symlinkSync(path.parse(root).root, path.join(root, 'whole-disk'));
      fs.symlinkSync(path.dirname(root), path.join(root, 'tmp-parent'));
      const r = await audit();
      assert.deepStrictEqual(r.discovery.specs, [enginePath(path.join(root, 'openapi.yaml'))]);
    });

    it('a link to a folder inside the workspace is followed once', async () => {
      write(root, 'real/openapi.yaml', specHead());
      fs.symlinkSync(path.join(root, 'real'), path.join(root, 'alias'));
      const r = await audit();
      assert.strictEqual(r.discovery.specs.length, 1);
      assert.strictEqual(only(r.findings, HTTP_RULE).length, 1);
    });
  });

  describe('special files', function () {
    before(function () {
      if (isWindows) this.skip();
    });

    it('a FIFO named like a spec, and $refs to a FIFO and to /dev/zero, do not block or exhaust memory', async function () {
      const fifo = path.join(root, 'pipe.yaml');
      try {
        // mkfifo has no Node API; the test's own setup may use a process (the audit may not).
        require('child_process').execFileSync('mkfifo', [fifo]);
      } catch {
        this.skip();
      }
      write(root, 'openapi.yaml', specHead([
        'paths:',
        '  /a:',
        '    get:',
        '      responses:',
        "        '200': {description: ok, content: {application/json: {schema: {$ref: './pipe.yaml#/x'}}}}",
        "        '201': {description: ok, content: {application/json: {schema: {$ref: '/dev/zero#/x'}}}}",
        "        '202': {description: ok, content: {application/json: {schema: {$ref: '/dev/urandom'}}}}",
        '',
      ].join('\n')));
      const r = await audit();
      assert.strictEqual(only(r.findings, HTTP_RULE).length, 1);
      const engine = diskEngine(root);
      await engine.lintFile(enginePath(path.join(root, 'openapi.yaml')));
      await engine.lintFile(enginePath(fifo));
    });
  });

  describe('unreadable entries (chmod 000)', function () {
    before(function () {
      if (isWindows) this.skip();
      if (isRoot()) {
        console.log('      skipped: running as root, where chmod 000 does not prevent reading (CI containers run as root)');
        this.skip();
      }
    });

    it('an unreadable spec and an unreadable folder are passed over; the rest is analysed', async () => {
      write(root, 'openapi.yaml', specHead());
      const secret = write(root, 'secret/openapi.yaml', specHead());
      const locked = write(root, 'locked.yaml', specHead());
      fs.chmodSync(locked, 0o000);
      fs.chmodSync(path.dirname(secret), 0o000);
      const r = await audit();
      assert.strictEqual(only(r.findings, HTTP_RULE).length, 1);
      await diskEngine(root).lintFile(enginePath(locked));
    });
  });

  it('a folder tree 300 levels deep is walked', async () => {
    let rel = '';
    for (let i = 0; i < 300; i++) rel = path.join(rel, 'd');
    write(root, path.join(rel, 'openapi.yaml'), specHead());
    const r = await audit();
    assert.strictEqual(r.discovery.specs.length, 1);
  });

  describe('minified bundles and huge generated files are skipped, said once', () => {
    const bundle = () => `!function(e){${Array.from({ length: 3000 }, (_, i) => `var a${i}=e.get("/r${i}",function(q,s){s.send(${i})});`).join('')}}(app);\n`;

    it('by name (.min.js, .bundle.js) and by content (very long lines): one information finding each, one log line', async () => {
      write(root, 'public/app.min.js', bundle());
      write(root, 'public/vendor.bundle.js', bundle());
      write(root, 'src/generated-client.js', bundle());
      write(root, 'src/app.ts', corpusText('express-app.ts.txt'));
      const logger = new RecordingLogger();
      const engine = diskEngine(root, { logger });
      const first = await audit(engine);
      const second = await audit(engine);
      for (const r of [first, second]) {
        const skipped = only(r.findings, FILE_SKIPPED).map((f) => path.basename(f.file)).sort();
        assert.deepStrictEqual(skipped, ['app.min.js', 'generated-client.js', 'vendor.bundle.js']);
        for (const f of only(r.findings, FILE_SKIPPED)) assert.strictEqual(f.severity, 'info');
      }
      assert.strictEqual(logger.matching(/generated-client\.js/).length, 1, 'logged once, not once per audit');
      const lint = await engine.lintFile(enginePath(path.join(root, 'src/generated-client.js')));
      assert.strictEqual(only(lint.findings, FILE_SKIPPED).length, 1);
    });

    it('a generated file over maxFileBytes is skipped without being parsed; under it, analysed within the bound', async () => {
      const lines = Array.from({ length: 40_000 }, (_, i) => `export const route${i} = { method: 'GET', path: '/generated/${i}', handler: (req: unknown) => req };`);
      write(root, 'src/generated/huge.ts', lines.join('\n'));
      write(root, 'openapi.yaml', specHead());
      const small = await audit(diskEngine(root, { settings: { maxFileBytes: 1024 * 1024 } }));
      assert.deepStrictEqual(only(small.findings, FILE_SKIPPED).map((f) => path.basename(f.file)), ['huge.ts']);
      // Under the default limit (32 MB) the 4 MB file is analysed: the bound scales with size.
      const engine = diskEngine(root);
      const t = now();
      const big = await engine.audit();
      const ms = now() - t;
      const perByte = baselineMs / (corpusText('orders-api.yaml').length + corpusText('express-app.ts.txt').length);
      assert.ok(ms <= boundFor(perByte * lines.join('\n').length), `${ms.toFixed(0)} ms`);
      assert.deepStrictEqual(big.failures, []);
    });
  });

  describe('files that change or disappear during an audit', () => {
    it('deleted, replaced by a folder, truncated to binary, grown past the limit, created: the audit finishes', async () => {
      const names = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => write(root, `specs/${n}.yaml`, specHead(`info: {title: ${n}, version: '1'}\n`)));
      write(root, 'src/app.ts', corpusText('express-app.ts.txt'));
      const settings = { maxFileBytes: 100_000 };
      const engine = diskEngine(root, { settings });
      let step = 0;
      const result = await engine.audit({
        onProgress() {
          // Each progress report changes the disk under the engine.
          switch (step++) {
            case 0:
              fs.rmSync(names[1]);
              break;
            case 1:
              fs.rmSync(names[2]);
              fs.mkdirSync(names[2]);
              break;
            case 2:
              fs.writeFileSync(names[3], Buffer.from([0xff, 0xfe, 0x00, 0x01, 0xc3, 0x28]));
              break;
            case 3:
              fs.writeFileSync(names[4], specHead(`x-pad: "${'x'.repeat(200_000)}"\n`));
              break;
            case 4:
              write(root, 'specs/new.yaml', specHead());
              fs.rmSync(path.join(root, 'src'), { recursive: true });
              break;
          }
        },
      });
      assert.ok(step >= 5);
      assert.deepStrictEqual(result.failures, []);
      assert.deepStrictEqual(violations(result), []);
      // The language server then tells the engine what changed; the next audit sees the disk as it is.
      for (const n of [...names, path.join(root, 'specs/new.yaml'), path.join(root, 'src/app.ts')]) engine.fileChanged(enginePath(n));
      const again = await audit(engine);
      const files = again.discovery.specs.map((f) => path.basename(f)).sort();
      assert.deepStrictEqual(files, ['a.yaml', 'f.yaml', 'new.yaml'], 'b deleted, c a folder, d binary, e over the limit');
      assert.deepStrictEqual(again.discovery.code, []);
    });

    it('lintFile on a file deleted after discovery, and on a path that is now a folder, returns nothing', async () => {
      const spec = write(root, 'openapi.yaml', specHead());
      const engine = diskEngine(root);
      await engine.audit();
      fs.rmSync(spec);
      const gone = await engine.lintFile(enginePath(spec));
      assert.deepStrictEqual(gone.findings, []);
      fs.mkdirSync(spec);
      const dir = await engine.lintFile(enginePath(spec));
      assert.deepStrictEqual(dir.findings, []);
    });
  });
});
