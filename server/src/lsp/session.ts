/**
 * One client session: wires the LSP connection to the engines. Holds no analysis logic of
 * its own; each concern lives in its module (diagnostics, code actions, settings, audit).
 */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  TextDocuments,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { join } from 'path';
import type { FileSystem, Logger, Rule } from '../engine';
import { NodeFileSystem } from '../node-file-system';
import { AuditRequest, InventoryRequest, StatusNotification, type AuditSummary } from '../protocol';
import { runAudit } from './audit';
import { AuditWorkers } from './audit-thread';
import { clientSupport, serverCapabilities, WATCHED_GLOBS, type ClientSupport } from './capabilities';
import { codeActions } from './code-actions';
import { codeLensesFor } from './codelens';
import { Diagnostics } from './diagnostics';
import { EnginePool } from './engines';
import { guard, guardVoid } from './guard';
import { EMPTY_INVENTORY, InventoryService } from './inventory';
import { SECTION, SettingsStore } from './settings';
import { StatusReporter } from './status';
import { fileUriToPath, UriMapper } from './uri';

export interface SessionOptions {
  /** Defaults to the disk. */
  fs?: FileSystem;
  /** Defaults to every registered rule (tests inject a crashing one). */
  rules?: readonly Rule[];
  version?: string;
  /**
   * The audit worker's script, or false to audit on the main thread. Defaults to
   * `audit-worker.js` next to this module (dist/ in the bundle), unless `fs` or `rules` are
   * injected: the worker reads the disk itself and runs every registered rule.
   */
  auditWorker?: string | false;
}

/** The worker's script when the session's options do not say. */
function defaultAuditWorker(options: SessionOptions): string | false {
  if (options.auditWorker !== undefined) return options.auditWorker;
  return options.fs || options.rules ? false : join(__dirname, 'audit-worker.js');
}

const EMPTY_AUDIT: AuditSummary = {
  roots: [], files: { specs: 0, code: 0, skipped: 0 }, counts: { error: 0, warning: 0, info: 0, hint: 0 },
  byOwasp: {}, findings: [], operations: [], suppressed: 0, cancelled: false, durationMs: 0,
};

export class Session {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly uris = new UriMapper();
  private readonly log: Logger;
  private readonly status: StatusReporter;
  private readonly engines: EnginePool;
  private readonly auditWorkers: AuditWorkers | undefined;
  private support!: ClientSupport;
  private settings!: SettingsStore;
  private diagnostics!: Diagnostics;
  private inventory!: InventoryService;
  private folders: string[] = [];

  constructor(private readonly connection: Connection, private readonly options: SessionOptions = {}) {
    const console = connection.console;
    this.log = { info: (m) => console.info(m), warn: (m) => console.warn(m), error: (m) => console.error(m) };
    this.status = new StatusReporter((p) => void connection.sendNotification(StatusNotification, p).catch(() => undefined));
    // The engine re-reads the workspace's files on every edit to see what changed: unchanged files
    // are answered from memory (node-file-system.ts).
    this.engines = new EnginePool({ fs: options.fs ?? new NodeFileSystem({ reuseUnchanged: true }), logger: this.log, rules: options.rules });
    const script = defaultAuditWorker(options);
    this.auditWorkers = script === false ? undefined : new AuditWorkers(script);
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(guardVoid('initialized', this.fail, () => this.initialized()));
    this.documents.listen(connection);
  }

  private readonly fail = (message: string): void => {
    this.log.error(message);
    this.status.error(message.split('\n')[0]);
  };

  private initialize(params: InitializeParams): InitializeResult {
    this.support = clientSupport(params);
    const { connection, documents, uris } = this;
    this.settings = new SettingsStore(
      this.support.configuration ? (scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: SECTION }) : undefined,
      (m) => this.log.warn(m),
    );
    this.diagnostics = new Diagnostics({
      documents,
      uris,
      settings: this.settings,
      engines: this.engines,
      log: this.log,
      publish: this.support.pullDiagnostics
        ? undefined
        : (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }).catch(() => undefined),
      refresh: this.support.diagnosticRefresh ? () => connection.languages.diagnostics.refresh() : undefined,
      onChange: () => this.status.update(this.diagnostics.openCounts()),
    });
    this.inventory = new InventoryService({
      connection, documents, uris, engines: this.engines, settings: this.settings, log: this.log, codeLensRefresh: this.support.codeLensRefresh,
    });
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    this.setFolders(folders.map((f) => f.uri));
    this.registerHandlers();
    return { capabilities: serverCapabilities(this.support), serverInfo: { name: 'api-warden-language-server', version: this.options.version } };
  }

  private async initialized(): Promise<void> {
    const { connection, support } = this;
    // Subscribe before awaiting anything: a folder change sent right after `initialized` must not be lost.
    if (support.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guardVoid('workspace/didChangeWorkspaceFolders', this.fail, (e) => {
          const removed = new Set(e.removed.map((f: WorkspaceFolder) => f.uri));
          this.setFolders([...this.folders.filter((u) => !removed.has(u)), ...e.added.map((f: WorkspaceFolder) => f.uri)]);
          this.diagnostics.workspaceChanged();
          this.inventory.changed();
        }),
      );
    }
    this.status.ready();
    if (support.configurationRegistration) await connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION });
    if (support.fileWatcherRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
    }
  }

  private setFolders(uris: string[]): void {
    this.folders = [...new Set(uris)];
    // Only folders on disk can be walked; other schemes' buffers are still linted one by one.
    this.engines.setRoots(this.folders.flatMap((u) => {
      const path = fileUriToPath(u);
      if (path !== undefined) this.uris.toPath(u);
      return path !== undefined ? [path] : [];
    }));
  }

  private registerHandlers(): void {
    const { connection, documents, uris, diagnostics, engines, inventory, fail } = this;

    documents.onDidChangeContent(guardVoid('textDocument/didChange', fail, ({ document }) => {
      engines.setFile(uris.toPath(document.uri, document.languageId), document.getText());
      diagnostics.changed(document.uri);
      inventory.changed();
    }));
    documents.onDidClose(guardVoid('textDocument/didClose', fail, ({ document }) => {
      const path = uris.toPath(document.uri, document.languageId);
      engines.setFile(path, undefined);
      diagnostics.closed(document.uri, path);
      this.settings.forget(document.uri);
      uris.forget(document.uri);
      inventory.changed();
    }));

    if (this.support.pullDiagnostics) {
      const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
      connection.languages.diagnostics.on(guard('textDocument/diagnostic', empty, fail, async (params): Promise<DocumentDiagnosticReport> => {
        const a = await diagnostics.analyse(params.textDocument.uri);
        if (!a) return empty;
        if (params.previousResultId === a.key) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: a.key };
        return { kind: DocumentDiagnosticReportKind.Full, resultId: a.key, items: a.diagnostics };
      }));
    }

    connection.onCodeAction(guard('textDocument/codeAction', [], fail, (params) =>
      codeActions(params, { documents, uris, diagnostics, documentChanges: this.support.documentChanges })));

    connection.onDidChangeConfiguration(guardVoid('workspace/didChangeConfiguration', fail, (params) => {
      this.settings.changed(params.settings);
      diagnostics.settingsChanged();
      inventory.changed();
    }));

    connection.onDidChangeWatchedFiles(guardVoid('workspace/didChangeWatchedFiles', fail, (params) => {
      for (const change of params.changes) {
        const path = fileUriToPath(change.uri);
        if (path !== undefined) engines.fileChanged(path);
      }
      if (params.changes.length) {
        diagnostics.workspaceChanged();
        inventory.changed();
      }
    }));

    connection.onRequest(AuditRequest, guard('apiWarden/audit', EMPTY_AUDIT, fail, (params, token) =>
      runAudit(params, token, {
        connection, documents, uris, engines, settings: this.settings, status: this.status, progressSupported: this.support.workDoneProgress, version: this.options.version,
        workers: this.auditWorkers,
      })));

    connection.onRequest(InventoryRequest, guard('apiWarden/inventory', EMPTY_INVENTORY, fail, () => inventory.request()));
    connection.onCodeLens(guard('textDocument/codeLens', [], fail, async (params) => {
      const c = await inventory.get();
      return codeLensesFor(params.textDocument.uri, c.result, uris, c.roots);
    }));

    connection.onShutdown(() => {
      diagnostics.dispose();
      inventory.dispose();
      this.auditWorkers?.dispose();
    });
  }
}

export function startSession(connection: Connection, options?: SessionOptions): Session {
  return new Session(connection, options);
}
