import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, codeActions, hasRule, lacksRule, lineOf, openFile, revertActive, ruleIdOf, waitForDiagnostics } from './helpers';

const SPEC = 'openapi.yaml';
const FIX_TITLE = "Require the 'bearerAuth' security scheme";

describe('OpenAPI document in the editor', () => {
  let editor: vscode.TextEditor;
  let deleteLine: number;
  const onDeleteLine = (ds: vscode.Diagnostic[]) => ds.filter((d) => d.range.start.line === deleteLine);

  before(async () => {
    await activateExtension();
    editor = await openFile(SPEC);
    // The demo's flaw: DELETE /admin/users/{id} declares no security while bearerAuth exists.
    deleteLine = lineOf(editor.document, 'delete:');
  });

  // Each test starts from the file as on disk, with its diagnostics caught up: the baseline has
  // the plain-http finding and one on the unsecured DELETE.
  const baseline = (ds: vscode.Diagnostic[]) => hasRule('spec-server-plain-http')(ds) && onDeleteLine(ds).length > 0;
  afterEach(async () => {
    await vscode.window.showTextDocument(editor.document);
    if (editor.document.isDirty) await revertActive();
    await waitForDiagnostics(editor.document.uri, baseline, 'the findings of the file as on disk');
  });

  it('reports findings with the rule id as code and a link to its docs', async () => {
    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      (ds) => hasRule('spec-server-plain-http')(ds) && onDeleteLine(ds).length > 0,
      'the plain-http finding and a finding on the unsecured DELETE',
    );
    const http = diagnostics.find((d) => ruleIdOf(d) === 'spec-server-plain-http')!;
    assert.strictEqual(http.range.start.line, lineOf(editor.document, 'http://staging'));
    for (const d of diagnostics) {
      const id = ruleIdOf(d)!;
      assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/, 'code is the kebab-case rule id');
      assert.ok(typeof d.code === 'object' && d.code.target.toString().includes(id), `${id} links to its docs page`);
    }
    // The correct counterparts are left alone: production is https, /health is public by design.
    assert.ok(!diagnostics.some((d) => d.range.start.line === lineOf(editor.document, 'https://api.')));
    assert.ok(!diagnostics.some((d) => d.range.start.line === lineOf(editor.document, '/health:')));
  });

  it(`applies the quick fix "${FIX_TITLE}" and the finding goes away`, async () => {
    const candidates = onDeleteLine(await waitForDiagnostics(editor.document.uri, (ds) => onDeleteLine(ds).length > 0, 'a finding on the DELETE'));
    // Whichever rule reports the missing security offers the fix; ask for the actions of each.
    let fix: vscode.CodeAction | undefined;
    let fixed: vscode.Diagnostic | undefined;
    const offered: string[] = [];
    for (const diagnostic of candidates) {
      const actions = await codeActions(editor.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      offered.push(...actions.map((a) => a.title));
      fix = actions.find((a) => a.title === FIX_TITLE);
      if (fix) {
        fixed = diagnostic;
        break;
      }
    }
    assert.ok(fix && fixed, `"${FIX_TITLE}" offered; got: ${JSON.stringify(offered)}`);
    assert.ok(fix.edit, 'the fix carries its edit');
    const ruleId = ruleIdOf(fixed)!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit));

    await waitForDiagnostics(editor.document.uri, lacksRule(ruleId), `${ruleId} to disappear once fixed`);
    assert.match(editor.document.getText(), /delete:\n(?:.*\n)*? {6}security:\n {8}- bearerAuth: \[\]\n/, 'security inserted under the operation, indented like its siblings');
  });

  it('honours an api-warden-ignore-next-line comment above the finding', async () => {
    await waitForDiagnostics(editor.document.uri, hasRule('spec-server-plain-http'), 'the plain-http finding');
    const line = lineOf(editor.document, 'http://staging');
    const indent = editor.document.lineAt(line).firstNonWhitespaceCharacterIndex;
    await editor.edit((b) =>
      b.insert(new vscode.Position(line, 0), `${' '.repeat(indent)}# api-warden-ignore-next-line spec-server-plain-http -- staging has no TLS yet\n`),
    );
    // The document has other findings: an empty list is a transient state (diagnostics cleared
    // while the edited text is re-analysed), not the suppressed result.
    const after = await waitForDiagnostics(
      editor.document.uri,
      (ds) => ds.length > 0 && lacksRule('spec-server-plain-http')(ds),
      'the suppressed finding to disappear, the others kept',
    );
    // Compared with the text without the comment analysed now: the diagnostics seen before the
    // edit may still be those of the previous test's version (the revert's result can come later).
    await editor.edit((b) => b.delete(new vscode.Range(line, 0, line + 1, 0)));
    const before = await waitForDiagnostics(editor.document.uri, hasRule('spec-server-plain-http'), 'the finding back without the comment');
    const others = before.filter((d) => ruleIdOf(d) !== 'spec-server-plain-http').map((d) => ruleIdOf(d)).sort();
    assert.deepStrictEqual(after.map((d) => ruleIdOf(d)).sort(), others, 'only the suppressed finding went away');
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
