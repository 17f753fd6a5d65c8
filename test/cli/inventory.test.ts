/** `api-warden inventory`: the endpoint inventory through the built CLI. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { assertBuilt, runCli } from './run-cli';

describe('api-warden inventory', () => {
  before(assertBuilt);

  it('lists spec and code endpoints paired up, as JSON by default', () => {
    const r = runCli(['inventory', 'inventory-cli']);
    assert.strictEqual(r.status, 0, r.stderr);
    const inv = JSON.parse(r.stdout);
    assert.strictEqual(inv.schemaVersion, 1);
    assert.deepStrictEqual(inv.specs, ['openapi.yaml']);
    const rows = inv.endpoints.map((e: { method: string; path: string; status: string }) => `${e.method} ${e.path} ${e.status}`);
    assert.deepStrictEqual(rows.sort(), ['DELETE /api/items/{id} unimplemented', 'GET /api/items documented', 'POST /api/items/{id}/archive shadow']);
    const get = inv.endpoints.find((e: { method: string }) => e.method === 'GET');
    assert.strictEqual(get.spec.file, 'openapi.yaml');
    assert.strictEqual(get.spec.line, 6);
    assert.deepStrictEqual(get.code.map((c: { file: string; line: number }) => `${c.file}:${c.line}`), ['src/app.ts:9']);
    assert.strictEqual(get.auth, undefined);
    assert.strictEqual(get.spec.auth.status, 'required');
    assert.strictEqual(get.code[0].auth.status, 'required');
  });

  it('writes a Markdown table', () => {
    const r = runCli(['inventory', 'inventory-cli', '--format', 'markdown']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# API inventory/);
    assert.match(r.stdout, /\| POST \| \/api\/items\/\{id\}\/archive \| shadow \(not in the spec\) \|/);
  });

  it('writes a skeleton OpenAPI document from the code alone, to a file', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aw-inv-')), 'from-code.yaml');
    const r = runCli(['inventory', 'inventory-cli', '--format', 'openapi', '--output', out]);
    assert.strictEqual(r.status, 0, r.stderr);
    const doc = YAML.parse(fs.readFileSync(out, 'utf8'));
    assert.strictEqual(doc.openapi, '3.0.3');
    assert.deepStrictEqual(Object.keys(doc.paths).sort(), ['/api/items', '/api/items/{id}/archive']);
    const archive = doc.paths['/api/items/{id}/archive'].post;
    assert.deepStrictEqual(archive.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`), ['path:id']);
    assert.deepStrictEqual(archive.security, [{ bearerAuth: [] }], 'the route authenticates');
    assert.ok(doc.components.securitySchemes.bearerAuth);
    assert.strictEqual(archive['x-api-warden-source'], 'express src/app.ts');
    // the body its zod schema declares (strict: unknown properties are rejected)
    assert.deepStrictEqual(archive.requestBody.content['application/json'].schema, {
      type: 'object',
      properties: { reason: { type: 'string', maxLength: 200 }, notify: { type: 'boolean' } },
      required: ['reason'],
      additionalProperties: false,
    });
    assert.strictEqual(doc.paths['/api/items'].get.requestBody, undefined);
  });

  it('rejects audit options and unknown formats with exit code 2', () => {
    assert.strictEqual(runCli(['inventory', 'inventory-cli', '--fail-on', 'error']).status, 2);
    const r = runCli(['inventory', 'inventory-cli', '--format', 'sarif']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /unknown inventory format 'sarif'/);
  });
});
