/**
 * dist/cli.js is a launcher that runs the bundle (dist/cli-main.js) through a V8 code cache in
 * the user's cache folder (server/src/cli/launch.ts): the cache must be written once, reused,
 * change nothing in the output, and be skipped when turned off or when it cannot be written.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertBuilt, runCli } from './run-cli';

const AUDIT = ['audit', 'clean', '--format', 'json', '--fail-on', 'none', '--no-baseline'];

describe('CLI launcher with a code cache', function () {
  this.timeout(120_000);
  before(assertBuilt);

  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'api-warden-launch-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const cached = () => {
    const dir = path.join(tmp, 'api-warden');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };

  it('writes the cache once in a private folder and gives the same output with it', () => {
    const first = runCli(AUDIT, { env: { XDG_CACHE_HOME: tmp } });
    assert.strictEqual(first.status, 0, first.stderr);
    const files = cached();
    assert.strictEqual(files.length, 1, `expected one cache file, got ${files.join(', ')}`);
    assert.match(files[0], /^cli-[0-9a-f]{20}-v\d+\.\d+\.\d+-\w+\.bin$/);
    if (process.platform !== 'win32') assert.strictEqual(fs.statSync(path.join(tmp, 'api-warden')).mode & 0o777, 0o700);
    const before = fs.statSync(path.join(tmp, 'api-warden', files[0])).mtimeMs;
    const second = runCli(AUDIT, { env: { XDG_CACHE_HOME: tmp } });
    assert.strictEqual(second.status, 0, second.stderr);
    assert.strictEqual(second.stdout, first.stdout);
    assert.strictEqual(fs.statSync(path.join(tmp, 'api-warden', files[0])).mtimeMs, before, 'an accepted cache is not rewritten');
  });

  it('runs without a cache when turned off or when the folder cannot be written', () => {
    const off = runCli(AUDIT, { env: { XDG_CACHE_HOME: tmp, API_WARDEN_NO_COMPILE_CACHE: '1' } });
    assert.strictEqual(off.status, 0, off.stderr);
    assert.deepStrictEqual(cached(), []);
    const blocked = path.join(tmp, 'not-a-folder');
    fs.writeFileSync(blocked, '');
    const r = runCli(AUDIT, { env: { XDG_CACHE_HOME: blocked } });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout, off.stdout);
  });

  it('ignores a corrupt cache file (V8 rejects it) and replaces it', () => {
    runCli(['--version'], { env: { XDG_CACHE_HOME: tmp } });
    const [file] = cached();
    fs.writeFileSync(path.join(tmp, 'api-warden', file), Buffer.from('not a code cache'));
    const r = runCli(AUDIT, { env: { XDG_CACHE_HOME: tmp } });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.ok(fs.statSync(path.join(tmp, 'api-warden', file)).size > 1000, 'the rejected cache is rewritten');
  });
});
