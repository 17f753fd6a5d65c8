/**
 * Runs one measurement in a fresh Node process, so each figure has its own clean peak RSS and
 * no JIT or cache state carried over from another measurement. The child prints one JSON line
 * (the last line of its stdout) with its result.
 */
import { spawn } from 'child_process';
import * as path from 'path';

export interface ChildOptions {
  timeoutMs?: number;
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

export class ChildFailure extends Error {
  constructor(message: string, readonly stderr: string) {
    super(message);
  }
}

/** `script` is a path relative to out/bench (e.g. 'measure/spec-audit.js'). */
export function runChild<T>(script: string, args: string[], options: ChildOptions = {}): Promise<T> {
  const file = path.join(__dirname, '..', script);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), file, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) {
        try {
          resolve(JSON.parse(last) as T);
          return;
        } catch {
          // fall through to the failure below
        }
      }
      const why = signal === 'SIGKILL' && timer ? `timed out after ${options.timeoutMs} ms` : `exited with ${code ?? signal}`;
      reject(new ChildFailure(`${script} ${args.join(' ')}: ${why}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`, stderr));
    });
  });
}

/** Called by a child: prints its result as the last stdout line. */
export function reply(result: unknown): void {
  process.stdout.write('\n' + JSON.stringify(result) + '\n');
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** CPU time (user + system) this process used since `start`, in ms: steadier than wall time on a busy machine. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}
