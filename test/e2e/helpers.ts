/**
 * Helpers for suites that run inside the VS Code extension host. Waiting is always on an event
 * (with a timeout that explains what was awaited), never on a fixed delay.
 */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'api-warden.api-warden';
export const SOURCE = 'api-warden';

/** What the extension's activate() returns (client/src/extension.ts). */
export interface WardenApi {
  ready(): Promise<void>;
  audit(token?: vscode.CancellationToken): Promise<unknown>;
  /** What the audit report view shows (client/src/report-view.ts). */
  reportView(): { open: boolean; html?: string; report?: { summary: { score: { score: number }; total: number } } };
}

export async function activateExtension(): Promise<WardenApi> {
  const ext = vscode.extensions.getExtension<WardenApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in the test host`);
  const api = await ext.activate();
  await api.ready();
  return api;
}

export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e run must open a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function openFile(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(doc);
}

/** The rule id of one of our diagnostics (`code` is `{ value, target }` when it links to docs). */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/**
 * Resolves with our diagnostics for `uri` as soon as `accept` holds for them: checked now, then
 * on every onDidChangeDiagnostics event that names `uri`. Rejects after `timeoutMs`.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = ours(uri);
      if (!accept(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const now = ours(uri).map((d) => `${ruleIdOf(d)}@${d.range.start.line + 1}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${uri.path}; diagnostics now: [${now.join(', ')}]`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      listener.dispose();
    }
    check();
  });
}

export function hasRule(ruleId: string, predicate: (d: vscode.Diagnostic) => boolean = () => true) {
  return (diagnostics: vscode.Diagnostic[]): boolean => diagnostics.some((d) => ruleIdOf(d) === ruleId && predicate(d));
}

export function lacksRule(ruleId: string, predicate: (d: vscode.Diagnostic) => boolean = () => true) {
  return (diagnostics: vscode.Diagnostic[]): boolean => !hasRule(ruleId, predicate)(diagnostics);
}

/** The 0-based line of the first line containing `text`. */
export function lineOf(doc: vscode.TextDocument, text: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(text)) return i;
  throw new Error(`"${text}" not found in ${doc.uri.path}`);
}

/** Discards unsaved edits of the active editor and resolves once the text is the file's again. */
export async function revertActive(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/**
 * The code actions VS Code offers for `range`. VS Code cancels the request when the document's
 * text or the set of code action providers for it changes while it runs (a provider registered
 * by another extension, or ours re-registered after a restart): that answer says nothing about
 * our actions, so the request is asked again, a few times at most, never after a wait.
 */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind);
    } catch (e) {
      if (!(e instanceof Error && (e.name === 'Canceled' || e.message === 'Canceled')) || attempt === 5) throw e;
    }
  }
}
