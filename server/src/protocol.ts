/**
 * API Warden's custom LSP messages, declared once and imported by both the server and the
 * VS Code client (rust-analyzer's lsp_ext.ts, vscode-eslint's customMessages.ts).
 * Plain data only: positions are 0-based LSP positions.
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';

export type WardenSeverity = 'error' | 'warning' | 'info' | 'hint';

/** Editor settings (section `apiWarden`), pulled by the server per resource. */
export interface EditorSettings {
  enable: boolean;
  /** Rule severities/off by id; the repository's configuration file wins over these. */
  rules: Record<string, WardenSeverity | 'off'>;
  authMiddleware: string[];
  publicRoutes: string[];
  maxFileSizeMB: number;
  trace: { server: 'off' | 'messages' | 'verbose' };
}

export const DEFAULT_EDITOR_SETTINGS: EditorSettings = {
  enable: true,
  rules: {},
  authMiddleware: [],
  publicRoutes: [],
  maxFileSizeMB: 32,
  trace: { server: 'off' },
};

export interface AuditParams {
  /** A token for window/workDoneProgress; the client shows and can cancel it. */
  workDoneToken?: string | number;
}

export interface AuditFinding {
  ruleId: string;
  severity: WardenSeverity;
  owasp: string[];
  message: string;
  uri: string;
  /** 0-based LSP range. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  operation?: { method: string; path: string };
}

export interface AuditOperation {
  method: string;
  path: string;
  source: 'openapi' | 'express' | 'nestjs';
  uri: string;
  line: number;
  /** required: credentials enforced/declared; public: declared public; missing: none; unknown: cannot tell. */
  auth: 'required' | 'public' | 'missing' | 'unknown';
}

export interface AuditSummary {
  roots: string[];
  files: { specs: number; code: number; skipped: number };
  counts: Record<WardenSeverity, number>;
  byOwasp: Record<string, number>;
  findings: AuditFinding[];
  operations: AuditOperation[];
  suppressed: number;
  cancelled: boolean;
  durationMs: number;
}

export const AuditRequest = new RequestType<AuditParams, AuditSummary, void>('apiWarden/audit');

export type ServerState = 'starting' | 'ready' | 'analyzing' | 'error';

export interface StatusParams {
  state: ServerState;
  /** Findings in open documents, by severity. */
  counts: Record<WardenSeverity, number>;
  message?: string;
}

/** Server -> client: health and counts for the status bar. */
export const StatusNotification = new NotificationType<StatusParams>('apiWarden/status');
