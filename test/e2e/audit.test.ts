import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AuditSummary } from '../../server/src/protocol';
import { activateExtension } from './helpers';

describe('API Warden: Audit Workspace', () => {
  let summary: AuditSummary;

  before(async () => {
    await activateExtension();
    summary = (await vscode.commands.executeCommand<AuditSummary | undefined>('apiWarden.auditWorkspace'))!;
    assert.ok(summary, 'the command returns the audit summary');
  });

  it('audits the spec and the code of the workspace', () => {
    assert.strictEqual(summary.cancelled, false);
    assert.ok(summary.files.specs >= 1, `specs: ${summary.files.specs}`);
    assert.ok(summary.files.code >= 1, `code files: ${summary.files.code}`);
  });

  it('returns findings consistent with their counts', () => {
    const ids = new Set(summary.findings.map((f) => f.ruleId));
    for (const id of ['spec-server-plain-http', 'spec-http-basic-auth', 'route-without-authentication']) {
      assert.ok(ids.has(id), `${id} found; got ${[...ids].join(', ')}`);
    }
    assert.ok(
      summary.findings.some((f) => f.operation?.method.toUpperCase() === 'DELETE' && f.operation.path === '/admin/users/{id}'),
      'the unsecured DELETE /admin/users/{id} is reported',
    );
    const total = summary.counts.error + summary.counts.warning + summary.counts.info + summary.counts.hint;
    assert.strictEqual(total, summary.findings.length);
    assert.ok((summary.byOwasp['API2:2023'] ?? 0) > 0, 'broken authentication findings counted under API2:2023');
    for (const f of summary.findings) assert.ok(f.uri.startsWith('file://'), f.uri);
  });

  it('lists the endpoints with their authentication status', () => {
    const find = (method: string, p: string, source: string) =>
      summary.operations.find((o) => o.method.toUpperCase() === method && o.path === p && o.source === source);
    assert.strictEqual(find('DELETE', '/admin/users/{id}', 'openapi')?.auth, 'missing');
    assert.strictEqual(find('GET', '/orders', 'openapi')?.auth, 'required');
    assert.strictEqual(find('GET', '/health', 'openapi')?.auth, 'public');
  });

  it('shows the report as a Markdown document', () => {
    const report = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'api-warden-report');
    assert.ok(report, 'report document open');
    assert.strictEqual(report.languageId, 'markdown');
    const text = report.getText();
    assert.match(text, /^# API Warden audit/);
    assert.match(text, /## Endpoints/);
    assert.match(text, /`spec-server-plain-http`/);
    assert.match(text, /openapi\.yaml:\d+/);
  });
});
