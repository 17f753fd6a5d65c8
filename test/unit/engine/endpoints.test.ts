import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildEndpoints, collectEndpoints, createEngine, MemoryFileSystem, ruleById, type Endpoint, type EndpointInventory, type Finding, type Rule } from '../../../server/src/engine';
import { buildInventory, specApi } from '../../../server/src/engine/model/match';
import { known, unknown, type AuthFacts, type Operation } from '../../../server/src/engine/model/operation';
import { parseOpenApi } from '../../../server/src/engine/openapi/document';
import { yaml } from '../../helpers';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/workspaces/inventory');
const DRIFT_RULES = ['drift-undocumented-route', 'drift-unimplemented-operation', 'drift-deprecated-implemented', 'drift-security-not-enforced', 'drift-auth-undocumented']
  .map((id) => ruleById(id))
  .filter((r): r is Rule => !!r);

/** The fixture's files under /ws, read into memory. */
function fixtureFs(): MemoryFileSystem {
  const files: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), `${rel}/${e.name}`);
      else files[`/ws${rel}/${e.name}`] = fs.readFileSync(path.join(dir, e.name), 'utf8');
    }
  };
  walk(FIXTURE, '');
  return new MemoryFileSystem(files);
}

function find(inv: EndpointInventory, method: string, p: string): Endpoint {
  const e = inv.groups.flatMap((g) => g.endpoints).find((x) => x.method === method && x.path === p);
  assert.ok(e, `${method} ${p} in ${JSON.stringify(inv.groups.map((g) => g.endpoints.map((x) => `${x.method} ${x.path}`)))}`);
  return e;
}

const REQUIRED = known<AuthFacts>({ required: true, by: ['requireAuth'], evidence: 'requireAuth runs first' });
const OPEN = known<AuthFacts>({ required: false, by: [], evidence: 'nothing runs first' });

function route(method: Operation['method'], p: string, start: number, auth: Operation['auth'] = REQUIRED, file = '/ws/src/app.ts'): Operation {
  return {
    method, path: p, source: 'express', at: { file, range: { start, end: start + 10 } }, handler: { file, range: { start: start + 20, end: start + 60 } },
    params: [], auth, rateLimit: { known: false, reason: 'n/a' },
  };
}

const SPEC = yaml`
  openapi: 3.0.3
  info: { title: t, version: '1' }
  servers: [{ url: 'https://x.example.com/api' }]
  paths:
    /orders:
      get: { security: [{ bearer: [] }], responses: {} }
      post: { security: [], responses: {} }
    /orders/{id}:
      get: { responses: {} }
  components:
    securitySchemes:
      bearer: { type: http, scheme: bearer }
`;

function finding(file: string, start: number, extra: Partial<Finding> = {}): Finding {
  return { ruleId: 'r', messageId: 'm', message: 'x', severity: 'warning', owasp: [], file, range: { start, end: start + 1 }, ...extra };
}

describe('endpoint inventory', () => {
  describe('on the fixture workspace (spec + Express + Nest)', () => {
    let inv: EndpointInventory;

    before(async () => {
      const engine = createEngine({ fs: fixtureFs(), roots: ['/ws'], rules: DRIFT_RULES });
      inv = (await collectEndpoints(engine)).endpoints;
    });

    it('lists every endpoint once, grouped by the path it is served at', () => {
      assert.deepStrictEqual(
        inv.groups.map((g) => `${g.path}: ${g.endpoints.map((e) => e.method).join(',')}`),
        ['/api/items: GET,POST', '/api/metrics: GET', '/api/reports/{id}: GET', '/api/status: GET'],
      );
      assert.strictEqual(inv.total, 5);
      assert.deepStrictEqual(inv.specs, ['/ws/openapi.yaml']);
    });

    it('says where each side is, and how they pair', () => {
      const items = find(inv, 'GET', '/api/items');
      assert.strictEqual(items.sources, 'both');
      assert.strictEqual(items.status, 'documented');
      assert.deepStrictEqual(items.spec?.pointer, ['paths', '/items', 'get']);
      assert.strictEqual(items.spec?.path, '/items');
      const specText = fs.readFileSync(path.join(FIXTURE, 'openapi.yaml'), 'utf8');
      assert.strictEqual(specText.slice(items.spec!.range.start, items.spec!.range.end), 'get');
      assert.ok(specText.slice(items.spec!.span.start, items.spec!.span.end).startsWith('get:\n      security:'), 'the span covers the whole operation');
      assert.strictEqual(items.code.length, 1);
      const code = items.code[0];
      assert.strictEqual(code.file, '/ws/src/items.ts');
      assert.strictEqual(code.framework, 'express');
      const itemsText = fs.readFileSync(path.join(FIXTURE, 'src/items.ts'), 'utf8');
      assert.ok(itemsText.slice(code.range.start).startsWith("'/', (_req"), 'the registration (its path argument)');
      assert.ok(code.handler && itemsText.slice(code.handler.range.start).startsWith('(_req, res) =>'), 'the handler');

      const reports = find(inv, 'GET', '/api/reports/{id}');
      assert.strictEqual(reports.code[0].framework, 'nestjs');
      const nestText = fs.readFileSync(path.join(FIXTURE, 'src/reports.controller.ts'), 'utf8');
      assert.ok(nestText.slice(reports.code[0].range.start).startsWith("@Get(':id')"));
      assert.ok(nestText.slice(reports.code[0].handler!.range.start).startsWith('findOne'));

      const shadow = find(inv, 'GET', '/api/metrics');
      assert.deepStrictEqual([shadow.sources, shadow.status, shadow.specFile, shadow.spec], ['code', 'shadow', '/ws/openapi.yaml', undefined]);
      const zombie = find(inv, 'POST', '/api/items');
      assert.deepStrictEqual([zombie.sources, zombie.status, zombie.code], ['spec', 'unimplemented', []]);
    });

    it('gives the authentication of each side, with who enforces it and why', () => {
      const reports = find(inv, 'GET', '/api/reports/{id}');
      assert.deepStrictEqual(reports.auth.spec && { status: reports.auth.spec.status, by: reports.auth.spec.by }, { status: 'required', by: ['bearer'] });
      assert.strictEqual(reports.auth.code?.status, 'missing');
      assert.match(reports.auth.code!.evidence, /guard/);
      const items = find(inv, 'GET', '/api/items');
      assert.deepStrictEqual(items.auth.code?.by, ['requireAuth']);
      assert.strictEqual(find(inv, 'GET', '/api/status').auth.spec?.status, 'public');
    });

    it('counts the active findings about each endpoint', () => {
      const counts = (m: string, p: string) => find(inv, m, p).findings;
      assert.deepStrictEqual(counts('GET', '/api/reports/{id}'), { total: 1, error: 1, warning: 0, info: 0, hint: 0 });
      assert.strictEqual(counts('GET', '/api/metrics').total, 1, 'drift-undocumented-route');
      assert.strictEqual(counts('POST', '/api/items').total, 1, 'drift-unimplemented-operation');
      assert.strictEqual(counts('GET', '/api/items').total, 0);
      assert.strictEqual(counts('GET', '/api/status').total, 0);
    });
  });

  describe('buildEndpoints', () => {
    const doc = parseOpenApi('/ws/openapi.yaml', SPEC);
    const opStart = (p: string) => SPEC.indexOf(p);

    it('matches findings by operation (spec path, served path or route path), in the endpoint\'s files', () => {
      const inv = buildInventory([specApi(doc)], [route('get', '/api/orders', 100), route('get', '/api/orders/{orderId}', 300)]);
      const findings = [
        finding('/ws/openapi.yaml', 0, { operation: { method: 'GET', path: '/orders' } }), // a spec rule: the spec's path
        finding('/ws/openapi.yaml', 0, { operation: { method: 'GET', path: '/api/orders' } }), // a drift rule on the spec: the route's path
        finding('/ws/src/app.ts', 100, { operation: { method: 'GET', path: '/api/orders' }, severity: 'error' }),
        finding('/ws/src/service.ts', 5, { operation: { method: 'GET', path: '/api/orders/{x}' } }), // a flow into another file
        finding('/ws/src/app.ts', 100, { operation: { method: 'GET', path: '/api/orders' }, suppressed: { kind: 'comment', location: { file: '/ws/src/app.ts', range: { start: 0, end: 1 } } } }),
      ];
      const out = buildEndpoints(inv, findings);
      assert.deepStrictEqual(find(out, 'GET', '/api/orders').findings, { total: 3, error: 1, warning: 2, info: 0, hint: 0 });
      assert.strictEqual(find(out, 'GET', '/api/orders/{id}').findings.total, 1, 'the only endpoint with that method and path');
      assert.strictEqual(find(out, 'POST', '/api/orders').findings.total, 0);
    });

    it('matches findings without an operation by where they are: the spec operation, the registration or the handler', () => {
      const inv = buildInventory([specApi(doc)], [route('get', '/api/orders', 100)]);
      const insidePost = opStart('post: {') + 8;
      const findings = [
        finding('/ws/openapi.yaml', insidePost),
        finding('/ws/src/app.ts', 130), // in the handler
        finding('/ws/src/app.ts', 500), // elsewhere in the file
        finding('/ws/openapi.yaml', 0), // the document's header
      ];
      const out = buildEndpoints(inv, findings);
      assert.strictEqual(find(out, 'POST', '/api/orders').findings.total, 1);
      assert.strictEqual(find(out, 'GET', '/api/orders').findings.total, 1);
      assert.strictEqual(find(out, 'GET', '/api/orders/{id}').findings.total, 0);
    });

    it('shows spec operations under the server prefix their code uses, and with no code under their own path', () => {
      const withCode = buildEndpoints(buildInventory([specApi(doc)], [route('get', '/api/orders', 100)]), []);
      assert.deepStrictEqual(withCode.groups.map((g) => g.path), ['/api/orders', '/api/orders/{id}']);
      assert.strictEqual(find(withCode, 'GET', '/api/orders/{id}').status, 'unimplemented');
      const specOnly = buildEndpoints(buildInventory([specApi(doc)], []), []);
      assert.deepStrictEqual(specOnly.groups.map((g) => g.path), ['/orders', '/orders/{id}']);
      assert.ok(specOnly.groups.flatMap((g) => g.endpoints).every((e) => e.status === 'spec-only' && e.sources === 'spec'));
    });

    it('routes with no spec in the workspace are code-only', () => {
      const out = buildEndpoints(buildInventory([], [route('get', '/a', 0), route('all', '/b', 50)]), []);
      assert.deepStrictEqual(out.groups.map((g) => g.endpoints.map((e) => `${e.method} ${e.path} ${e.status}`)).flat(), ['GET /a code-only', 'ALL /b code-only']);
      assert.strictEqual(out.groups[0].endpoints[0].specFile, undefined);
    });

    it('an `all` route implements every method of its path; several routes give the weakest code auth', () => {
      const inv = buildInventory([specApi(doc)], [route('all', '/api/orders', 100), route('get', '/api/orders', 300, OPEN, '/ws/src/other.ts')]);
      const out = buildEndpoints(inv, [finding('/ws/src/app.ts', 100, { operation: { method: 'ALL', path: '/api/orders' } })]);
      const get = find(out, 'GET', '/api/orders');
      assert.deepStrictEqual(get.code.map((c) => `${c.method} ${c.file}`), ['ALL /ws/src/app.ts', 'GET /ws/src/other.ts']);
      assert.strictEqual(get.auth.code?.status, 'missing');
      const post = find(out, 'POST', '/api/orders');
      assert.strictEqual(post.status, 'documented');
      assert.strictEqual(post.auth.spec?.status, 'public');
      assert.strictEqual(post.auth.code?.status, 'required');
      assert.strictEqual(get.findings.total + post.findings.total, 2, 'a finding on the shared route counts for both endpoints');
    });

    it('unmatchable routes, and the spec operations they may serve, are neither documented nor drift', () => {
      const inv = buildInventory([specApi(doc)], [route('get', '/api/orders', 100), route('get', '/api/orders/*', 200, unknown('dynamic'))]);
      const out = buildEndpoints(inv, []);
      assert.strictEqual(find(out, 'GET', '/api/orders/*').status, 'unmatchable');
      assert.strictEqual(find(out, 'GET', '/api/orders/*').auth.code?.status, 'unknown');
      assert.strictEqual(find(out, 'GET', '/api/orders/{id}').status, 'unmatchable');
    });

    it('ids are stable and distinct', () => {
      const inv = buildInventory([specApi(doc)], [route('get', '/api/orders', 100), route('delete', '/api/x', 200)]);
      const ids = buildEndpoints(inv, []).groups.flatMap((g) => g.endpoints.map((e) => e.id));
      assert.strictEqual(new Set(ids).size, ids.length);
      assert.deepStrictEqual(buildEndpoints(inv, []).groups.flatMap((g) => g.endpoints.map((e) => e.id)), ids);
      assert.ok(ids.includes('spec:/ws/openapi.yaml#/paths/~1orders/get'), ids.join(' '));
    });
  });
});
