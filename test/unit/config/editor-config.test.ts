/**
 * The language server reads the same repository configuration as the CLI (loadConfig), so the
 * editor and the CLI give the same findings; problems in an open .api-warden.yaml are shown on it.
 * Runs the server in-process over an in-memory file system.
 */
import * as assert from 'assert';
import { PassThrough } from 'stream';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createEngine, MemoryFileSystem } from '../../../server/src/engine';
import { loadConfig } from '../../../server/src/engine/config';
import { startSession, type SessionOptions } from '../../../server/src/lsp/session';
import { editsFor, LspClient, PULL_CAPABILITIES } from '../../lsp/lsp-client';
import { yaml } from '../../helpers';

function inProcess(options: SessionOptions): LspClient {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startSession(connection, options);
  connection.listen();
  return LspClient.overStreams(toClient, toServer);
}

const SPEC = yaml`
  openapi: 3.0.3
  info: { title: t, version: '1' }
  servers: [{ url: 'http://api.example.com' }]
  paths:
    /reports:
      post:
        responses: { '201': { description: created } }
    /items:
      get:
        security: [{ legacy: [] }]
        responses: { '200': { description: ok } }
  components:
    securitySchemes:
      legacy: { type: http, scheme: basic }`;

const CONFIG = yaml`
  extends: none
  rules:
    spec-server-plain-http: hint
    spec-operation-without-security: on`;

describe('configuration and suppressions in the editor', () => {
  let client: LspClient | undefined;
  afterEach(() => {
    client?.dispose();
    client = undefined;
  });

  it('the language server applies .api-warden.yaml exactly as the CLI does', async () => {
    const files = { '/ws/.api-warden.yaml': CONFIG, '/ws/api/openapi.yaml': SPEC };
    const fs = new MemoryFileSystem(files);
    client = inProcess({ fs });
    await client.initialize({ folders: [], processId: null, capabilities: PULL_CAPABILITIES });
    client.open('file:///ws/api/openapi.yaml', 'yaml', SPEC);
    const editor = (await client.diagnostics('file:///ws/api/openapi.yaml')).map((d) => `${String(d.code)}@${d.range.start.line + 1}:${d.severity}`).sort();

    const engine = createEngine({ fs, roots: ['/ws'], settings: loadConfig(fs, '/ws').settings });
    const sev = { error: 1, warning: 2, info: 3, hint: 4 } as const;
    const cli = (await engine.audit()).findings.map((f) => `${f.ruleId}@${engine.lineIndex(f.file, SPEC).positionAt(f.range.start).line + 1}:${sev[f.severity]}`).sort();

    assert.deepStrictEqual(editor, ['spec-operation-without-security@6:1', 'spec-server-plain-http@3:4']);
    assert.deepStrictEqual(editor, cli);
  });

  it('shows the problems of an open configuration file as diagnostics on it, and unsaved edits apply', async () => {
    const fs = new MemoryFileSystem({ '/ws/.api-warden.yaml': CONFIG, '/ws/openapi.yaml': SPEC });
    client = inProcess({ fs });
    await client.initialize({ folders: [], processId: null, capabilities: PULL_CAPABILITIES });
    const configUri = 'file:///ws/.api-warden.yaml';
    client.open(configUri, 'yaml', 'extends: strickt\ncolour: blue\n');
    const items = await client.diagnostics(configUri);
    assert.deepStrictEqual(items.map((d) => [d.code, d.range.start.line, d.range.start.character, d.severity]), [
      ['invalid-config', 0, 9, 1],
      ['invalid-config', 1, 0, 1],
    ]);
    assert.ok(items.every((d) => d.codeDescription === undefined), 'no rule docs link for configuration problems');
    // The open (unsaved) configuration is the one that applies.
    client.change(configUri, 'extends: none\nrules:\n  spec-http-basic-auth: error\n');
    assert.deepStrictEqual(await client.diagnostics(configUri), []);
    client.open('file:///ws/openapi.yaml', 'yaml', SPEC);
    assert.deepStrictEqual((await client.diagnostics('file:///ws/openapi.yaml')).map((d) => d.code), ['spec-http-basic-auth']);
  });

  it('shows unused suppressions with a quick fix that removes the comment', async () => {
    const spec = SPEC.replace('  /items:\n', '  # api-warden-ignore-next-line spec-operation-without-security -- stale\n  /items:\n');
    assert.ok(spec.includes('-- stale'));
    const fs = new MemoryFileSystem({ '/ws/.api-warden.yaml': CONFIG, '/ws/openapi.yaml': spec });
    client = inProcess({ fs });
    await client.initialize({ folders: [], processId: null, capabilities: PULL_CAPABILITIES });
    const uri = 'file:///ws/openapi.yaml';
    client.open(uri, 'yaml', spec);
    const items = await client.diagnostics(uri);
    const unused = items.filter((d) => d.code === 'unused-suppression');
    assert.strictEqual(unused.length, 1, JSON.stringify(items));
    const actions = await client.codeActions(uri, unused[0].range, unused);
    const remove = actions.find((a) => a.title === 'Remove the unused suppression comment');
    assert.ok(remove?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(!actions.some((a) => /^Ignore/.test(a.title)), 'no "ignore" action for an unused suppression');
    const after = client.edit(uri, editsFor(remove.edit, uri).edits);
    assert.ok(!after.includes('-- stale'));
    assert.deepStrictEqual((await client.diagnostics(uri)).filter((d) => d.code === 'unused-suppression'), []);
  });
});
