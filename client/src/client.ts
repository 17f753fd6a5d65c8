/**
 * Starts the bundled language server (dist/server.js) over Node IPC and keeps the status bar
 * in step with it. The server does all the analysis; the client only forwards documents,
 * file events and settings (pulled by the server per resource), and renders results.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { StatusNotification } from '../../server/src/protocol';
import { RestartPolicy } from './restart-policy';
import type { StatusBar } from './status';

/** The languages whose documents the server analyses (OpenAPI in YAML/JSON, Express/NestJS code). */
export const LANGUAGES = ['yaml', 'json', 'jsonc', 'typescript', 'javascript', 'typescriptreact', 'javascriptreact'];

/**
 * Files whose creation, change or deletion changes results for other files: specs, code (a
 * route's middleware may live elsewhere), ignore files and the repository configuration.
 */
const WATCHED_GLOBS = [
  '**/*.{yaml,yml,json}',
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/.gitignore',
  '**/.api-warden.{yaml,yml,json}',
];

export class WardenClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private started: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly restarts = new RestartPolicy();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private readonly status: StatusBar,
  ) {}

  /** The running client; throws when the server is not up (commands turn that into a message). */
  get languageClient(): LanguageClient {
    if (!this.client) throw new Error('The API Warden language server is not running.');
    return this.client;
  }

  start(): Promise<void> {
    if (!this.started) this.started = this.doStart();
    return this.started;
  }

  /** Resolves when the server is initialized; rejects when it failed to start. */
  ready(): Promise<void> {
    return this.start();
  }

  async restart(): Promise<void> {
    this.restarts.reset();
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.started = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    if (client?.needsStop()) await client.stop();
  }

  dispose(): void {
    void this.stop();
  }

  private async doStart(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const watchers = WATCHED_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
    this.disposables.push(...watchers);
    const clientOptions: LanguageClientOptions = {
      documentSelector: LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      synchronize: {
        fileEvents: watchers,
      },
      outputChannel: this.output,
      errorHandler: {
        // A broken message is logged by the library; keep the connection.
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => {
          const decision = this.restarts.onCrash(Date.now());
          if (decision.restart) {
            this.output.appendLine(`The language server stopped unexpectedly; restarting it (${decision.crashes} of ${this.restarts.maxRestarts + 1} crashes allowed in 3 minutes).`);
            return { action: CloseAction.Restart };
          }
          const message = `The API Warden language server crashed ${decision.crashes} times in 3 minutes and will not be restarted. See the output, then run "API Warden: Restart Server".`;
          this.output.appendLine(message);
          this.status.update({ state: 'error', message });
          return { action: CloseAction.DoNotRestart, message };
        },
      },
    };
    // The id 'apiWarden' makes the library honour the `apiWarden.trace.server` setting.
    const client = new LanguageClient('apiWarden', 'API Warden', serverOptions, clientOptions);
    this.client = client;
    this.status.update({ state: 'starting' });
    this.disposables.push(
      client.onNotification(StatusNotification, (params) => this.status.update(params)),
      client.onDidChangeState((e) => {
        if (e.newState === State.Stopped && this.client === client) {
          this.status.update({ state: 'error', message: 'The language server stopped; see the output.' });
        }
      }),
    );
    try {
      await client.start();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.output.appendLine(`Could not start the language server: ${message}`);
      this.status.update({ state: 'error', message });
      throw err;
    }
    // Until the server reports its own state, being initialized means ready.
    if (this.status.state === 'starting') this.status.update({ state: 'ready' });
  }
}
