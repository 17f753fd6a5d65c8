/**
 * Express route extraction on fixture projects (test/fixtures/code/express/<name>/): every route
 * with its full path and what is known about its authentication. The fixtures cover multi-file
 * mounting (require/import, default/named/CommonJS exports), router factories, class controllers,
 * route chains, middleware arrays and spreads, order-dependent app.use, app.all('*'), router.param,
 * functions that receive the app, express-jwt `unless`, and what must stay unknown.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createEngine, MemoryFileSystem, type Operation } from '../../../server/src/engine';
import { collectExpress } from '../../../server/src/engine/code/express/collect';
import { parseSource } from '../../../server/src/engine/code/parse';
import type { EngineSettings } from '../../../server/src/engine/settings';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/code/express');

export function loadFixture(name: string, root = '/ws'): Record<string, string> {
  const files: Record<string, string> = {};
  const dir = path.join(FIXTURES, name);
  const read = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) read(p);
      else files[`${root}/${path.relative(dir, p).split(path.sep).join('/')}`] = fs.readFileSync(p, 'utf8');
    }
  };
  read(dir);
  return files;
}

export async function routesOf(files: Record<string, string>, settings?: Partial<EngineSettings>): Promise<Operation[]> {
  const engine = createEngine({ fs: new MemoryFileSystem(files), roots: ['/ws'], settings, rules: [] });
  const result = await engine.audit();
  assert.deepStrictEqual(result.failures, []);
  return result.operations.filter((o) => o.source === 'express');
}

function render(ops: Operation[]): string[] {
  return ops.map((o) => {
    const auth = !o.auth.known ? 'unknown' : o.auth.value.required ? `auth(${o.auth.value.by.join(', ')})` : o.auth.value.explicitlyPublic ? 'public' : 'open';
    return `${o.method.toUpperCase()} ${o.path} ${auth}`;
  });
}

describe('express route extraction', () => {
  it('CommonJS shop: require/module.exports, mounts, nested routers, route chains, order of app.use', async () => {
    assert.deepStrictEqual(render(await routesOf(loadFixture('shop-cjs'))), [
      'GET /health open',
      'GET /api/products open',
      'GET /api/products/{productId} open',
      'POST /api/products auth(requireAuth)',
      'DELETE /api/products/{productId} open',
      'POST /api/newsletter open',
      'GET /api/orders auth(requireAuth)',
      'GET /api/orders/{orderId} auth(requireAuth)',
      'PUT /api/orders/{orderId} auth(requireAuth)',
      'DELETE /api/orders/{orderId} auth(requireAuth)',
      'GET /api/orders/{orderId}/items auth(requireAuth)',
      'POST /api/orders/{orderId}/items auth(requireAuth)',
      "GET /api/admin/stats auth(requireAuth, requireRole('admin'))",
      "POST /api/admin/users/{userId}/role auth(requireAuth, requireRole('admin'))",
      'GET /api/me auth(requireAuth)',
      'GET /export/all open',
    ]);
  });

  it('TypeScript/ESM: factories, class controllers, arrays and spreads, wrapped middleware, express-jwt unless, inline checks', async () => {
    assert.deepStrictEqual(render(await routesOf(loadFixture('ts-esm'))), [
      'GET /v1/status public',
      'GET /v1/public/catalog public',
      'GET /v1/users auth(jwtCheck)',
      'GET /v1/users/{id} auth(jwtCheck)',
      'GET /v1/users/{id}/avatar auth(jwtCheck)',
      'PUT /v1/users/{id}/avatar auth(jwtCheck)',
      'GET /v2/account auth(protect)',
      "DELETE /v2/account/{id} auth(protect, restrictTo('admin'))",
      'GET /v2/account/settings auth(protect)',
      'PATCH /v2/account/settings auth(protect)',
      'GET /v2/account/inline auth(inline check)',
      'GET /v2/account/leaky open',
      'GET /v2/reports/daily open',
      "GET /v2/session auth(passport.authenticate('jwt', { session: false }))",
      'GET /v2/profile auth(protect)',
      'GET /v2/feed open',
    ]);
  });

  it('functions that receive the app, app.all(pattern, mw), use() after routes', async () => {
    assert.deepStrictEqual(render(await routesOf(loadFixture('register-fn'))), [
      'GET / open',
      'POST /login open',
      'GET /account/early open',
      'GET /account/home auth(isLoggedIn)',
      'POST /account/password auth(isLoggedIn)',
      'GET /reports/summary open',
      'GET /late open',
      'GET /later auth(isLoggedIn)',
    ]);
  });

  it('keeps computed middleware, handlers and unmounted routers unknown', async () => {
    const ops = await routesOf(loadFixture('dynamic'));
    assert.deepStrictEqual(render(ops), [
      'GET /before open',
      'GET /after unknown',
      'GET /{*}/panel open',
      'GET /handler unknown',
      'GET /lonely unknown',
    ]);
    const after = ops.find((o) => o.path === '/after')!;
    assert.ok(!after.auth.known && after.auth.reason.includes('some-internal-auth-package'));
  });

  it('sub-apps are mounted where they are used, a router mounted twice and array paths', async () => {
    assert.deepStrictEqual(render(await routesOf(loadFixture('sub-apps'))), [
      'GET /v1/ping open',
      'GET /latest/ping open',
      'GET /admin/dashboard auth(basicAuth({ users: { admin: process.env.ADMIN_PAS…)',
      'GET /a open',
      'GET /b open',
    ]);
  });

  it('treats configured authMiddleware names as authentication', async () => {
    const ops = await routesOf(loadFixture('dynamic'), { authMiddleware: ['magicAuth'] });
    assert.deepStrictEqual(render(ops).slice(0, 2), ['GET /before open', 'GET /after auth(magicAuth())']);
  });

  it('explains why the project\'s auth does not cover a route', async () => {
    const ops = await routesOf(loadFixture('shop-cjs'));
    const remove = ops.find((o) => o.method === 'delete' && o.path === '/api/products/{productId}')!;
    assert.ok(remove.auth.known);
    assert.match(remove.auth.value.evidence, /attachUser.*never rejects/);
    assert.match(remove.auth.value.evidence, /requireAuth.*registered after this route/);
    const early = (await routesOf(loadFixture('register-fn'))).find((o) => o.path === '/account/early')!;
    assert.ok(early.auth.known && /isLoggedIn.*registered after/.test(early.auth.value.evidence));
  });

  it('points each route at its path argument and its handler', async () => {
    const files = loadFixture('shop-cjs');
    const ops = await routesOf(files);
    for (const o of ops) {
      const text = files[o.at.file].slice(o.at.range.start, o.at.range.end);
      assert.ok(/^['"`]/.test(text) || /^(get|put|post|delete|patch)$/.test(text), `${o.method} ${o.path}: ${text}`);
      assert.ok(o.handler, `${o.method} ${o.path} has a handler`);
    }
  });

  it('per-file registrations are cached per parsed tree (an edit re-reads one file)', async () => {
    const sf = parseSource('/ws/a.ts', "import { Router } from 'express';\nconst r = Router();\nr.get('/x', (req, res) => res.end());\n");
    const first = collectExpress(sf);
    assert.strictEqual(collectExpress(sf), first);
    assert.strictEqual(first.registrations.length, 1);
    const files = loadFixture('shop-cjs');
    const engine = createEngine({ fs: new MemoryFileSystem(files), roots: ['/ws'], rules: [] });
    const before = (await engine.audit()).operations.length;
    engine.setFile('/ws/routes/admin.js', files['/ws/routes/admin.js'].replace("router.get('/stats'", "router.get('/stats2'"));
    const after = (await engine.audit()).operations.filter((o) => o.source === 'express');
    assert.strictEqual(after.length, before);
    assert.ok(after.some((o) => o.path === '/api/admin/stats2'));
  });
});
