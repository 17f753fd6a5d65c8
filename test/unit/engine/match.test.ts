import * as assert from 'assert';
import { buildInventory, isComparablePath, pathKey, specApi, specPrefixes } from '../../../server/src/engine/model/match';
import { known, type Operation } from '../../../server/src/engine/model/operation';
import { parseOpenApi } from '../../../server/src/engine/openapi/document';
import { yaml } from '../../helpers';

function route(method: Operation['method'], path: string, file = '/ws/src/app.ts'): Operation {
  return {
    method, path, source: 'express', at: { file, range: { start: 0, end: 1 } }, params: [],
    auth: known({ required: true, by: ['requireAuth'], evidence: 'requireAuth' }), rateLimit: { known: false, reason: 'n/a' },
  };
}

const spec = (file: string, text: string) => specApi(parseOpenApi(file, text));

describe('spec <-> code matching', () => {
  it('anonymises parameters and ignores case and trailing slashes', () => {
    assert.strictEqual(pathKey('/Users/{id}/'), '/users/{}');
    assert.strictEqual(pathKey('/users/:userId'), '/users/{}');
  });

  it('treats regex, wildcard and optional segments as incomparable', () => {
    assert.ok(isComparablePath('/users/{id}'));
    for (const p of ['/files/*', '/users/{id}?', '/a(b)?', '/x+']) assert.ok(!isComparablePath(p), p);
  });

  it('reads path prefixes from servers (with variables) and basePath', () => {
    const oas3 = parseOpenApi('/ws/openapi.yaml', yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      servers:
        - url: https://api.example.com/api/v1
        - url: '{scheme}://h/{base}'
          variables: { base: { default: v2 }, scheme: { default: https } }
      paths: {}`);
    assert.deepStrictEqual(specPrefixes(oas3), ['/api/v1', '/v2', '']);
    const swagger = parseOpenApi('/ws/swagger.yaml', "swagger: '2.0'\ninfo: {title: t, version: '1'}\nbasePath: /api\npaths: {}\n");
    assert.deepStrictEqual(specPrefixes(swagger), ['/api', '']);
  });

  it('pairs by method and path, with the server prefix, in both directions', () => {
    const api = spec('/ws/openapi.yaml', yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      servers: [{ url: 'https://x.example.com/api' }]
      paths:
        /orders: { get: { responses: {} }, post: { responses: {} } }
        /orders/{id}: { get: { responses: {} } }
        /legacy: { get: { responses: {} } }`);
    const inv = buildInventory([api], [route('get', '/api/orders'), route('post', '/api/orders'), route('get', '/api/orders/{orderId}'), route('delete', '/api/orders/{id}'), route('get', '/files/*')]);
    const p = inv.pairings[0];
    assert.deepStrictEqual(p.matched.map((m) => `${m.spec.method} ${m.spec.path}`).sort(), ['get /orders', 'get /orders/{id}', 'post /orders']);
    assert.deepStrictEqual(p.codeOnly.map((r) => `${r.method} ${r.path}`), ['delete /api/orders/{id}']);
    assert.deepStrictEqual(p.specOnly.map((o) => `${o.method} ${o.path}`), ['get /legacy']);
    assert.deepStrictEqual(p.unmatchable.map((r) => r.path), ['/files/*']);
  });

  it('`all` routes match every method of the path', () => {
    const api = spec('/ws/openapi.yaml', "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a: { get: {responses: {}}, put: {responses: {}} }\n");
    const inv = buildInventory([api], [route('all', '/a')]);
    assert.strictEqual(inv.pairings[0].matched.length, 2);
    assert.strictEqual(inv.pairings[0].specOnly.length, 0);
  });

  it('with several specs, a route goes to the spec that documents it, else to the nearest by folder', () => {
    const a = spec('/ws/services/a/openapi.yaml', "openapi: 3.0.3\ninfo: {title: a, version: '1'}\npaths:\n  /a: { get: {responses: {}} }\n");
    const b = spec('/ws/services/b/openapi.yaml', "openapi: 3.0.3\ninfo: {title: b, version: '1'}\npaths:\n  /b: { get: {responses: {}} }\n");
    const inv = buildInventory([a, b], [route('get', '/b', '/ws/services/a/src/x.ts'), route('get', '/c', '/ws/services/b/src/y.ts'), route('get', '/d', '/elsewhere/z.ts')]);
    assert.deepStrictEqual(inv.pairings[1].matched.map((m) => m.route.path), ['/b']);
    assert.deepStrictEqual(inv.pairings[1].codeOnly.map((r) => r.path), ['/c']);
    assert.deepStrictEqual(inv.unpaired.map((r) => r.path), ['/d']);
  });
});

describe('configured spec <-> code pairing', () => {
  it('sends the listed code to the listed spec, with its basePath, whatever the folders say', () => {
    const billing = spec('/ws/specs/billing.yaml', "openapi: 3.0.3\ninfo: {title: b, version: '1'}\npaths:\n  /invoices: { get: {responses: {}} }\n");
    const shop = spec('/ws/services/billing/openapi.yaml', "openapi: 3.0.3\ninfo: {title: s, version: '1'}\npaths:\n  /invoices: { get: {responses: {}} }\n");
    const routes = [route('get', '/billing/invoices', '/ws/services/billing/src/app.ts')];
    const guessed = buildInventory([billing, shop], routes);
    assert.strictEqual(guessed.pairings[1].codeOnly.length, 1, 'by folder the route goes to the nearby spec, where it does not match');
    const configured = buildInventory([spec('/ws/specs/billing.yaml', "openapi: 3.0.3\ninfo: {title: b, version: '1'}\npaths:\n  /invoices: { get: {responses: {}} }\n"), shop], routes, [
      { spec: '/ws/specs/billing.yaml', code: ['/ws/services/billing/src/**'], basePath: '/billing' },
    ]);
    assert.deepStrictEqual(configured.pairings[0].matched.map((m) => m.route.path), ['/billing/invoices']);
    assert.strictEqual(configured.pairings[1].routes.length, 0);
  });
});
