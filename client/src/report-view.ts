/**
 * The audit report in a webview panel: the same HTML page the CLI writes with `--format html`
 * (one renderer, so editor and CI show the same report), in interactive mode.
 *
 * Security: the page loads nothing (`localResourceRoots: []`, CSP `default-src 'none'`), its one
 * style and one script run under a fresh nonce per render, and every workspace string is escaped
 * by the renderer. Messages from the page are checked before use: "open" only opens files the
 * report lists, "export" only picks one of four formats; the page never names a file to write.
 * Colours follow the VS Code theme through its CSS variables.
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { formatHtml } from '../../server/src/engine/report/html';
import { formatJson } from '../../server/src/engine/report/json';
import { formatMarkdown } from '../../server/src/engine/report/markdown';
import type { Report } from '../../server/src/engine/report/model';
import { formatSarif } from '../../server/src/engine/report/sarif';
import type { AuditSummary } from '../../server/src/protocol';

export const REPORT_VIEW_TYPE = 'apiWarden.report';

const EXPORTS = {
  html: { label: 'HTML', ext: 'html', render: (r: Report) => formatHtml(r, { nonce: nonce() }) },
  markdown: { label: 'Markdown', ext: 'md', render: (r: Report) => formatMarkdown(r) },
  sarif: { label: 'SARIF', ext: 'sarif', render: (r: Report) => formatSarif(r) },
  json: { label: 'JSON', ext: 'json', render: (r: Report) => formatJson(r) },
} as const;
type ExportFormat = keyof typeof EXPORTS;

function nonce(): string {
  return randomBytes(18).toString('base64');
}

interface OpenMessage {
  type: 'open';
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private report: Report | undefined;
  private html: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens (or refreshes) the panel with the audit's report. */
  async show(summary: AuditSummary): Promise<void> {
    if (!summary.report) throw new Error('the language server sent no report (is it an older version?)');
    this.report = summary.report;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        REPORT_VIEW_TYPE,
        'API Warden Report',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        { enableScripts: true, localResourceRoots: [], enableFindWidget: true },
      );
      this.panel.onDidDispose(() => (this.panel = undefined), undefined, this.disposables);
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m), undefined, this.disposables);
    } else {
      this.panel.reveal(undefined, false);
    }
    const title = summary.cancelled ? 'API Warden report (cancelled: partial)' : 'API Warden report';
    this.html = formatHtml(summary.report, { nonce: nonce(), cspSource: this.panel.webview.cspSource, interactive: true, title });
    this.panel.webview.html = this.html;
  }

  /** What the panel shows, for tests: its HTML and whether it is open. */
  state(): { open: boolean; html?: string; report?: Report } {
    return { open: this.panel !== undefined, html: this.panel ? this.html : undefined, report: this.report };
  }

  private async onMessage(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const m = message as { type?: unknown };
    if (m.type === 'open') await this.open(message as OpenMessage);
    else if (m.type === 'export' && typeof (message as { format?: unknown }).format === 'string') await this.export((message as { format: string }).format);
  }

  private async open(m: OpenMessage): Promise<void> {
    const report = this.report;
    if (!report || typeof m.file !== 'string') return;
    // Only files the report itself lists: the page cannot make us open anything else.
    const listed = report.findings.some((f) => f.absoluteFile === m.file) || report.suppressedFindings.some((f) => f.absoluteFile === m.file) || report.operations.some((o) => o.absoluteFile === m.file);
    if (!listed) return;
    const pos = (p: { line: number; column: number } | undefined) =>
      new vscode.Position(Math.max(0, (Number(p?.line) || 1) - 1), Math.max(0, (Number(p?.column) || 1) - 1));
    const selection = new vscode.Range(pos(m.range?.start), pos(m.range?.end ?? m.range?.start));
    await vscode.window.showTextDocument(vscode.Uri.file(m.file), { selection, viewColumn: vscode.ViewColumn.One, preserveFocus: false });
  }

  private async export(format: string): Promise<void> {
    const report = this.report;
    if (!report || !(format in EXPORTS)) return;
    const spec = EXPORTS[format as ExportFormat];
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: `Export the API Warden report as ${spec.label}`,
      defaultUri: folder ? vscode.Uri.joinPath(folder, `api-warden-report.${spec.ext}`) : undefined,
      filters: { [spec.label]: [spec.ext] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(spec.render(report), 'utf8'));
    void vscode.window.showInformationMessage(`API Warden: report exported to ${vscode.workspace.asRelativePath(target)}.`);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
