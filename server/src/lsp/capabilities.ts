/**
 * What the client can do (read once from `initialize`) and what the server offers in return.
 * Every optional LSP feature the server relies on is decided here, nowhere else.
 */
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type InitializeParams,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { FIX_ALL_KIND } from './code-actions';

export const DIAGNOSTIC_IDENTIFIER = 'api-warden';

export interface ClientSupport {
  /** `textDocument/diagnostic`: the client pulls; otherwise the server pushes. */
  pullDiagnostics: boolean;
  /** `workspace/diagnostic/refresh`. */
  diagnosticRefresh: boolean;
  /** `workspace/configuration`. */
  configuration: boolean;
  /** Dynamic registration of `workspace/didChangeConfiguration`. */
  configurationRegistration: boolean;
  workspaceFolders: boolean;
  /** Dynamic registration of `workspace/didChangeWatchedFiles` watchers. */
  fileWatcherRegistration: boolean;
  /** Versioned `documentChanges` in WorkspaceEdits. */
  documentChanges: boolean;
  /** `window/workDoneProgress/create`. */
  workDoneProgress: boolean;
  /** `workspace/codeLens/refresh`. */
  codeLensRefresh: boolean;
}

export function clientSupport(params: InitializeParams): ClientSupport {
  const c = params.capabilities;
  return {
    pullDiagnostics: !!c.textDocument?.diagnostic,
    diagnosticRefresh: !!c.workspace?.diagnostics?.refreshSupport,
    configuration: !!c.workspace?.configuration,
    configurationRegistration: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    workspaceFolders: !!c.workspace?.workspaceFolders,
    fileWatcherRegistration: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
    workDoneProgress: !!c.window?.workDoneProgress,
    codeLensRefresh: !!c.workspace?.codeLens?.refreshSupport,
  };
}

export function serverCapabilities(support: ClientSupport): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    // Endpoint lenses (auth and spec <-> code pairing) above spec operations and route registrations.
    codeLensProvider: { resolveProvider: false },
    ...(support.pullDiagnostics
      ? {
          // interFileDependencies: an edit in one code file can change another's findings.
          diagnosticProvider: { identifier: DIAGNOSTIC_IDENTIFIER, interFileDependencies: true, workspaceDiagnostics: false },
        }
      : {}),
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

/** Files whose changes on disk can change findings: specs, code, and ignore files. */
export const WATCHED_GLOBS = ['**/*.{yaml,yml,json,ts,tsx,mts,cts,js,jsx,mjs,cjs}', '**/.gitignore'];
