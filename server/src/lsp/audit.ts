/**
 * `apiWarden/audit`: the whole workspace through engine.audit(), with work-done progress and
 * cancellation, summarised for the client's report view.
 *
 * Progress: the client's token when it sent one (the client then cancels the request itself),
 * else a server-initiated progress when the client supports it (its Cancel button cancels the
 * audit).
 *
 * Where it runs: in a worker thread (`audit-thread.ts`) with its own engine, given the settings
 * and a snapshot of the open buffers, so the main thread keeps answering diagnostics, code
 * actions and the rest, and a cancel ends the audit at once. When no worker can start (or the
 * session was set up without one: tests with an in-memory file system or injected rules), it
 * runs on the main thread as before, where the engine yields between spec files only.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationSignal, EngineSettings, FilePath } from '../engine';
import type { AuditParams, AuditSummary } from '../protocol';
import type { AuditJob } from './audit-job';
import { progressCallback, summariseAudit } from './audit-summary';
import { AuditWorkerError, type AuditWorkers, type CancelSource } from './audit-thread';
import type { EnginePool } from './engines';
import { positionsFor } from './positions';
import { toEngineSettings, type SettingsStore } from './settings';
import type { StatusReporter } from './status';
import type { UriMapper } from './uri';

export interface AuditDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  uris: UriMapper;
  engines: EnginePool;
  settings: SettingsStore;
  status: StatusReporter;
  /** The client accepts `window/workDoneProgress/create`. */
  progressSupported: boolean;
  /** The server's version, for the report. */
  version?: string;
  /** Audits run in worker threads; undefined: on the main thread. */
  workers?: AuditWorkers;
}

interface Reporter {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
  readonly token?: CancellationToken;
}

async function progressFor(params: AuditParams, deps: AuditDeps): Promise<Reporter | undefined> {
  if (params.workDoneToken !== undefined) return deps.connection.window.attachWorkDoneProgress(params.workDoneToken);
  if (deps.progressSupported) return deps.connection.window.createWorkDoneProgress();
  return undefined;
}

export async function runAudit(params: AuditParams, token: CancellationToken, deps: AuditDeps): Promise<AuditSummary> {
  const started = Date.now();
  const roots = deps.engines.getRoots();
  // Settings of the first folder: the audit is one run over all roots with one rule set.
  const settings = await deps.settings.get(roots.length ? deps.uris.toUri(roots[0]) : undefined);
  const engineSettings = toEngineSettings(settings, roots.length ? deps.engines.repositoryConfig(roots[0]) : undefined);
  const progress = await progressFor(params ?? {}, deps);
  const cancel: CancelSource[] = progress?.token ? [token, progress.token] : [token];
  deps.status.beginWork();
  progress?.begin('API Warden: auditing the workspace', 0, undefined, true);
  const report = (percent: number, message?: string) => progress?.report(percent, message);
  try {
    if (deps.workers) {
      const outcome = await inWorker(deps.workers, roots, engineSettings, cancel, report, deps);
      if (outcome.kind === 'done') return { ...outcome.summary, durationMs: Date.now() - started };
      if (outcome.kind === 'cancelled') return cancelledSummary(roots, deps, Date.now() - started);
      deps.connection.console.warn(`The audit runs on the main thread: no worker thread could start (${outcome.reason})`);
    }
    return await inProcess(roots, engineSettings, cancel, report, deps, started);
  } finally {
    progress?.done();
    deps.status.endWork();
  }
}

async function inWorker(
  workers: AuditWorkers, roots: FilePath[], settings: Partial<EngineSettings>, cancel: CancelSource[],
  report: (percent: number, message?: string) => void, deps: AuditDeps,
): ReturnType<AuditWorkers['run']> {
  const job: AuditJob = {
    roots,
    rootUris: roots.map((r) => deps.uris.toUri(r)),
    settings,
    // What the main thread's engines have in their overlay: every open buffer, unsaved text included.
    open: deps.documents.all().map((d) => ({ uri: d.uri, languageId: d.languageId, version: d.version, path: deps.uris.toPath(d.uri, d.languageId), text: d.getText() })),
    version: deps.version,
  };
  const console = deps.connection.console;
  try {
    return await workers.run({
      job,
      cancel,
      onProgress: report,
      onLog: (level, message) => (level === 'error' ? console.error(message) : level === 'warn' ? console.warn(message) : console.info(message)),
    });
  } catch (e) {
    if (!(e instanceof AuditWorkerError)) throw e;
    // The thread died (a crash, out of memory): the client hears it as an error, the server carries on.
    console.error(`The audit failed: ${e.message}`);
    throw new ResponseError(LSPErrorCodes.RequestFailed, `The audit failed: ${e.message.split('\n')[0]}`);
  }
}

async function inProcess(
  roots: FilePath[], settings: Partial<EngineSettings>, cancel: CancelSource[],
  report: (percent: number, message?: string) => void, deps: AuditDeps, started: number,
): Promise<AuditSummary> {
  const engine = deps.engines.get(settings);
  const signal: CancellationSignal = {
    get isCancelled() {
      return cancel.some((c) => c.isCancellationRequested);
    },
  };
  const result = await engine.audit({ signal, onProgress: progressCallback(roots, report) });
  for (const f of result.failures) deps.connection.console.error(`Rule ${f.ruleId} failed on ${f.file}: ${f.message}`);
  // A cancelled discovery is partial and the engine would keep it: make it start again next time.
  if (result.cancelled) deps.engines.setRoots(roots);
  return summariseAudit(engine, result, {
    roots,
    rootUris: roots.map((r) => deps.uris.toUri(r)),
    positionsOf: positionsFor(deps.documents, deps.uris, engine),
    version: deps.version,
    durationMs: Date.now() - started,
  });
}

/** A terminated worker leaves nothing to show: the answer says the audit was cancelled. */
function cancelledSummary(roots: FilePath[], deps: AuditDeps, durationMs: number): AuditSummary {
  return {
    roots: roots.map((r) => deps.uris.toUri(r)),
    files: { specs: 0, code: 0, skipped: 0 },
    counts: { error: 0, warning: 0, info: 0, hint: 0 },
    byOwasp: {},
    findings: [],
    operations: [],
    suppressed: 0,
    cancelled: true,
    durationMs,
  };
}
