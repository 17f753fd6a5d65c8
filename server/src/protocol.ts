/**
 * API Warden's custom LSP messages, declared once and imported by both the server and the
 * VS Code client (rust-analyzer's lsp_ext.ts, vscode-eslint's customMessages.ts).
 * Plain data only: positions are 0-based LSP positions.
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { Report } from './engine/report/model';

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
  /** The full report (the same model the CLI renders): the report view shows it and exports it. */
  report?: Report;
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

// ------------------------------------------------------------------ endpoint inventory

/** A 0-based LSP range. */
export interface WardenRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface WardenLocation {
  uri: string;
  range: WardenRange;
}

export interface InventoryAuth {
  /** required: credentials enforced/declared; public: declared public; missing: none; unknown: cannot tell. */
  status: 'required' | 'public' | 'missing' | 'unknown';
  /** Scheme, middleware or guard names. */
  by: string[];
  evidence: string;
}

export interface InventorySpecSide {
  /** The operation's method key. */
  location: WardenLocation;
  /** The whole operation. */
  span: WardenRange;
  /** JSON pointer of the operation (`#/paths/~1orders/get`). */
  pointer: string;
  /** The path as the spec writes it (without the server prefix). */
  path: string;
  operationId?: string;
  deprecated: boolean;
  auth: InventoryAuth;
}

export interface InventoryCodeSide {
  /** The route registration: its path argument (Express) or the method decorator (Nest). */
  location: WardenLocation;
  /** The handler function, when it could be found. */
  handler?: WardenLocation;
  framework: 'express' | 'nestjs';
  /** The route's own method ('ALL' for `app.all`) and full path. */
  method: string;
  path: string;
  operationId?: string;
  auth: InventoryAuth;
}

/**
 * documented: spec and code; shadow: a route its spec does not document; unimplemented: a spec
 * operation no route implements (zombie); unmatchable: pairing undecidable (dynamic paths);
 * spec-only / code-only: the workspace has no code for the spec / no spec for the route.
 */
export type InventoryStatus = 'documented' | 'shadow' | 'unimplemented' | 'unmatchable' | 'spec-only' | 'code-only';

export interface InventoryEndpoint {
  /** Stable while the files do not change. */
  id: string;
  /** Upper-case ('ALL' only for a code-only `app.all` route). */
  method: string;
  /** As served, `{param}` style. */
  path: string;
  sources: 'spec' | 'code' | 'both';
  status: InventoryStatus;
  /** The spec that documents the endpoint, or covers its code and should. */
  specUri?: string;
  spec?: InventorySpecSide;
  code: InventoryCodeSide[];
  /** Per side; the code side is the weakest of its routes. */
  auth: { spec?: InventoryAuth; code?: InventoryAuth };
  /** Active (not suppressed) findings about the endpoint. */
  findings: Record<WardenSeverity, number> & { total: number };
}

export interface InventoryGroup {
  path: string;
  endpoints: InventoryEndpoint[];
}

/** No parameters yet: send `{}`. */
export type InventoryParams = Record<string, never>;

export interface InventoryResult {
  groups: InventoryGroup[];
  total: number;
  /** The specs the code was compared with. */
  specs: string[];
  /** The workspace state the result was computed for (matches InventoryChanged's). */
  generation: number;
}

/** Client -> server: the endpoint inventory of the workspace (spec operations paired with code routes). */
export const InventoryRequest = new RequestType<InventoryParams, InventoryResult, void>('apiWarden/inventory');

export interface InventoryChangedParams {
  generation: number;
}

/** Server -> client: the inventory changed since the client last asked; ask again. */
export const InventoryChangedNotification = new NotificationType<InventoryChangedParams>('apiWarden/inventoryChanged');

/** Client commands the server's CodeLenses run (the VS Code client registers them). */
export const REVEAL_LOCATION_COMMAND = 'apiWarden.revealLocation';
/** Arguments: the lens's uri, its position, and the locations (shown as a references peek). */
export const SHOW_LOCATIONS_COMMAND = 'apiWarden.showLocations';
