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

  it('opens the report view: score, endpoints and findings, under a strict CSP', async () => {
    const state = (await activateExtension()).reportView();
    assert.ok(state.open && state.html && state.report, 'report panel open');
    // The tab model reaches the extension host asynchronously: wait for the change event.
    const findTab = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('apiWarden.report'));
    const tab = findTab() ?? (await new Promise<vscode.Tab | undefined>((resolve) => {
      const timer = setTimeout(() => { sub.dispose(); resolve(undefined); }, 10_000);
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
        const t = findTab();
        if (t) { clearTimeout(timer); sub.dispose(); resolve(t); }
      });
    }));
    assert.ok(tab, 'the report tab appears within 10 s');
    const html = state.html;
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
    const score = state.report.summary.score.score;
    assert.ok(score >= 0 && score < 100, `the demo has findings, so its score is below 100 (got ${score})`);
    assert.match(html, new RegExp(`id="aw-score"[^>]*>.*?<div class="value grade-[A-F]">${score}</div>`));
    assert.match(html, /<section id="endpoints">/);
    assert.match(html, /\/admin\/users\/\{id\}/);
    assert.match(html, /spec-server-plain-http/);
    assert.strictEqual((html.match(/<tr class="finding"/g) ?? []).length, state.report.summary.total);
  });
});
