/**
 * `apiWarden/audit` in a worker thread: the same answer as the main-thread audit (from the
 * modules in out/ and from the bundle in dist/), open buffers audited as the editor holds them,
 * progress relayed, a cancel that ends even a thread stuck in a synchronous block, edits answered
 * while it runs, a crashing worker answered as an error, and the main thread as the fallback.
 *
 * Stand-in workers (./workers) make the slow and failing cases deterministic; nothing here
 * sleeps or measures time (the bench measures how fast, docs/performance.md).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc';
import { createConnection, LSPErrorCodes, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createEngine } from '../../server/src/engine';
import { startSession, type SessionOptions } from '../../server/src/lsp/session';
import { NodeFileSystem } from '../../server/src/node-file-system';
import { AuditRequest, type AuditSummary } from '../../server/src/protocol';
import { fileUri, LspClient, PULL_CAPABILITIES, REPO_ROOT } from './lsp-client';

const WORKERS = path.join(__dirname, 'workers');
const HANG = path.join(WORKERS, 'hang-worker.js');
const CRASH = path.join(WORKERS, 'crash-worker.js');
const BROKEN = path.join(WORKERS, 'broken-worker.js');
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/workspaces');
const RULE = 'spec-operation-without-security';
const FALLBACK = /runs on the main thread/;
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Progress {
  token: string | number;
  value: { kind: string; percentage?: number; message?: string };
}

function inProcess(options: SessionOptions): LspClient {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startSession(connection, { version: VERSION, ...options });
  connection.listen();
  return LspClient.overStreams(toClient, toServer);
}

/** Everything but the wall time, which differs between any two runs. */
const comparable = (s: AuditSummary) => ({ ...s, durationMs: 0 });

describe('apiWarden/audit in a worker thread', function () {
  let ws: string;
  let secondSpec: string;
  /** The second spec as the editor holds it (unsaved): POST /orders secured, which the file on disk is not. */
  let unsaved: string;
  const clients: LspClient[] = [];

  const start = async (options: SessionOptions): Promise<LspClient> => {
    const client = inProcess(options);
    clients.push(client);
    await client.initialize({ folders: [ws], processId: null, capabilities: PULL_CAPABILITIES });
    return client;
  };
  const openUnsaved = (client: LspClient) => client.open(fileUri(secondSpec), 'yaml', unsaved);

  before(() => {
    // A real folder on disk (the worker reads the disk itself): specs, Express and NestJS code.
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'api-warden-audit-worker-'));
    fs.cpSync(path.join(FIXTURES, 'spec-code-drift'), ws, { recursive: true });
    secondSpec = path.join(ws, 'second', 'openapi.yaml');
    fs.mkdirSync(path.dirname(secondSpec));
    const onDisk = fs.readFileSync(path.join(FIXTURES, 'lsp-basic', 'openapi.yaml'), 'utf8');
    fs.writeFileSync(secondSpec, onDisk);
    unsaved = onDisk.replace("    post:\n", "    post:\n      security:\n        - bearer: []\n");
    assert.notStrictEqual(unsaved, onDisk);
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) await c.shutdown();
  });

  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('answers exactly what the main-thread audit answers, open unsaved buffers included, with progress on the client token', async () => {
    const inWorker = await start({});
    const onMain = await start({ auditWorker: false });
    openUnsaved(inWorker);
    openUnsaved(onMain);

    const expected = await onMain.audit();
    const summary = await inWorker.audit({ workDoneToken: 'w1' });
    assert.deepStrictEqual(inWorker.logs.filter((l) => FALLBACK.test(l.message)), [], 'the audit ran in the worker');
    assert.deepStrictEqual(comparable(summary), comparable(expected));

    // The audit covered spec and code, and read the unsaved buffer, not the file on disk.
    assert.ok(summary.files.specs === 2 && summary.files.code > 0 && summary.operations.some((o) => o.source !== 'openapi'), JSON.stringify(summary.files));
    const inSecond = summary.findings.filter((f) => f.uri === fileUri(secondSpec));
    assert.ok(inSecond.length > 0);
    assert.ok(!inSecond.some((f) => f.ruleId === RULE && f.operation?.method === 'POST'), 'POST /orders is secured in the buffer');
    const disk = await createEngine({ fs: new NodeFileSystem(), roots: [ws] }).audit();
    assert.ok(disk.findings.some((f) => f.file === secondSpec && f.ruleId === RULE), 'and unsecured on disk');

    // Progress came from the worker: begin, percentages with file names, end.
    const progress = inWorker.received.filter((m) => m.method === '$/progress').map((m) => m.params as Progress).filter((p) => p.token === 'w1');
    assert.deepStrictEqual([progress[0]?.value.kind, progress[progress.length - 1]?.value.kind], ['begin', 'end']);
    const reports = progress.filter((p) => p.value.kind === 'report');
    assert.ok(reports.length > 0 && reports.every((r) => typeof r.value.percentage === 'number'));
    assert.ok(reports.some((r) => r.value.message === 'openapi.yaml' || r.value.message === 'second/openapi.yaml'), JSON.stringify(reports));
  });

  it('the bundled server (dist/) audits in its worker what the main thread audits', async () => {
    const onMain = await start({ auditWorker: false });
    openUnsaved(onMain);
    const expected = await onMain.audit();

    const bundled = LspClient.spawn();
    clients.push(bundled);
    await bundled.initialize({ folders: [ws], capabilities: PULL_CAPABILITIES });
    openUnsaved(bundled);
    const summary = await bundled.audit();
    assert.deepStrictEqual(bundled.logs.filter((l) => FALLBACK.test(l.message) || l.type === 1), [], 'the bundle ran its worker, without errors');
    assert.deepStrictEqual(comparable(summary), comparable(expected));
  });

  it('a cancel ends an audit stuck in a synchronous block, and edits are answered while it runs', async () => {
    const client = await start({ auditWorker: HANG });
    openUnsaved(client);
    const uri = fileUri(secondSpec);
    assert.ok(!(await client.diagnostics(uri)).some((d) => d.code === RULE));

    const cancel = new CancellationTokenSource();
    const busy = client.waitFor<Progress>('$/progress', (p) => p.token === 'h1' && p.value.kind === 'report');
    const audit = client.connection.sendRequest(AuditRequest, { workDoneToken: 'h1' }, cancel.token);
    assert.strictEqual((await busy).value.message, 'forever.yaml');

    // The worker never yields; the main thread still takes the edit and answers with fresh diagnostics.
    client.change(uri, unsaved.replace("      security:\n        - bearer: []\n      responses:\n        '201'", "      responses:\n        '201'"));
    assert.ok((await client.diagnostics(uri)).some((d) => d.code === RULE), 'the edit is analysed while the audit runs');

    cancel.cancel();
    const summary = await audit;
    assert.strictEqual(summary.cancelled, true);
    assert.deepStrictEqual(summary.findings, []);
    await client.waitFor<Progress>('$/progress', (p) => p.token === 'h1' && p.value.kind === 'end');

    // The Cancel button of a progress the server created ends it the same way.
    const created = client.next<{ token: string }>('window/workDoneProgress/create');
    const second = client.connection.sendRequest(AuditRequest, {});
    const { token } = await created;
    await client.waitFor<Progress>('$/progress', (p) => p.token === token && p.value.kind === 'report');
    await client.connection.sendNotification('window/workDoneProgress/cancel', { token });
    assert.strictEqual((await second).cancelled, true);
  });

  it('a worker that crashes: the audit answers an error, the error is logged, the server carries on', async () => {
    const client = await start({ auditWorker: CRASH });
    const failure = await client.audit().then(
      () => assert.fail('the audit should have failed'),
      (e: unknown) => e,
    );
    assert.ok(failure instanceof ResponseError, String(failure));
    assert.strictEqual(failure.code, LSPErrorCodes.RequestFailed);
    assert.match(failure.message, /crashed on purpose/);
    assert.ok(client.logs.some((l) => l.type === 1 && /crashed on purpose/.test(l.message)), 'logged as an error');

    // Still serving: diagnostics, and another audit.
    openUnsaved(client);
    assert.ok((await client.diagnostics(fileUri(secondSpec))).length > 0);
    await assert.rejects(client.audit(), /crashed on purpose/);
  });

  it('audits on the main thread when no worker can start', async () => {
    const onMain = await start({ auditWorker: false });
    const expected = await onMain.audit();
    for (const script of [BROKEN, path.join(WORKERS, 'no-such-worker.js')]) {
      const client = await start({ auditWorker: script });
      const summary = await client.audit();
      assert.deepStrictEqual(comparable(summary), comparable(expected), script);
      assert.ok(client.logs.some((l) => l.type === 2 && FALLBACK.test(l.message)), 'the fallback is logged as a warning');
    }
  });
});
