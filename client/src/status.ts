/**
 * The status bar item: the server's state and the findings in open documents, as the server
 * reports them in `apiWarden/status`. Clicking it runs the audit, or shows the output when the
 * server is in trouble (that is where the reason is).
 */
import * as vscode from 'vscode';
import type { ServerState, StatusParams, WardenSeverity } from '../../server/src/protocol';

const ICONS: Record<ServerState, string> = {
  starting: '$(sync~spin)',
  ready: '$(shield)',
  analyzing: '$(sync~spin)',
  error: '$(error)',
};

const EMPTY_COUNTS: Record<WardenSeverity, number> = { error: 0, warning: 0, info: 0, hint: 0 };

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('apiWarden.status', vscode.StatusBarAlignment.Left, 10);
  private current: StatusParams = { state: 'starting', counts: { ...EMPTY_COUNTS } };

  constructor() {
    this.item.name = 'API Warden';
    this.render();
    this.item.show();
  }

  get state(): ServerState {
    return this.current.state;
  }

  get counts(): Record<WardenSeverity, number> {
    return this.current.counts;
  }

  /** Counts are kept when an update carries only a state (client-side transitions). */
  update(params: Partial<StatusParams> & { state: ServerState }): void {
    this.current = { ...this.current, ...params, counts: params.counts ?? this.current.counts };
    if (params.message === undefined) delete this.current.message;
    this.render();
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const { state, counts, message } = this.current;
    const findings = state === 'starting' || state === 'error' ? '' : ` $(error) ${counts.error} $(warning) ${counts.warning}`;
    this.item.text = `${ICONS[state]} API Warden${findings}`;
    this.item.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**API Warden**: ${state}\n\n`);
    if (message) tooltip.appendText(`${message}\n\n`);
    tooltip.appendMarkdown(
      `Open documents: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info, ${counts.hint} hints\n\n`,
    );
    tooltip.appendMarkdown(state === 'error' ? 'Click to show the output.' : 'Click to audit the workspace.');
    this.item.tooltip = tooltip;
    this.item.command = state === 'error' ? 'apiWarden.showOutput' : 'apiWarden.auditWorkspace';
  }
}
