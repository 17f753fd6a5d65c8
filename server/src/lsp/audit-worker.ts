/**
 * The audit worker (bundled as dist/audit-worker.js; `audit-thread.ts` starts it): one
 * `apiWarden/audit` in a thread of its own, so the language server's main thread keeps answering
 * diagnostics, code actions and the rest while the engine works through a whole workspace.
 *
 * Its engine is its own: created for this audit, reading the disk directly (with the editor's
 * open buffers, sent at start, in front of it), and dropped with the thread when the audit ends.
 * Cancelling is terminating the thread, so it needs no checks here.
 */
import { parentPort, workerData } from 'worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEngine, type Logger } from '../engine';
import { NodeFileSystem } from '../node-file-system';
import type { AuditJob, AuditWorkerMessage, LogLevel } from './audit-job';
import { progressCallback, summariseAudit } from './audit-summary';
import { positionsFor } from './positions';
import { UriMapper } from './uri';

async function run(job: AuditJob, post: (m: AuditWorkerMessage) => void): Promise<void> {
  const log = (level: LogLevel) => (message: string) => post({ type: 'log', level, message });
  const logger: Logger = { info: log('info'), warn: log('warn'), error: log('error') };
  // Discovery reads each candidate to sniff it, the audit reads the documents again: once is enough.
  const engine = createEngine({ fs: new NodeFileSystem({ reuseUnchanged: true }), roots: job.roots, settings: job.settings, logger });

  // The same URIs and positions the main thread would use: open documents answer positions
  // from their text (as `TextDocument`s, like the main thread's), everything else from disk.
  const uris = new UriMapper();
  job.roots.forEach((root, i) => uris.toPath(job.rootUris[i] ?? root));
  const documents = new Map<string, TextDocument>();
  for (const b of job.open) {
    uris.toPath(b.uri, b.languageId);
    documents.set(b.uri, TextDocument.create(b.uri, b.languageId, b.version, b.text));
    engine.setFile(b.path, b.text);
  }

  const result = await engine.audit({
    onProgress: progressCallback(job.roots, (percent, message) => post({ type: 'progress', percent, message })),
  });
  for (const f of result.failures) post({ type: 'log', level: 'error', message: `Rule ${f.ruleId} failed on ${f.file}: ${f.message}` });
  const summary = summariseAudit(engine, result, {
    roots: job.roots,
    rootUris: job.rootUris,
    positionsOf: positionsFor(documents, uris, engine),
    version: job.version,
    durationMs: 0,
  });
  post({ type: 'done', summary });
}

const port = parentPort;
if (port) {
  const post = (m: AuditWorkerMessage): void => port.postMessage(m);
  post({ type: 'started' });
  run(workerData as AuditJob, post).then(
    () => port.close(),
    (e: unknown) => {
      post({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      port.close();
    },
  );
}
