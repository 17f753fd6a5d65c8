/**
 * `npm run bench -- --peers`: the other linters in the field, timed on the same documents.
 * They are installed into a cache folder outside the project (never into its dependencies):
 * $API_WARDEN_BENCH_CACHE, default ~/.cache/api-warden-bench/peers.
 *
 *   Spectral with the OWASP ruleset (@stoplight/spectral-cli + @stoplight/spectral-owasp-ruleset)
 *   Redocly CLI `lint` with its default (recommended) rules
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runProcess, type ProcessRun } from './lib/process';

export const PEER_VERSIONS = {
  '@stoplight/spectral-cli': '6.16.3',
  '@stoplight/spectral-owasp-ruleset': '2.0.1',
  '@redocly/cli': '2.77.0',
} as const;

export const PEER_DIR = path.join(process.env.API_WARDEN_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'api-warden-bench'), 'peers');

export type PeerName = 'spectral-owasp' | 'redocly';

export interface PeerRun {
  peer: PeerName;
  ms: number;
  /** Finished with a lint result (exit 0 or "problems found"), not a crash or a timeout. */
  ok: boolean;
  timedOut: boolean;
  peakRssMB?: number;
  problems?: number;
  note?: string;
}

function installedVersion(pkg: string): string | undefined {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(PEER_DIR, 'node_modules', pkg, 'package.json'), 'utf8')) as { version?: string };
    return json.version;
  } catch {
    return undefined;
  }
}

/** Installs the pinned peers once (npm, into PEER_DIR); returns why not when it fails. */
export function ensurePeers(log: (m: string) => void): string | undefined {
  const missing = Object.entries(PEER_VERSIONS).filter(([pkg, v]) => installedVersion(pkg) !== v);
  if (missing.length === 0) return undefined;
  fs.mkdirSync(PEER_DIR, { recursive: true });
  fs.writeFileSync(path.join(PEER_DIR, 'package.json'), JSON.stringify({ name: 'api-warden-bench-peers', private: true, dependencies: PEER_VERSIONS }, null, 2) + '\n');
  log(`installing ${Object.entries(PEER_VERSIONS).map(([p, v]) => `${p}@${v}`).join(', ')} into ${PEER_DIR} (once)...`);
  // One npm install at a time on this machine (other work may be installing too).
  const hasFlock = spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
  const npmArgs = ['install', '--no-fund', '--no-audit', '--no-save', '--loglevel=error'];
  const r = hasFlock
    ? spawnSync('flock', ['/tmp/npm.lock', 'npm', ...npmArgs], { cwd: PEER_DIR, stdio: 'inherit', timeout: 600_000 })
    : spawnSync('npm', npmArgs, { cwd: PEER_DIR, stdio: 'inherit', timeout: 600_000 });
  if (r.status !== 0) return `npm install in ${PEER_DIR} failed (${r.error?.message ?? `exit ${r.status}`})`;
  const still = Object.entries(PEER_VERSIONS).filter(([pkg, v]) => installedVersion(pkg) !== v);
  return still.length ? `not installed: ${still.map(([p]) => p).join(', ')}` : undefined;
}

function binOf(pkg: string, name: string): string {
  const dir = path.join(PEER_DIR, 'node_modules', pkg);
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof json.bin === 'string' ? json.bin : json.bin?.[name];
  if (!bin) throw new Error(`${pkg} has no '${name}' binary`);
  return path.join(dir, bin);
}

function spectralRuleset(): string {
  const file = path.join(PEER_DIR, '.spectral-owasp.yaml');
  fs.writeFileSync(file, 'extends:\n  - "@stoplight/spectral-owasp-ruleset"\n');
  return file;
}

export async function runPeer(peer: PeerName, file: string, timeoutMs: number): Promise<PeerRun> {
  const out = path.join(os.tmpdir(), `api-warden-bench-${peer}-${process.pid}.json`);
  fs.rmSync(out, { force: true });
  let run: ProcessRun;
  const env = { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  if (peer === 'spectral-owasp') {
    run = await runProcess(process.execPath, [binOf('@stoplight/spectral-cli', 'spectral'), 'lint', file, '--ruleset', spectralRuleset(), '--format', 'json', '--output', out, '--quiet'], {
      timeoutMs, probe: true, cwd: PEER_DIR, env,
    });
  } else {
    run = await runProcess(process.execPath, [binOf('@redocly/cli', 'redocly'), 'lint', file, '--format', 'json', '--max-problems', '100000'], {
      timeoutMs, probe: true, cwd: PEER_DIR, env, stdoutLimit: 512 * 1024 * 1024,
    });
    fs.writeFileSync(out, run.stdout);
  }
  let problems: number | undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(out, 'utf8')) as unknown;
    problems = Array.isArray(parsed) ? parsed.length : Array.isArray((parsed as { problems?: unknown[] }).problems) ? (parsed as { problems: unknown[] }).problems.length : undefined;
  } catch {
    // no report: a crash or a timeout
  }
  fs.rmSync(out, { force: true });
  // Both exit 1 when they found problems; that is a finished run.
  const ok = !run.timedOut && (run.code === 0 || run.code === 1) && problems !== undefined;
  const note = run.timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s` : ok ? undefined : `exit ${run.code}: ${lastLine(run.stderr) || lastLine(run.stdout)}`;
  return { peer, ms: run.ms, ok, timedOut: run.timedOut, peakRssMB: run.peakRssMB, problems, ...(note ? { note } : {}) };
}

function lastLine(s: string): string {
  return s.trim().split('\n').filter(Boolean).slice(-1)[0]?.slice(0, 200) ?? '';
}
