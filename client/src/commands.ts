/**
 * The extension's commands: audit the workspace (through the server, with cancellable
 * progress), restart the server, show the output.
 */
import * as vscode from 'vscode';
import { WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import { AuditRequest, type AuditSummary } from '../../server/src/protocol';
import type { WardenClient } from './client';
import { countsLine, plural } from './report';
import { ReportView } from './report-view';
import type { StatusBar } from './status';

export interface AuditApi {
  /** Runs the audit without opening the report (for other extensions and tests). */
  audit(token?: vscode.CancellationToken): Promise<AuditSummary>;
  /** What the report view shows (for tests). */
  reportView(): ReturnType<ReportView['state']>;
}

export function registerCommands(
  context: vscode.ExtensionContext,
  warden: WardenClient,
  output: vscode.OutputChannel,
  status: StatusBar,
): AuditApi {
  const view = new ReportView();
  context.subscriptions.push(view);
  let running: Promise<AuditSummary | undefined> | undefined;
  let tokenCounter = 0;

  async function audit(token?: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<AuditSummary> {
    await warden.ready();
    const client = warden.languageClient;
    // The server reports through window/workDoneProgress with our token; we relay it to the
    // notification VS Code shows (percentages become increments).
    const workDoneToken = `apiWarden/audit/${Date.now()}/${++tokenCounter}`;
    let lastPercent = 0;
    const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (!progress || value.kind === 'end') return;
      const v = value as WorkDoneProgressBegin | WorkDoneProgressReport;
      const increment = v.percentage !== undefined ? Math.max(0, v.percentage - lastPercent) : undefined;
      if (v.percentage !== undefined) lastPercent = v.percentage;
      progress.report({ message: v.message, increment });
    });
    try {
      return await client.sendRequest(AuditRequest, { workDoneToken }, token);
    } finally {
      listener.dispose();
    }
  }

  async function auditWorkspace(): Promise<AuditSummary | undefined> {
    if (running) return running; // a second click joins the audit in flight
    let cancelled = false;
    running = Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'API Warden: auditing the workspace', cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => (cancelled = true));
          return audit(token, progress);
        },
      ),
    )
      .then(
        async (summary) => {
          await showReport(summary);
          return summary;
        },
        (err: unknown) => {
          if (cancelled || isCancelled(err)) {
            void vscode.window.showInformationMessage('API Warden: audit cancelled.');
            return undefined;
          }
          const message = err instanceof Error ? err.message : String(err);
          output.appendLine(`Audit failed: ${message}`);
          void vscode.window.showErrorMessage(`API Warden: the audit failed: ${message}`, 'Show Output').then((choice) => {
            if (choice) output.show(true);
          });
          return undefined;
        },
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  async function showReport(summary: AuditSummary): Promise<void> {
    await view.show(summary);
    const endpoints = summary.operations.length;
    const unprotected = summary.operations.filter((o) => o.auth === 'missing').length;
    const headline =
      `API Warden: ${plural(summary.findings.length, 'finding')} (${countsLine(summary.counts)}); ` +
      `${plural(endpoints, 'endpoint')}, ${unprotected} without authentication` +
      (summary.cancelled ? ' (cancelled: incomplete)' : '') + '.';
    // Not awaited: the command returns the summary at once, the toast stays until dismissed.
    void vscode.window.showInformationMessage(headline, 'Show Problems').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('apiWarden.auditWorkspace', auditWorkspace),
    vscode.commands.registerCommand('apiWarden.restartServer', async () => {
      output.appendLine('Restarting the language server…');
      status.update({ state: 'starting' });
      try {
        await warden.restart();
      } catch (err) {
        void vscode.window.showErrorMessage(`API Warden: the server did not restart: ${err instanceof Error ? err.message : String(err)}`);
      }
    }),
    vscode.commands.registerCommand('apiWarden.showOutput', () => output.show(true)),
  );
  return { audit: (token) => audit(token), reportView: () => view.state() };
}

/** The language client rejects cancelled requests with a ResponseError (RequestCancelled, -32800). */
function isCancelled(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === -32800;
}
