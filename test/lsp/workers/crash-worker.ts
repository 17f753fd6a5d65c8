/** Stand-in for the audit worker: starts, then dies of an uncaught error (a crash mid-audit). */
import { parentPort } from 'worker_threads';
import type { AuditWorkerMessage } from '../../../server/src/lsp/audit-job';

const post = (m: AuditWorkerMessage): void => parentPort?.postMessage(m);
post({ type: 'started' });
post({ type: 'progress', percent: 10, message: 'half-way.yaml' });
setImmediate(() => {
  throw new Error('the audit worker crashed on purpose');
});
