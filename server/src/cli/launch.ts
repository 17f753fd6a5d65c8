/**
 * dist/cli.js: starts the CLI bundle (dist/cli-main.js) with a V8 code cache, because Node 20
 * has no compile cache of its own (`module.enableCompileCache` arrived in Node 22). Compiling the
 * 12 MB bundle costs ~0.1 s of CPU on every run; with the cache it is read, not compiled.
 *
 * The cache lives in the user's own cache folder ($XDG_CACHE_HOME or ~/.cache, created 0700; a
 * shared folder could hand us someone else's code), keyed by the hash of the bundle that
 * scripts/build.mjs writes in here, since V8 itself checks little more than the source length.
 * Written once, when missing or rejected (another Node version). Any failure just means no
 * cache; API_WARDEN_NO_COMPILE_CACHE=1 turns it off.
 */
import * as fs from 'fs';
import Module from 'module';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';

/** Replaced by scripts/build.mjs with the bundle's hash; empty (no cache) in a watch build. */
declare const API_WARDEN_CLI_MAIN_HASH: string;

const MAIN = path.join(__dirname, 'cli-main.js');

function cacheFile(): string | undefined {
  const hash = typeof API_WARDEN_CLI_MAIN_HASH === 'string' ? API_WARDEN_CLI_MAIN_HASH : '';
  if (!hash || process.env.API_WARDEN_NO_COMPILE_CACHE) return undefined;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'api-warden', `cli-${hash}-${process.version}-${process.arch}.bin`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file: string, data: Buffer): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written aside and renamed: a concurrent run reads the old file or the new one, never half.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    // a read-only home or a full disk: run without a cache
  }
}

function launch(): void {
  const file = cacheFile();
  if (!file) {
    require(MAIN);
    return;
  }
  const cachedData = readCache(file);
  const script = new vm.Script(Module.wrap(fs.readFileSync(MAIN, 'utf8')), { filename: MAIN, ...(cachedData ? { cachedData } : {}) });
  if (!cachedData || script.cachedDataRejected) {
    // After the run, so that the functions it compiled are in the cache too.
    process.once('exit', () => writeCache(file, script.createCachedData()));
  }
  const wrapper: unknown = script.runInThisContext();
  if (typeof wrapper !== 'function') throw new Error('dist/cli-main.js did not compile to a module wrapper');
  const mod = { exports: {}, filename: MAIN, id: MAIN };
  wrapper.call(mod.exports, mod.exports, Module.createRequire(MAIN), mod, MAIN, path.dirname(MAIN));
}

launch();
