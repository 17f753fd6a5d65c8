/**
 * Stand-in for the audit worker: starts, reports progress, then computes forever in one
 * synchronous block (what the engine's code phase looks like from outside). Only terminating
 * the thread ends it, so a test that gets an answer after cancelling proves the cancel does.
 */
import { parentPort } from 'worker_threads';
import type { AuditWorkerMessage } from '../../../server/src/lsp/audit-job';

const post = (m: AuditWorkerMessage): void => parentPort?.postMessage(m);
post({ type: 'started' });
post({ type: 'progress', percent: 1, message: 'forever.yaml' });
setImmediate(() => {
  for (;;) {
    // never yields
  }
});
