import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  hasRule,
  lacksRule,
  lineOf,
  openFile,
  revertActive,
  ruleIdOf,
  waitForDiagnostics,
} from './helpers';

const SPEC = 'openapi.yaml';

describe('OpenAPI document in the editor', () => {
  let editor: vscode.TextEditor;
  let deleteLine: number;
  const onDelete = (d: vscode.Diagnostic) => d.range.start.line === deleteLine;

  before(async () => {
    await activateExtension();
    editor = await openFile(SPEC);
    deleteLine = lineOf(editor.document, 'delete:');
  });

  afterEach(async () => {
    await vscode.window.showTextDocument(editor.document);
    if (editor.document.isDirty) await revertActive();
  });

  it('reports findings with the rule id as code and a link to its docs', async () => {
    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      (ds) => hasRule('spec-operation-without-security', onDelete)(ds) && hasRule('spec-server-plain-http')(ds),
      'the missing-security and plain-http findings',
    );
    const missing = diagnostics.find((d) => ruleIdOf(d) === 'spec-operation-without-security')!;
    assert.strictEqual(missing.range.start.line, deleteLine);
    assert.strictEqual(missing.severity, vscode.DiagnosticSeverity.Error, 'a data-changing operation without security is an error');
    assert.ok(typeof missing.code === 'object' && missing.code.target.toString().includes('spec-operation-without-security'));
    const http = diagnostics.find((d) => ruleIdOf(d) === 'spec-server-plain-http')!;
    assert.strictEqual(http.range.start.line, lineOf(editor.document, 'http://staging'));
    // The correct counterparts are left alone: GET /orders requires bearerAuth, /health is public.
    assert.ok(!diagnostics.some((d) => d.range.start.line === lineOf(editor.document, '/orders:')));
    assert.ok(!diagnostics.some((d) => d.range.start.line === lineOf(editor.document, 'https://api.')));
  });

  it("applies the quick fix \"Require the 'bearerAuth' security scheme\" and the finding goes away", async () => {
    const [diagnostic] = (await waitForDiagnostics(editor.document.uri, hasRule('spec-operation-without-security', onDelete), 'the missing-security finding'))
      .filter((d) => ruleIdOf(d) === 'spec-operation-without-security' && onDelete(d));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === "Require the 'bearerAuth' security scheme");
    assert.ok(fix, `quick fix offered; got: ${JSON.stringify(titles)}`);
    assert.ok(fix.edit, 'the fix carries its edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));

    await waitForDiagnostics(editor.document.uri, lacksRule('spec-operation-without-security'), 'the fixed finding to disappear');
    const text = editor.document.getText();
    assert.match(text, /delete:\n(?:.*\n)*? {6}security:\n {8}- bearerAuth: \[\]\n/, 'security inserted under the operation, indented like its siblings');
  });

  it('honours an api-warden-ignore-next-line comment above the finding', async () => {
    await waitForDiagnostics(editor.document.uri, hasRule('spec-server-plain-http'), 'the plain-http finding');
    const line = lineOf(editor.document, 'http://staging');
    const indent = editor.document.lineAt(line).firstNonWhitespaceCharacterIndex;
    await editor.edit((b) =>
      b.insert(new vscode.Position(line, 0), `${' '.repeat(indent)}# api-warden-ignore-next-line spec-server-plain-http -- staging has no TLS yet\n`),
    );
    await waitForDiagnostics(editor.document.uri, lacksRule('spec-server-plain-http'), 'the suppressed finding to disappear');
    // Other findings stay.
    assert.ok(hasRule('spec-operation-without-security')(vscode.languages.getDiagnostics(editor.document.uri)));
  });

  it('re-analyses when the apiWarden.rules setting changes', async () => {
    await waitForDiagnostics(editor.document.uri, hasRule('spec-server-plain-http'), 'the plain-http finding');
    const config = vscode.workspace.getConfiguration('apiWarden', editor.document.uri);
    await config.update('rules', { 'spec-server-plain-http': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(editor.document.uri, lacksRule('spec-server-plain-http'), 'the rule turned off to disappear');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(editor.document.uri, hasRule('spec-server-plain-http'), 'the rule back on');
  });
});
