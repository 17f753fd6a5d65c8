/**
 * Runs one audit in a worker thread (`audit-worker.ts`) and relays what it says.
 *
 * Why a thread: the engine yields to the event loop only between spec files, and the code phase
 * of an audit is one synchronous block of seconds; on the main thread every diagnostics request
 * and every cancel waited for the current block. In a thread the main thread stays free, and a
 * cancel terminates the thread at once, whatever it is doing.
 *
 * Outcomes: the summary; `cancelled`; `unavailable` when no thread could be started (the caller
 * then audits on the main thread, as before); a crash of a started thread rejects with
 * `AuditWorkerError` (an error for the client, the server carries on).
 */
import { existsSync } from 'fs';
import { Worker } from 'worker_threads';
import type { AuditSummary } from '../protocol';
import { isAuditWorkerMessage, type AuditJob, type LogLevel } from './audit-job';

/** The part of an LSP CancellationToken this needs (the request's and the progress's). */
export interface CancelSource {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export type WorkerOutcome =
  | { kind: 'done'; summary: AuditSummary }
  | { kind: 'cancelled' }
  | { kind: 'unavailable'; reason: string };

/** A worker that started and then failed: the audit's answer is an error. */
export class AuditWorkerError extends Error {}

export interface WorkerAuditOptions {
  job: AuditJob;
  cancel: readonly CancelSource[];
  onProgress(percent: number, message?: string): void;
  onLog(level: LogLevel, message: string): void;
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export class AuditWorkers {
  /** Threads still running, so a shutdown does not leave them behind. */
  private readonly running = new Set<Worker>();

  /** `script`: the worker's JavaScript file (dist/audit-worker.js next to dist/server.js). */
  constructor(readonly script: string) {}

  run(options: WorkerAuditOptions): Promise<WorkerOutcome> {
    return new Promise<WorkerOutcome>((resolve, reject) => {
      if (options.cancel.some((c) => c.isCancellationRequested)) return resolve({ kind: 'cancelled' });
      if (!existsSync(this.script)) return resolve({ kind: 'unavailable', reason: `${this.script} does not exist` });
      let worker: Worker;
      try {
        worker = new Worker(this.script, { workerData: options.job });
      } catch (e) {
        return resolve({ kind: 'unavailable', reason: describe(e) });
      }
      this.running.add(worker);
      let started = false;
      let settled = false;
      const subscriptions = options.cancel.map((c) => c.onCancellationRequested(() => finish(() => resolve({ kind: 'cancelled' }))));
      // Whatever the outcome, the thread ends now: its engine (the whole workspace's parsed
      // documents and code project) is dropped with it.
      function finish(answer: () => void): void {
        if (settled) return;
        settled = true;
        for (const s of subscriptions) s.dispose();
        void worker.terminate();
        answer();
      }
      const failed = (why: string) => finish(() => (started ? reject(new AuditWorkerError(why)) : resolve({ kind: 'unavailable', reason: why })));
      worker.on('message', (m: unknown) => {
        if (!isAuditWorkerMessage(m) || settled) return;
        switch (m.type) {
          case 'started': started = true; break;
          case 'progress': options.onProgress(m.percent, m.message); break;
          case 'log': options.onLog(m.level, m.message); break;
          case 'done': finish(() => resolve({ kind: 'done', summary: m.summary })); break;
          case 'failed': failed(m.message); break;
        }
      });
      // An uncaught error can be reported before the thread's last messages (its 'started'
      // among them) are delivered; 'exit' comes after them all, so the verdict waits for it.
      let error: string | undefined;
      worker.on('error', (e) => (error ??= describe(e)));
      worker.on('exit', (code) => {
        this.running.delete(worker);
        failed(error ?? `the audit worker exited with code ${code} before it answered`);
      });
    });
  }

  /** Ends every running audit thread (server shutdown). */
  dispose(): void {
    for (const w of this.running) void w.terminate();
    this.running.clear();
  }
}
