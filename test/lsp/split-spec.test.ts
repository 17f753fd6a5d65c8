/**
 * A spec split over files, through the language server: a referenced path-item file shows its
 * spec <-> code findings and CodeLenses, and the inventory points into it.
 * Fixture: test/fixtures/workspaces/split-spec-drift (openapi.yaml -> paths/*.yaml -> schemas/*.yaml).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeLens } from 'vscode-languageserver';
import { InventoryRequest, type InventoryResult } from '../../server/src/protocol';
import { fileUri, LspClient, PULL_CAPABILITIES, REPO_ROOT } from './lsp-client';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/workspaces/split-spec-drift');
const CUSTOMER = path.join(FIXTURE, 'paths/customer.yaml');
const CUSTOMERS = path.join(FIXTURE, 'paths/customers.yaml');
const lineOf = (file: string, needle: string): number => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith(needle));

describe('a spec split over files, over stdio', function () {
  let client: LspClient;

  before(async () => {
    client = LspClient.spawn();
    await client.initialize({ folders: [FIXTURE], capabilities: { ...PULL_CAPABILITIES, workspace: { ...PULL_CAPABILITIES.workspace, codeLens: { refreshSupport: true } } } });
  });

  after(async () => {
    await client?.closeCleanly();
  });

  it('a referenced path-item file shows the unimplemented operation it holds', async () => {
    client.open(fileUri(CUSTOMER), 'yaml', fs.readFileSync(CUSTOMER, 'utf8'));
    const drift = (await client.diagnostics(fileUri(CUSTOMER))).filter((d) => d.code === 'drift-unimplemented-operation');
    assert.strictEqual(drift.length, 1);
    assert.strictEqual(drift[0].range.start.line, lineOf(CUSTOMER, 'delete:'));
  });

  it('an unsaved edit of a schema file changes the code file\'s drift diagnostics', async () => {
    const app = path.join(FIXTURE, 'src/app.ts');
    const name = path.join(FIXTURE, 'schemas/name.yaml');
    const looser = async () => (await client.diagnostics(fileUri(app))).filter((d) => d.code === 'drift-input-limit-mismatch' && d.range.start.line === lineOf(app, 'const NewCustomer'));
    client.open(fileUri(app), 'typescript', fs.readFileSync(app, 'utf8'));
    assert.strictEqual((await looser()).length, 1, 'the code allows 100 where name.yaml documents 40');
    client.open(fileUri(name), 'yaml', fs.readFileSync(name, 'utf8'));
    client.change(fileUri(name), 'type: string\nmaxLength: 400\n');
    assert.strictEqual((await looser()).length, 0, 'with 400 documented, 100 is stricter: nothing to report');
    client.change(fileUri(name), fs.readFileSync(name, 'utf8'));
    assert.strictEqual((await looser()).length, 1, 'back to 40');
  });

  it('the inventory and the CodeLenses point into the path-item files', async () => {
    const inventory = await client.connection.sendRequest<InventoryResult>(InventoryRequest.method, {});
    const post = inventory.groups.flatMap((g) => g.endpoints).find((e) => e.method === 'POST' && e.path === '/api/customers');
    assert.ok(post, 'POST /api/customers is listed');
    assert.strictEqual(post.status, 'documented');
    assert.strictEqual(post.spec?.location.uri, fileUri(CUSTOMERS));
    assert.strictEqual(post.spec?.location.range.start.line, lineOf(CUSTOMERS, 'post:'));

    client.open(fileUri(CUSTOMERS), 'yaml', fs.readFileSync(CUSTOMERS, 'utf8'));
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: fileUri(CUSTOMERS) } });
    const onPost = lenses.filter((l) => l.range.start.line === lineOf(CUSTOMERS, 'post:'));
    assert.strictEqual(onPost.length, 1, JSON.stringify(lenses.map((l) => [l.range.start.line, l.command?.title])));
    assert.match(onPost[0].command?.title ?? '', /src\/app\.ts:\d+/);
  });
});
