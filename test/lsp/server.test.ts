/**
 * The built language server (dist/server.js) over stdio, driven the way an editor drives it.
 * Nothing here sleeps: every step waits on a response or on a message from the server.
 *
 * More rules keep being added, and some may report on these documents too: assertions look at
 * the rule under test (`only(...)`), and the audit totals are checked against the engine's own
 * audit of the same folder, so the test pins the adapter's behaviour, not the rule set.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver';
import { createEngine, docsUrl, type Severity } from '../../server/src/engine';
import { NodeFileSystem } from '../../server/src/node-file-system';
import type { StatusParams } from '../../server/src/protocol';
import { yaml } from '../helpers';
import { editsFor, fileUri, LspClient, PULL_CAPABILITIES, PUSH_CAPABILITIES, REPO_ROOT, SERVER_BUNDLE } from './lsp-client';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/workspaces/lsp-basic');
/** Buffers that exist only in the editor (never on disk): they do not change the audit. */
const bufferUri = (name: string) => fileUri(path.join(FIXTURE, 'unsaved', name));
const RULE = 'spec-operation-without-security';
const PLAIN_HTTP = 'spec-server-plain-http';
const REQUIRE_BEARER = "Require the 'bearer' security scheme";

const only = (code: string, items: Diagnostic[]) => items.filter((d) => d.code === code);

// The POST declares security, so the document is one that uses security, and the GET's missing
// requirement is reported on the GET itself (line 6, `get` = characters 4..7).
const ORDERS = yaml`
  openapi: 3.0.3
  info:
    title: Orders
    version: '1'
  paths:
    /orders:
      get:
        responses:
          '200':
            description: ok
      post:
        security:
          - bearer: []
        responses:
          '201':
            description: created
  components:
    securitySchemes:
      bearer:
        type: http
        scheme: bearer
`;

const ORDERS_SECURED = ORDERS.replace('    get:\n', '    get:\n      security:\n        - bearer: []\n');
const ORDERS_IGNORED = ORDERS.replace('    get:\n', `    # api-warden-ignore-next-line ${RULE} -- <reason>\n    get:\n`);

describe('language server over stdio: a client with pull diagnostics', function () {
  let client: LspClient;
  let init: InitializeResult;

  before(async () => {
    client = LspClient.spawn();
    init = await client.initialize({ folders: [FIXTURE], capabilities: PULL_CAPABILITIES });
  });

  after(async () => {
    await client?.closeCleanly();
  });

  it('declares pull diagnostics, incremental sync, quick fixes, fix-all and code lenses', () => {
    assert.deepStrictEqual(init.capabilities, {
      textDocumentSync: { openClose: true, change: 2 },
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.apiWarden'], resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      diagnosticProvider: { identifier: 'api-warden', interFileDependencies: true, workspaceDiagnostics: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    });
    assert.strictEqual(init.serverInfo?.name, 'api-warden-language-server');
  });

  it('registers file watchers and configuration changes once initialized', async () => {
    type Registrations = { registrations: { method: string; registerOptions?: { watchers?: { globPattern: string }[] } }[] };
    const params = await client.waitFor<Registrations>('client/registerCapability', (p) =>
      p.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const watchers = params.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions!.watchers!;
    assert.deepStrictEqual(watchers.map((w) => w.globPattern), ['**/*.{yaml,yml,json,ts,tsx,mts,cts,js,jsx,mjs,cjs}', '**/.gitignore']);
    await client.waitFor<Registrations>('client/registerCapability', (p) => p.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
  });

  it('reports an operation without security at the exact range, with code, docs link and source', async () => {
    const uri = bufferUri('orders.yaml');
    client.open(uri, 'yaml', ORDERS);
    const items = only(RULE, await client.diagnostics(uri));
    assert.strictEqual(items.length, 1, JSON.stringify(items));
    const d = items[0];
    assert.deepStrictEqual(d.range, { start: { line: 6, character: 4 }, end: { line: 6, character: 7 } });
    assert.strictEqual(d.code, RULE);
    assert.deepStrictEqual(d.codeDescription, { href: docsUrl(RULE) });
    assert.strictEqual(d.source, 'api-warden');
    assert.strictEqual(d.severity, 2);
    assert.match(d.message, /^\[API2\] GET \/orders /);
    assert.strictEqual((d.data as { ruleId: string }).ruleId, RULE);
    // Settings were asked for this very resource.
    assert.ok(client.configurationRequests.some((i) => i.scopeUri === uri && i.section === 'apiWarden'));
    await client.status((p: StatusParams) => p.state === 'ready' && p.counts.warning >= 1);
    client.close(uri);
  });

  it('answers `unchanged` when the version was already reported', async () => {
    const uri = bufferUri('unchanged.yaml');
    client.open(uri, 'yaml', ORDERS);
    const first = await client.pullDiagnostics(uri);
    assert.strictEqual(first.kind, 'full');
    const second = await client.pullDiagnostics(uri, first.resultId);
    assert.deepStrictEqual(second, { kind: 'unchanged', resultId: first.resultId });
    client.close(uri);
  });

  it(`applies the quick fix "${REQUIRE_BEARER}" and the finding goes away`, async () => {
    const uri = bufferUri('fix.yaml');
    client.open(uri, 'yaml', ORDERS);
    const [d] = only(RULE, await client.diagnostics(uri));
    const actions = await client.codeActions(uri, d.range, [d]);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(`Ignore ${RULE} here`), JSON.stringify(titles));
    const fix = actions.find((a) => a.title === REQUIRE_BEARER);
    assert.ok(fix, JSON.stringify(titles));
    assert.strictEqual(fix.kind, 'quickfix');
    assert.ok(!fix.isPreferred, 'a suggestion is never the preferred (automatic) action');
    assert.deepStrictEqual(fix.diagnostics, [d]);
    const { edits, version } = editsFor(fix.edit, uri);
    assert.strictEqual(version, 1, 'edits are tied to the version they were made for');
    assert.strictEqual(client.edit(uri, edits), ORDERS_SECURED);
    assert.deepStrictEqual(only(RULE, await client.diagnostics(uri)), []);
    client.close(uri);
  });

  it('applies "Ignore ... here" and the finding goes away', async () => {
    const uri = bufferUri('ignore.yaml');
    client.open(uri, 'yaml', ORDERS);
    const [d] = only(RULE, await client.diagnostics(uri));
    const actions = await client.codeActions(uri, d.range, [d]);
    const ignore = actions.find((a) => a.title === `Ignore ${RULE} here`);
    assert.ok(ignore, JSON.stringify(actions.map((a) => a.title)));
    assert.strictEqual(client.edit(uri, editsFor(ignore.edit, uri).edits), ORDERS_IGNORED);
    assert.deepStrictEqual(only(RULE, await client.diagnostics(uri)), []);
    client.close(uri);
  });

  it('finds no action for a diagnostic from an older version', async () => {
    const uri = bufferUri('stale.yaml');
    client.open(uri, 'yaml', ORDERS);
    const [d] = only(RULE, await client.diagnostics(uri));
    client.change(uri, ORDERS + '\n');
    assert.deepStrictEqual(await client.codeActions(uri, d.range, [d]), []);
    client.close(uri);
  });

  it('fix-all applies every safe fix of the file, and only on request', async () => {
    const uri = bufferUri('servers.yaml');
    const text = yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      servers:
        - url: http://api.shop.com
        - url: http://eu.api.shop.com/v1
      security: [{ bearer: [] }]
      paths: {}
      components: { securitySchemes: { bearer: { type: http, scheme: bearer } } }
    `;
    client.open(uri, 'yaml', text);
    const items = only(PLAIN_HTTP, await client.diagnostics(uri));
    assert.strictEqual(items.length, 2, JSON.stringify(items));
    const quick = await client.codeActions(uri, items[0].range, [items[0]]);
    assert.strictEqual(quick[0].title, 'Use https://');
    assert.strictEqual(quick[0].isPreferred, true, 'a safe fix is the preferred action');
    assert.ok(!quick.some((a) => a.kind === 'source.fixAll.apiWarden'), 'fix-all is a source action, offered only when asked for');
    const [all] = await client.codeActions(uri, items[0].range, [], ['source.fixAll']);
    assert.strictEqual(all.kind, 'source.fixAll.apiWarden');
    assert.strictEqual(client.edit(uri, editsFor(all.edit, uri).edits), text.replace(/http:\/\//g, 'https://'));
    assert.deepStrictEqual(only(PLAIN_HTTP, await client.diagnostics(uri)), []);
    client.close(uri);
  });

  it('reports broken YAML as a parse error and keeps serving', async () => {
    const uri = bufferUri('broken.yaml');
    client.open(uri, 'yaml', 'openapi: 3.0.3\ninfo:\n  title: [broken\n  version: 1\npaths: {}\n');
    const items = only('parse-error', await client.diagnostics(uri));
    assert.strictEqual(items.length, 1, JSON.stringify(items));
    assert.strictEqual(items[0].severity, 1);
    assert.strictEqual(items[0].codeDescription, undefined, 'parse errors have no rule page');
    assert.deepStrictEqual(await client.codeActions(uri, items[0].range, items), [], 'nothing to ignore in a parse error');
    client.close(uri);
  });

  it('lints untitled buffers as single files', async () => {
    const uri = 'untitled:Untitled-1';
    client.open(uri, 'yaml', ORDERS);
    const items = only(RULE, await client.diagnostics(uri));
    assert.deepStrictEqual(items.map((i) => i.range.start.line), [6]);
    const actions = await client.codeActions(uri, items[0].range, items);
    const fix = actions.find((a) => a.title === REQUIRE_BEARER);
    assert.strictEqual(client.edit(uri, editsFor(fix?.edit, uri).edits), ORDERS_SECURED);
    assert.deepStrictEqual(only(RULE, await client.diagnostics(uri)), []);
    client.close(uri);
  });

  it('pulls settings per resource again after didChangeConfiguration and asks the client to refresh', async () => {
    const uri = bufferUri('settings.yaml');
    client.open(uri, 'yaml', ORDERS);
    assert.strictEqual(only(RULE, await client.diagnostics(uri)).length, 1);
    try {
      client.settings = () => ({ rules: { [RULE]: 'info' } });
      let refreshed = client.next('workspace/diagnostic/refresh');
      client.configurationChanged();
      await refreshed;
      assert.deepStrictEqual(only(RULE, await client.diagnostics(uri)).map((i) => i.severity), [3]);

      client.settings = () => ({ enable: false });
      refreshed = client.next('workspace/diagnostic/refresh');
      client.configurationChanged();
      await refreshed;
      assert.deepStrictEqual(await client.diagnostics(uri), []);
    } finally {
      client.settings = () => ({});
      const refreshed = client.next('workspace/diagnostic/refresh');
      client.configurationChanged();
      await refreshed;
    }
    assert.strictEqual(only(RULE, await client.diagnostics(uri)).length, 1);
    client.close(uri);
  });

  it('audits the workspace folder: counts, OWASP categories, operations, progress on the client token', async () => {
    const summary = await client.audit({ workDoneToken: 'audit-1' });
    assert.strictEqual(summary.cancelled, false);
    assert.deepStrictEqual(summary.roots, [fileUri(FIXTURE)]);
    assert.deepStrictEqual(summary.files, { specs: 1, code: 0, skipped: 0 });

    // The totals are the engine's own audit of the folder, unsuppressed findings only.
    const truth = await createEngine({ fs: new NodeFileSystem(), roots: [FIXTURE] }).audit();
    const shown = truth.findings.filter((f) => !f.suppressed);
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
    const byOwasp: Record<string, number> = {};
    for (const f of shown) {
      counts[f.severity]++;
      for (const c of f.owasp) byOwasp[c] = (byOwasp[c] ?? 0) + 1;
    }
    assert.deepStrictEqual(summary.counts, counts);
    assert.deepStrictEqual(summary.byOwasp, byOwasp);
    assert.strictEqual(summary.suppressed, truth.findings.length - shown.length);
    assert.strictEqual(summary.findings.length, shown.length);

    // What the fixture was written for: one plain-HTTP server, one unsecured write, one ignored operation.
    assert.ok(counts.error >= 2 && byOwasp['API8:2023'] >= 1 && byOwasp['API2:2023'] >= 1 && summary.suppressed >= 1, JSON.stringify(summary));
    const specUri = fileUri(path.join(FIXTURE, 'openapi.yaml'));
    const at = (ruleId: string) => summary.findings.filter((f) => f.ruleId === ruleId).map((f) => [f.uri === specUri, f.severity, f.range.start.line, f.range.start.character]);
    assert.deepStrictEqual(at(PLAIN_HTTP), [[true, 'error', 7, 9]]);
    assert.deepStrictEqual(at(RULE), [[true, 'error', 16, 4]]);
    assert.deepStrictEqual(summary.findings.find((f) => f.ruleId === RULE)?.operation, { method: 'POST', path: '/orders' });
    assert.deepStrictEqual(
      summary.operations.map((o) => `${o.method} ${o.path} ${o.auth} ${o.line} ${o.source}`),
      ['GET /orders required 10 openapi', 'POST /orders missing 16 openapi', 'GET /health public 21 openapi', 'GET /internal/ping missing 27 openapi'],
    );
    await client.waitFor<{ token: string; value: { kind: string } }>('$/progress', (p) => p.token === 'audit-1' && p.value.kind === 'begin');
    await client.waitFor<{ token: string; value: { kind: string } }>('$/progress', (p) => p.token === 'audit-1' && p.value.kind === 'end');
  });

  it('creates its own progress for an audit when the client sent no token', async () => {
    const created = client.next<{ token: string }>('window/workDoneProgress/create');
    const summary = await client.audit();
    const { token } = await created;
    assert.ok(summary.counts.error >= 2);
    await client.waitFor<{ token: string; value: { kind: string } }>('$/progress', (p) => p.token === token && p.value.kind === 'end');
  });
});

describe('language server over stdio: a client without pull diagnostics', function () {
  let client: LspClient;

  before(async () => {
    client = LspClient.spawn();
    const init = await client.initialize({ folders: [FIXTURE], capabilities: PUSH_CAPABILITIES });
    assert.strictEqual(init.capabilities.diagnosticProvider, undefined, 'no pull provider for a client that cannot pull');
  });

  after(async () => {
    if (!client) return;
    try {
      assert.strictEqual(await client.shutdown(), 0);
    } finally {
      client.dispose();
    }
  });

  it('pushes diagnostics for each version, and clears them on close', async () => {
    const uri = bufferUri('push.yaml');
    client.open(uri, 'yaml', ORDERS);
    const first = await client.publishedDiagnostics(uri, 1);
    const mine = only(RULE, first.diagnostics);
    assert.deepStrictEqual(mine.map((d) => [d.range.start.line, d.range.start.character]), [[6, 4]]);
    assert.strictEqual(mine[0].codeDescription?.href, docsUrl(RULE));

    // No `workspace/configuration` capability: settings are the defaults, never asked for.
    assert.deepStrictEqual(client.configurationRequests, []);

    // Without documentChanges support, the edit comes as plain `changes`.
    const actions = await client.codeActions(uri, mine[0].range, mine);
    const fix = actions.find((a) => a.title === REQUIRE_BEARER);
    assert.ok(fix?.edit?.changes?.[uri], JSON.stringify(fix?.edit));
    const version = client.version(uri)! + 1;
    assert.strictEqual(client.edit(uri, editsFor(fix.edit, uri).edits), ORDERS_SECURED);
    const second = await client.publishedDiagnostics(uri, version);
    assert.deepStrictEqual(only(RULE, second.diagnostics), []);

    const cleared = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri);
    client.close(uri);
    assert.deepStrictEqual((await cleared).diagnostics, []);
  });

  it('takes settings pushed with didChangeConfiguration', async () => {
    const uri = bufferUri('push-settings.yaml');
    client.open(uri, 'yaml', ORDERS);
    await client.publishedDiagnostics(uri, 1);
    const again = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri);
    client.configurationChanged({ apiWarden: { rules: { [RULE]: 'off' } } });
    assert.deepStrictEqual(only(RULE, (await again).diagnostics), []);
    client.configurationChanged({ apiWarden: {} });
    client.close(uri);
  });
});

describe("language server over node IPC (the VS Code client's transport)", () => {
  it('initializes, lints a buffer and exits cleanly', async () => {
    const client = LspClient.fork();
    try {
      await client.initialize({ folders: [FIXTURE], capabilities: PULL_CAPABILITIES });
      const uri = bufferUri('ipc.yaml');
      client.open(uri, 'yaml', ORDERS);
      assert.strictEqual(only(RULE, await client.diagnostics(uri)).length, 1);
      assert.strictEqual(await client.shutdown(), 0);
    } finally {
      client.dispose();
    }
  });
});

describe('language server command line', () => {
  it('prints its usage and exits 2 without a transport', () => {
    const r = spawnSync(process.execPath, [SERVER_BUNDLE], { encoding: 'utf8' });
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /--stdio \| --node-ipc/);
  });
});
