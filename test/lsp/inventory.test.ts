/**
 * The endpoint inventory over stdio: `apiWarden/inventory`, CodeLenses on both sides, the
 * change notification, and related information that links a drift finding to the spec.
 * Fixture: test/fixtures/workspaces/inventory (one spec, an Express app + router, a Nest
 * controller) with a shadow route, a zombie operation and a matched pair whose auth drifts.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeLens, Diagnostic, Position } from 'vscode-languageserver';
import {
  InventoryChangedNotification,
  InventoryRequest,
  REVEAL_LOCATION_COMMAND,
  type InventoryChangedParams,
  type InventoryEndpoint,
  type InventoryResult,
  type WardenLocation,
} from '../../server/src/protocol';
import { authText } from '../../server/src/lsp/codelens';
import { fileUri, LspClient, PULL_CAPABILITIES, REPO_ROOT } from './lsp-client';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/workspaces/inventory');
const SPEC = path.join(FIXTURE, 'openapi.yaml');
const APP = path.join(FIXTURE, 'src/app.ts');
const ITEMS = path.join(FIXTURE, 'src/items.ts');
const REPORTS = path.join(FIXTURE, 'src/reports.controller.ts');
const text = (file: string) => fs.readFileSync(file, 'utf8');

/** 0-based line and column of the first occurrence of `needle` (after `after`, when given). */
function positionOf(file: string, needle: string, after?: string): Position {
  const t = text(file);
  const from = after === undefined ? 0 : t.indexOf(after);
  assert.ok(from >= 0, `${after} in ${file}`);
  const i = t.indexOf(needle, from);
  assert.ok(i >= 0, `${needle} in ${file}`);
  const lines = t.slice(0, i).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

const CAPABILITIES = { ...PULL_CAPABILITIES, workspace: { ...PULL_CAPABILITIES.workspace, codeLens: { refreshSupport: true } } };

function endpoint(inv: InventoryResult, method: string, p: string): InventoryEndpoint {
  const e = inv.groups.flatMap((g) => g.endpoints).find((x) => x.method === method && x.path === p);
  assert.ok(e, `${method} ${p} in ${JSON.stringify(inv.groups.map((g) => g.endpoints.map((x) => `${x.method} ${x.path}`)))}`);
  return e;
}

function lensAt(lenses: CodeLens[], line: number): CodeLens {
  const l = lenses.find((x) => x.range.start.line === line);
  assert.ok(l, `a lens on line ${line + 1}; lenses on ${lenses.map((x) => x.range.start.line + 1).join(', ')}`);
  return l;
}

describe('endpoint inventory over stdio', function () {
  let client: LspClient;
  let inventory: InventoryResult;

  before(async () => {
    client = LspClient.spawn();
    const init = await client.initialize({ folders: [FIXTURE], capabilities: CAPABILITIES });
    assert.deepStrictEqual(init.capabilities.codeLensProvider, { resolveProvider: false });
    inventory = await client.connection.sendRequest(InventoryRequest, {});
  });

  after(async () => {
    await client?.closeCleanly();
  });

  it('lists every endpoint by served path, with its sources and pairing', () => {
    assert.deepStrictEqual(
      inventory.groups.map((g) => [g.path, g.endpoints.map((e) => `${e.method} ${e.sources} ${e.status}`)]),
      [
        ['/api/items', ['GET both documented', 'POST spec unimplemented']],
        ['/api/metrics', ['GET code shadow']],
        ['/api/reports/{id}', ['GET both documented']],
        ['/api/status', ['GET both documented']],
      ],
    );
    assert.strictEqual(inventory.total, 5);
    assert.deepStrictEqual(inventory.specs, [fileUri(SPEC)]);
  });

  it('gives LSP locations of the spec operation, the registration and the handler', () => {
    const items = endpoint(inventory, 'GET', '/api/items');
    const getKey = positionOf(SPEC, 'get:', '/items:');
    assert.deepStrictEqual(items.spec?.location, { uri: fileUri(SPEC), range: { start: getKey, end: { line: getKey.line, character: getKey.character + 3 } } });
    assert.strictEqual(items.spec?.pointer, '#/paths/~1items/get');
    assert.strictEqual(items.specUri, fileUri(SPEC));
    assert.strictEqual(items.code.length, 1);
    assert.strictEqual(items.code[0].location.uri, fileUri(ITEMS));
    assert.deepStrictEqual(items.code[0].location.range.start, positionOf(ITEMS, "'/'"));
    assert.deepStrictEqual(items.code[0].handler?.range.start, positionOf(ITEMS, '(_req, res) =>'));
    assert.strictEqual(items.code[0].framework, 'express');

    const reports = endpoint(inventory, 'GET', '/api/reports/{id}');
    assert.strictEqual(reports.code[0].framework, 'nestjs');
    assert.deepStrictEqual(reports.code[0].location.range.start, positionOf(REPORTS, "@Get(':id')"));
    assert.deepStrictEqual(reports.code[0].handler?.range.start, positionOf(REPORTS, 'findOne'));
  });

  it('gives the auth of each side and the active finding count', () => {
    const reports = endpoint(inventory, 'GET', '/api/reports/{id}');
    assert.deepStrictEqual([reports.auth.spec?.status, reports.auth.spec?.by], ['required', ['bearer']]);
    assert.strictEqual(reports.auth.code?.status, 'missing');
    assert.ok(reports.findings.error >= 1, 'drift-security-not-enforced counts for the endpoint');
    const metrics = endpoint(inventory, 'GET', '/api/metrics');
    assert.deepStrictEqual([metrics.auth.code?.status, metrics.auth.code?.by, metrics.auth.spec], ['required', ['requireAuth'], undefined]);
    assert.ok(metrics.findings.warning >= 1, 'drift-undocumented-route counts for the shadow route');
    assert.ok(endpoint(inventory, 'POST', '/api/items').findings.total >= 1, 'drift-unimplemented-operation counts for the zombie');
    for (const g of inventory.groups) for (const e of g.endpoints) {
      const f = e.findings;
      assert.strictEqual(f.total, f.error + f.warning + f.info + f.hint, e.id);
    }
  });

  it('puts lenses above spec operations: auth, and where the code is (click: the handler)', async () => {
    client.open(fileUri(SPEC), 'yaml', text(SPEC));
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: fileUri(SPEC) } });
    assert.strictEqual(lenses.length, 4, JSON.stringify(lenses.map((l) => l.command?.title)));
    const get = lensAt(lenses, positionOf(SPEC, 'get:', '/items:').line);
    const handlerLine = positionOf(ITEMS, '(_req, res) =>').line;
    assert.strictEqual(get.command?.title, `requires bearer · implemented in src/items.ts:${handlerLine + 1}`);
    assert.strictEqual(get.command?.command, REVEAL_LOCATION_COMMAND);
    const target = get.command?.arguments?.[0] as WardenLocation;
    assert.strictEqual(target.uri, fileUri(ITEMS));
    assert.strictEqual(target.range.start.line, handlerLine);
    assert.strictEqual(lensAt(lenses, positionOf(SPEC, 'post:').line).command?.title, 'requires bearer · not implemented in the code');
    assert.strictEqual(lensAt(lenses, positionOf(SPEC, 'get:', '/status:').line).command?.title, `declared public · implemented in src/app.ts:${positionOf(APP, '(_req, res) => res.json({ ok').line + 1}`);
    client.close(fileUri(SPEC));
  });

  it('puts lenses above route registrations: auth, and the spec pairing (click: the operation)', async () => {
    client.open(fileUri(APP), 'typescript', text(APP));
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: fileUri(APP) } });
    assert.strictEqual(lensAt(lenses, positionOf(APP, "'/api/metrics'").line).command?.title, 'authenticated by requireAuth · not in openapi.yaml');
    assert.strictEqual(lensAt(lenses, positionOf(APP, "'/api/metrics'").line).command?.command, '', 'nothing to go to');
    const status = lensAt(lenses, positionOf(APP, "'/api/status'").line);
    assert.strictEqual(status.command?.title, 'no authentication · documented in openapi.yaml');
    assert.deepStrictEqual(status.command?.arguments?.[0], endpoint(inventory, 'GET', '/api/status').spec?.location);

    client.open(fileUri(REPORTS), 'typescript', text(REPORTS));
    const nest = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: fileUri(REPORTS) } });
    assert.strictEqual(nest.length, 1);
    assert.strictEqual(nest[0].range.start.line, positionOf(REPORTS, "@Get(':id')").line);
    assert.strictEqual(nest[0].command?.title, 'no authentication · documented in openapi.yaml');
    client.close(fileUri(APP));
    client.close(fileUri(REPORTS));
  });

  it('words guards the way the lens shows them', () => {
    const evidence = 'JwtAuthGuard (APP_GUARD in AppModule (src/app.module.ts)): JwtAuthGuard.canActivate() calls AuthGuard(\'jwt\')';
    assert.strictEqual(authText({ status: 'required', by: ['JwtAuthGuard'], evidence }, 'nestjs'), 'guarded by JwtAuthGuard (global)');
    assert.strictEqual(authText({ status: 'required', by: ['JwtAuthGuard'], evidence: 'JwtAuthGuard (@UseGuards(JwtAuthGuard) on the method): …' }, 'nestjs'), 'guarded by JwtAuthGuard');
    assert.strictEqual(authText({ status: 'unknown', by: [], evidence: '' }, 'express'), 'authentication unknown');
  });

  it('links the drift finding to the spec operation it contradicts (related information)', async () => {
    const uri = fileUri(REPORTS);
    client.open(uri, 'typescript', text(REPORTS));
    const items = (await client.diagnostics(uri)).filter((d: Diagnostic) => d.code === 'drift-security-not-enforced');
    assert.strictEqual(items.length, 1, JSON.stringify(items));
    assert.deepStrictEqual(items[0].range.start, positionOf(REPORTS, "@Get(':id')"));
    const related = items[0].relatedInformation ?? [];
    assert.strictEqual(related.length, 1, JSON.stringify(related));
    assert.deepStrictEqual(related[0].location, endpoint(inventory, 'GET', '/api/reports/{id}').spec?.location);
    assert.match(related[0].message, /bearer/);
    client.close(uri);
  });

  it('tells the client when an edit changes the inventory, and refreshes the lenses', async () => {
    const uri = fileUri(APP);
    const before = inventory.generation;
    client.open(uri, 'typescript', text(APP));
    const changed = client.next<InventoryChangedParams>(InventoryChangedNotification.method, (p) => p.generation > before, 15_000);
    const refreshed = client.next('workspace/codeLens/refresh', () => true, 15_000);
    // The shadow route moves: the old path leaves the inventory, the new one (undocumented too) appears.
    client.change(uri, text(APP).replace("'/api/metrics'", "'/api/health'"));
    const { generation } = await changed;
    await refreshed;
    const now = await client.connection.sendRequest(InventoryRequest, {});
    assert.ok(now.generation >= generation);
    assert.strictEqual(endpoint(now, 'GET', '/api/health').status, 'shadow');
    assert.ok(!now.groups.some((g) => g.path === '/api/metrics'));
    client.close(uri);
  });

  it('lists nothing and shows no lenses when API Warden is turned off for the workspace', async () => {
    client.settings = () => ({ enable: false });
    client.configurationChanged();
    try {
      const off = await client.connection.sendRequest(InventoryRequest, {});
      assert.deepStrictEqual([off.total, off.groups], [0, []]);
      client.open(fileUri(SPEC), 'yaml', text(SPEC));
      assert.deepStrictEqual(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: fileUri(SPEC) } }), []);
      client.close(fileUri(SPEC));
    } finally {
      client.settings = () => ({});
      client.configurationChanged();
    }
    assert.strictEqual((await client.connection.sendRequest(InventoryRequest, {})).total, 5, 'back on');
  });
});
