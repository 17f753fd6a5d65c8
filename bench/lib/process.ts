/**
 * Runs a whole program (the built CLI, a peer linter) and measures its wall time and, for Node
 * programs, its peak RSS through the preloaded probe.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface ProcessRun {
  ms: number;
  code: number | null;
  timedOut: boolean;
  peakRssMB?: number;
  cpuMs?: number;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  timeoutMs: number;
  cwd?: string;
  /** Preload the RSS probe (Node programs only: the command must be node). */
  probe?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Characters of stdout kept (the end of it); default 200,000. Reports on stdout need all of it. */
  stdoutLimit?: number;
}

export function runProcess(command: string, args: string[], options: ProcessOptions): Promise<ProcessRun> {
  const probeFile = path.join(os.tmpdir(), `api-warden-bench-probe-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const probeArgs = options.probe ? ['-r', path.join(__dirname, 'rss-probe.js')] : [];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, [...probeArgs, ...args], {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env, ...(options.probe ? { API_WARDEN_BENCH_PROBE: probeFile } : {}) },
      // Its own process group, so a timeout kills whatever it started too.
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    const limit = options.stdoutLimit ?? 200_000;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout = (stdout + d).slice(-limit)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-200_000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      let probe: { peakRssMB?: number; cpuMs?: number } = {};
      try {
        probe = JSON.parse(fs.readFileSync(probeFile, 'utf8')) as typeof probe;
        fs.rmSync(probeFile, { force: true });
      } catch {
        // no probe output (not a Node program, or killed)
      }
      resolve({ ms, code, timedOut, ...probe, stdout, stderr });
    });
  });
}
