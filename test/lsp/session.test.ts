/**
 * The language server in-process, over in-memory streams, with an in-memory file system and
 * injected rules: what the stdio test cannot set up (a crashing rule, thousands of files,
 * files changing on "disk") without touching the real disk.
 */
import * as assert from 'assert';
import { PassThrough } from 'stream';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { ALL_RULES, MemoryFileSystem } from '../../server/src/engine';
import { defineOpenApiRule } from '../../server/src/engine/rules/rule';
import { startSession, type SessionOptions } from '../../server/src/lsp/session';
import { AuditRequest, type AuditSummary } from '../../server/src/protocol';
import { yaml } from '../helpers';
import { LspClient, PULL_CAPABILITIES, PUSH_CAPABILITIES } from './lsp-client';

const ROOT = '/ws';
const uriOf = (p: string) => `file://${p}`;

function inProcess(options: SessionOptions): LspClient {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  // MessageReader/Writer (not raw streams): the library exits the process when a raw input stream ends.
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startSession(connection, options);
  connection.listen();
  return LspClient.overStreams(toClient, toServer);
}

const RULE = 'spec-operation-without-security';

/** One unsecured GET (one RULE finding) next to a secured POST. */
const spec = (title: string) => yaml`
  openapi: 3.0.3
  info: { title: ${title}, version: '1' }
  paths:
    /items:
      get:
        responses: { '200': { description: ok } }
      post:
        security: [{ bearer: [] }]
        responses: { '201': { description: ok } }
  components: { securitySchemes: { bearer: { type: http, scheme: bearer } } }
`;
const ofRule = <T extends { ruleId?: string; code?: unknown }>(items: T[]) => items.filter((i) => (i.ruleId ?? i.code) === RULE);

const crashingRule = defineOpenApiRule({
  meta: {
    id: 'test-crashing-rule',
    kind: 'openapi',
    owasp: ['API9:2023'],
    severity: 'error',
    // Recommended, so the default preset (no configuration file) runs it.
    recommended: true,
    description: 'Throws on every operation.',
    messages: { never: 'never reported' },
  },
  create: () => ({
    operation() {
      throw new Error('boom');
    },
  }),
});

describe('language server in-process', () => {
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
  });

  it('logs a crashing rule with its id and still shows the other rules\' findings', async () => {
    client = inProcess({ fs: new MemoryFileSystem(), rules: [...ALL_RULES, crashingRule] });
    await client.initialize({ folders: [], processId: null, capabilities: PULL_CAPABILITIES });
    const uri = uriOf('/elsewhere/a.yaml');
    client.open(uri, 'yaml', spec('a'));
    const items = await client.diagnostics(uri);
    assert.strictEqual(ofRule(items).length, 1);
    assert.ok(!items.some((d) => d.code === 'test-crashing-rule'));
    const logged = await client.waitFor<{ type: number; message: string }>('window/logMessage', (p) => p.type === 1 && p.message.includes('test-crashing-rule'));
    assert.match(logged.message, /boom/);
  });

  it('keeps answering while an audit runs, and a cancelled audit says so', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`${ROOT}/specs/s${String(i).padStart(4, '0')}.yaml`] = spec(`s${i}`);
    client = inProcess({ fs: new MemoryFileSystem(files) });
    await client.initialize({ folders: [], processId: null, capabilities: PULL_CAPABILITIES });
    // A folder that exists only in the in-memory file system.
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(ROOT), name: 'ws' }], removed: [] } });
    const uri = uriOf('/elsewhere/open.yaml');
    client.open(uri, 'yaml', spec('open'));

    const cancel = new CancellationTokenSource();
    const working = client.waitFor<{ token: string; value: { kind: string } }>('$/progress', (p) => p.token === 'a1' && p.value.kind === 'report');
    const audit: Promise<AuditSummary> = client.connection.sendRequest(AuditRequest, { workDoneToken: 'a1' }, cancel.token);
    await working;
    // The audit is under way: a diagnostics request is still answered...
    assert.strictEqual(ofRule(await client.diagnostics(uri)).length, 1);
    // ...and the audit, cancelled now, stops early.
    cancel.cancel();
    const summary = await audit;
    assert.strictEqual(summary.cancelled, true);
    assert.ok(ofRule(summary.findings).length < 3000, `cancelled after ${ofRule(summary.findings).length} files`);

    // The Cancel button of a progress the server created cancels the audit too.
    const created = client.next<{ token: string }>('window/workDoneProgress/create');
    const second = client.connection.sendRequest(AuditRequest, {});
    const { token } = await created;
    await client.waitFor<{ token: string; value: { kind: string } }>('$/progress', (p) => p.token === token && p.value.kind === 'report');
    await client.connection.sendNotification('window/workDoneProgress/cancel', { token });
    assert.strictEqual((await second).cancelled, true);

    // The next audit runs to the end and covers everything.
    const full = await client.connection.sendRequest(AuditRequest, {});
    assert.strictEqual(full.cancelled, false);
    assert.deepStrictEqual(full.files, { specs: 3000, code: 0, skipped: 0 });
    assert.strictEqual(ofRule(full.findings).length, 3000);
    assert.deepStrictEqual(full.roots, [uriOf(ROOT)]);
  });

  it('sees files created on disk after didChangeWatchedFiles, and asks the client to refresh', async () => {
    const fs = new MemoryFileSystem({ [`${ROOT}/a.yaml`]: spec('a') });
    client = inProcess({ fs });
    await client.initialize({ folders: [], processId: null, capabilities: PULL_CAPABILITIES });
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(ROOT), name: 'ws' }], removed: [] } });
    assert.strictEqual((await client.audit()).files.specs, 1);

    fs.files.set(`${ROOT}/b.yaml`, spec('b'));
    const refreshed = client.next('workspace/diagnostic/refresh');
    client.watchedFilesChanged([{ uri: uriOf(`${ROOT}/b.yaml`), type: 1 }]);
    await refreshed;
    const summary = await client.audit();
    assert.strictEqual(summary.files.specs, 2);
    assert.deepStrictEqual([...new Set(summary.findings.map((f) => f.uri))].sort(), [uriOf(`${ROOT}/a.yaml`), uriOf(`${ROOT}/b.yaml`)]);

    const removed = client.next('workspace/diagnostic/refresh');
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(ROOT), name: 'ws' }] } });
    await removed;
    assert.deepStrictEqual((await client.audit()).files, { specs: 0, code: 0, skipped: 0 });
  });

  it('an edit in one code file refreshes the other open code files (pull) or re-pushes them (push)', async () => {
    const app = yaml`
      import express from 'express';
      import { router } from './routes';
      const app = express();
      app.use('/api', router);
    `;
    const routes = yaml`
      import { Router } from 'express';
      export const router = Router();
      router.get('/orders', (req, res) => res.json([]));
    `;
    const files = { [`${ROOT}/app.ts`]: app, [`${ROOT}/routes.ts`]: routes };

    client = inProcess({ fs: new MemoryFileSystem(files) });
    await client.initialize({ folders: [ROOT], processId: null, capabilities: PULL_CAPABILITIES });
    client.open(uriOf(`${ROOT}/app.ts`), 'typescript', app);
    client.open(uriOf(`${ROOT}/routes.ts`), 'typescript', routes);
    await client.diagnostics(uriOf(`${ROOT}/routes.ts`));
    // Opening routes.ts next to app.ts already asked for one refresh; wait for it to be out of the way.
    await client.waitFor('workspace/diagnostic/refresh');
    const refreshed = client.next('workspace/diagnostic/refresh');
    client.change(uriOf(`${ROOT}/app.ts`), app + '\n');
    await refreshed;
    await client.shutdown();

    client = inProcess({ fs: new MemoryFileSystem(files) });
    await client.initialize({ folders: [ROOT], processId: null, capabilities: PUSH_CAPABILITIES });
    client.open(uriOf(`${ROOT}/app.ts`), 'typescript', app);
    client.open(uriOf(`${ROOT}/routes.ts`), 'typescript', routes);
    await client.publishedDiagnostics(uriOf(`${ROOT}/routes.ts`), 1);
    const republished = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uriOf(`${ROOT}/routes.ts`));
    client.change(uriOf(`${ROOT}/app.ts`), app + '\n');
    assert.strictEqual((await republished).version, 1, 'routes.ts is re-analysed at its unchanged version');
  });

  it('answers with empty results instead of failing for documents it does not have', async () => {
    client = inProcess({ fs: new MemoryFileSystem() });
    await client.initialize({ folders: [], processId: null, capabilities: PULL_CAPABILITIES });
    const uri = uriOf('/nowhere/x.yaml');
    assert.deepStrictEqual(await client.pullDiagnostics(uri), { kind: 'full', items: [] });
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepStrictEqual(await client.codeActions(uri, range, [], ['source.fixAll']), []);
    client.open(uri, 'plaintext', 'not: [an api');
    assert.deepStrictEqual(await client.diagnostics(uri), []);
  });
});
