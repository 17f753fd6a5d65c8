import * as vscode from 'vscode';
import { activateExtension, hasRule, lacksRule, lineOf, openFile, revertActive, waitForDiagnostics } from './helpers';

describe('API Warden: Restart Server', () => {
  it('brings up a new server that analyses edits again', async () => {
    const api = await activateExtension();
    const editor = await openFile('openapi.yaml');
    await waitForDiagnostics(editor.document.uri, hasRule('spec-server-plain-http'), 'the plain-http finding');

    await vscode.commands.executeCommand('apiWarden.restartServer');
    await api.ready();

    // An edit only the new server has seen: its diagnostics must follow it.
    const line = lineOf(editor.document, 'http://staging');
    try {
      await editor.edit((b) => b.replace(editor.document.lineAt(line).range, editor.document.lineAt(line).text.replace('http://', 'https://')));
      await waitForDiagnostics(editor.document.uri, lacksRule('spec-server-plain-http'), 'the finding to go once the server is https');
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await revertActive();
    }
    await waitForDiagnostics(editor.document.uri, hasRule('spec-server-plain-http'), 'the finding back after the revert');
  });
});
