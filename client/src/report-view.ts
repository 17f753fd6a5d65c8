/**
 * Shows the latest audit report as a Markdown preview of a read-only virtual document (unlike an
 * untitled one it is never "dirty", so closing it asks nothing). A new audit replaces its text.
 */
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'api-warden-report';
export const REPORT_URI = vscode.Uri.from({ scheme: REPORT_SCHEME, path: '/API Warden audit.md' });

export class ReportView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private text = '# API Warden audit\n\nNo audit has run yet: run **API Warden: Audit Workspace**.\n';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);

  provideTextDocumentContent(): string {
    return this.text;
  }

  async show(markdown: string): Promise<void> {
    this.text = markdown;
    this.changed.fire(REPORT_URI);
    const doc = await vscode.workspace.openTextDocument(REPORT_URI);
    try {
      // Rendered, the tables and file:line links read best; the built-in Markdown extension
      // previews any open document, ours included, and follows our change events.
      await vscode.commands.executeCommand('markdown.showPreviewToSide', REPORT_URI);
    } catch {
      // Markdown support disabled: the source is still readable.
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    }
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
