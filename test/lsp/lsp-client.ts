/**
 * A minimal LSP client for tests and benchmarks: drives the language server over JSON-RPC,
 * answers the server's requests (configuration, registrations, progress, refresh), and lets a
 * test wait on what the server sends, never on time.
 *
 *   const client = LspClient.spawn();                 // node dist/server.js --stdio (fork(): --node-ipc)
 *   await client.initialize({ folders: [dir] });
 *   client.open(uri, 'yaml', text);
 *   const report = await client.pullDiagnostics(uri);
 *   await client.shutdown();
 */
import * as assert from 'assert';
import { fork, spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc/node';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type ClientCapabilities,
  type CodeAction,
  type ConfigurationItem,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FileEvent,
  type InitializeResult,
  type LogMessageParams,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { AuditRequest, StatusNotification, type AuditParams, type AuditSummary, type StatusParams } from '../../server/src/protocol';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist', 'server.js');

/** What VS Code's client declares, trimmed to what the server looks at. */
export const PULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      dataSupport: true,
      isPreferredSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
    },
  },
  window: { workDoneProgress: true },
};

/** An older or simpler editor: push diagnostics, plain `changes`, no configuration requests. */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  workspace: { workspaceFolders: true },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
  },
};

export interface InitializeOptions {
  /** Workspace folders (directories on disk). */
  folders?: string[];
  capabilities?: ClientCapabilities;
  /** The server exits when this process dies; null for an in-process server (no watchdog). */
  processId?: number | null;
}

interface Received {
  method: string;
  params: unknown;
}

export const fileUri = (p: string): string => URI.file(p).toString();

export class LspClient {
  readonly connection: MessageConnection;
  /** Everything the server sent that was not a response, in order. */
  readonly received: Received[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly configurationRequests: ConfigurationItem[] = [];
  readonly registrations: Registration[] = [];
  /** Answers `workspace/configuration` for the `apiWarden` section; settable between steps. */
  settings: (item: ConfigurationItem) => unknown = () => ({});
  private readonly waiters: { method: string; test: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, TextDocument>();

  constructor(
    reader: MessageReader,
    writer: MessageWriter,
    readonly process?: ChildProcess,
  ) {
    this.connection = createMessageConnection(reader, writer);
    const c = this.connection;
    c.onRequest('workspace/configuration', (params: { items: ConfigurationItem[] }) => {
      this.record('workspace/configuration', params);
      this.configurationRequests.push(...params.items);
      return params.items.map((item) => this.settings(item));
    });
    c.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
      this.registrations.push(...params.registrations);
      this.record('client/registerCapability', params);
      return null;
    });
    for (const method of ['client/unregisterCapability', 'window/workDoneProgress/create', 'workspace/diagnostic/refresh', 'workspace/codeLens/refresh', 'window/showMessageRequest']) {
      c.onRequest(method, (params: unknown) => {
        this.record(method, params);
        return null;
      });
    }
    c.onNotification((method: string, params: unknown) => {
      if (method === 'window/logMessage') this.logs.push(params as LogMessageParams);
      this.record(method, params);
    });
    // `$/progress` for tokens nobody registered a handler for (the server's own progress).
    c.onUnhandledProgress((p) => this.record('$/progress', p));
    c.listen();
  }

  /** Spawns the built server over stdio; fails with a clear message when it was not built. */
  static spawn(serverPath = SERVER_BUNDLE, extraArgs: string[] = []): LspClient {
    assert.ok(fs.existsSync(serverPath), `${serverPath} is missing: run \`npm run build\` before the LSP tests`);
    const child = spawn(process.execPath, [serverPath, '--stdio', ...extraArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr?.on('data', (d: Buffer) => process.env.LSP_TEST_STDERR && process.stderr.write(d));
    return new LspClient(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!), child);
  }

  /** Forks the built server with `--node-ipc`, the transport the VS Code client uses. */
  static fork(serverPath = SERVER_BUNDLE): LspClient {
    assert.ok(fs.existsSync(serverPath), `${serverPath} is missing: run \`npm run build\` before the LSP tests`);
    const child = fork(serverPath, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr?.on('data', (d: Buffer) => process.env.LSP_TEST_STDERR && process.stderr.write(d));
    return new LspClient(new IPCMessageReader(child), new IPCMessageWriter(child), child);
  }

  /** A client over any pair of streams (an in-process server). */
  static overStreams(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): LspClient {
    return new LspClient(new StreamMessageReader(input), new StreamMessageWriter(output));
  }

  async initialize(options: InitializeOptions = {}): Promise<InitializeResult> {
    const folders = (options.folders ?? []).map((f) => ({ uri: fileUri(f), name: path.basename(f) }));
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: options.processId === undefined ? process.pid : options.processId,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders,
      capabilities: options.capabilities ?? PULL_CAPABILITIES,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  open(uri: string, languageId: string, text: string): void {
    this.versions.set(uri, 1);
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-content change is valid under incremental sync). Returns the new version. */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const old = this.texts.get(uri);
    this.texts.set(uri, TextDocument.create(uri, old?.languageId ?? 'plaintext', version, text));
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Applies LSP edits to the client's copy, sends them as an incremental change, returns the new text. */
  edit(uri: string, edits: TextEdit[]): string {
    const doc = this.texts.get(uri);
    assert.ok(doc, `${uri} is not open`);
    const text = TextDocument.applyEdits(doc, edits);
    const version = doc.version + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, TextDocument.create(uri, doc.languageId, version, text));
    // Send edits last-first so each range still refers to the text it was computed on.
    const sorted = [...edits].sort((a, b) => compare(b.range.start, a.range.start));
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    return text;
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri)?.getText();
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  close(uri: string): void {
    this.versions.delete(uri);
    this.texts.delete(uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  configurationChanged(settings: unknown = null): void {
    void this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  watchedFilesChanged(changes: FileEvent[]): void {
    void this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  pullDiagnostics(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
  }

  /** Pulls and returns the items of a full report (fails on an `unchanged` one). */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.pullDiagnostics(uri);
    assert.strictEqual(report.kind, 'full');
    return report.kind === 'full' ? report.items : [];
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection
      .sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } })
      .then((r) => (r ?? []).filter((a): a is CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string')));
  }

  audit(params: AuditParams = {}): Promise<AuditSummary> {
    return this.connection.sendRequest(AuditRequest, params);
  }

  /** Resolves with the first message of `method` (already received or future) that passes `test`. */
  waitFor<T>(method: string, test: (params: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
    return this.waitFrom(0, method, test, timeoutMs);
  }

  /** Like waitFor, but only for messages that arrive after this call. */
  next<T>(method: string, test: (params: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
    return this.waitFrom(this.received.length, method, test, timeoutMs);
  }

  private waitFrom<T>(from: number, method: string, test: (params: T) => boolean, timeoutMs: number): Promise<T> {
    const seen = this.received.slice(from).find((r) => r.method === method && test(r.params as T));
    if (seen) return Promise.resolve(seen.params as T);
    return new Promise<T>((resolve, reject) => {
      const waiter = { method, test: (p: unknown) => test(p as T), resolve: (p: unknown) => resolve(p as T) };
      this.waiters.push(waiter);
      // A safety net so a missing message fails the test with a reason instead of hanging.
      setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i === -1) return;
        this.waiters.splice(i, 1);
        reject(new Error(`timed out waiting for ${method}; received: ${this.received.map((r) => r.method).join(', ')}`));
      }, timeoutMs).unref();
    });
  }

  publishedDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor<PublishDiagnosticsParams>(PublishDiagnosticsNotification.method, (p) => p.uri === uri && (version === undefined || p.version === version));
  }

  status(test: (p: StatusParams) => boolean): Promise<StatusParams> {
    return this.waitFor<StatusParams>(StatusNotification.method, test);
  }

  /** shutdown + exit; resolves with the server's exit code when it is a child process. */
  async shutdown(): Promise<number | null> {
    const exited = this.process ? new Promise<number | null>((resolve) => this.process!.once('exit', (code) => resolve(code))) : Promise.resolve(null);
    await this.connection.sendRequest(ShutdownRequest.type);
    if (!this.process) {
      this.connection.dispose();
      return null;
    }
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  /**
   * The end of a session that must have gone cleanly: nothing logged as an error, then shutdown +
   * exit with code 0; the connection (and a server still running) is disposed whatever happens.
   */
  async closeCleanly(): Promise<void> {
    try {
      assert.deepStrictEqual(this.logs.filter((l) => l.type === 1).map((l) => l.message), [], 'no errors were logged');
      assert.strictEqual(await this.shutdown(), this.process ? 0 : null, 'the server exits with 0 after shutdown + exit');
    } finally {
      this.dispose();
    }
  }

  /** Kills the server if a test failed before shutting it down. */
  dispose(): void {
    this.connection.dispose();
    if (this.process && this.process.exitCode === null) this.process.kill();
  }

  private record(method: string, params: unknown): void {
    this.received.push({ method, params });
    for (const w of [...this.waiters]) {
      if (w.method === method && w.test(params)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  }
}

function compare(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

/** The edits a WorkspaceEdit makes to one document, from `documentChanges` or `changes`. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): { edits: TextEdit[]; version?: number | null } {
  if (!edit) return { edits: [] };
  if (edit.documentChanges) {
    const edits: TextEdit[] = [];
    let version: number | null | undefined;
    for (const change of edit.documentChanges) {
      if ('textDocument' in change && change.textDocument.uri === uri) {
        edits.push(...change.edits.filter((e): e is TextEdit => 'range' in e && 'newText' in e));
        version = change.textDocument.version;
      }
    }
    return { edits, version };
  }
  return { edits: edit.changes?.[uri] ?? [] };
}
