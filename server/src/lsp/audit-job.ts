/**
 * What the language server's main thread and the audit worker say to each other. Plain,
 * structured-clonable data only: the worker gets everything it needs once, at start
 * (`workerData`), and answers with messages; the main thread never waits on it synchronously.
 */
import type { EngineSettings, FilePath } from '../engine';
import type { AuditSummary } from '../protocol';

/** An open buffer as the editor holds it: the audit reads this text, not the file on disk. */
export interface OpenBuffer {
  uri: string;
  languageId: string;
  version: number;
  /** The engine path the main thread maps the URI to. */
  path: FilePath;
  text: string;
}

/** The worker's input (`workerData`). */
export interface AuditJob {
  /** Workspace folders, engine paths. */
  roots: FilePath[];
  /** The client's URI for each root (its own spelling, which the summary must use). */
  rootUris: string[];
  /** Engine settings already combined with the repository configuration (as the main thread's engine has them). */
  settings: Partial<EngineSettings>;
  /** Snapshot of the open buffers when the audit was asked for. */
  open: OpenBuffer[];
  /** The server's version, for the report. */
  version?: string;
}

export type LogLevel = 'info' | 'warn' | 'error';

/** Worker -> main thread. */
export type AuditWorkerMessage =
  /** The worker loaded and is about to audit: from now on a failure is a crash, not "cannot start". */
  | { type: 'started' }
  | { type: 'progress'; percent: number; message?: string }
  | { type: 'log'; level: LogLevel; message: string }
  /** The summary, with `durationMs` left for the main thread to fill in. */
  | { type: 'done'; summary: AuditSummary }
  /** The audit threw: the main thread answers the request with this error. */
  | { type: 'failed'; message: string };

export function isAuditWorkerMessage(value: unknown): value is AuditWorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'started' || type === 'progress' || type === 'log' || type === 'done' || type === 'failed';
}
