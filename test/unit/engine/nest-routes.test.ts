/**
 * NestJS route extraction on fixture projects (test/fixtures/code/nestjs/<name>/): every route
 * with its full path (global prefix and exclusions, URI versions, RouterModule paths, controller
 * path arrays) and its authentication as Nest would enforce it (APP_GUARD, useGlobalGuards,
 * @UseGuards at each level, composed decorators, inheritance, Reflector opt-outs, middleware).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createEngine, MemoryFileSystem, type Operation } from '../../../server/src/engine';
import type { EngineSettings } from '../../../server/src/engine/settings';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/code/nestjs');

export function loadNestFixture(name: string, root = '/ws'): Record<string, string> {
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

export async function nestRoutesOf(files: Record<string, string>, settings?: Partial<EngineSettings>): Promise<Operation[]> {
  const engine = createEngine({ fs: new MemoryFileSystem(files), roots: ['/ws'], settings, rules: [] });
  const result = await engine.audit();
  assert.deepStrictEqual(result.failures, []);
  return result.operations.filter((o) => o.source === 'nestjs');
}

export function render(ops: Operation[]): string[] {
  return ops.map((o) => {
    const auth = !o.auth.known ? 'unknown' : o.auth.value.required ? `auth(${o.auth.value.by.join(', ')})` : o.auth.value.explicitlyPublic ? 'public' : 'open';
    return `${o.method.toUpperCase()} ${o.path} ${auth}`;
  });
}

function evidenceOf(ops: Operation[], method: string, p: string): string {
  const op = ops.find((o) => o.method === method && o.path === p);
  assert.ok(op, `no route ${method} ${p}`);
  return op.auth.known ? op.auth.value.evidence : op.auth.reason;
}

describe('nest route extraction', () => {
  it('global guard app: APP_GUARD with @Public opt-outs, roles guard, prefix with exclude, URI versions, RouterModule', async () => {
    const ops = await nestRoutesOf(loadNestFixture('global-guard'));
    assert.deepStrictEqual(render(ops), [
      'GET /api/v1/admin/users auth(JwtAuthGuard, RolesGuard)',
      'PATCH /api/v1/admin/users/{id}/role auth(JwtAuthGuard, RolesGuard)',
      'POST /api/v1/auth/login public',
      'GET /api/v1/auth/profile auth(JwtAuthGuard)',
      'GET /api/v1/cats auth(JwtAuthGuard)',
      'GET /api/v1/cats/count public',
      'GET /api/v1/cats/{id} auth(JwtAuthGuard)',
      'GET /api/v2/cats/{id} auth(JwtAuthGuard)',
      'POST /api/v1/cats auth(JwtAuthGuard)',
      'DELETE /api/v1/cats/{id} auth(JwtAuthGuard, RolesGuard)',
      'GET /health public',
      'GET /api/v1/users/{id} auth(JwtAuthGuard)',
      'GET /api/v1/members/{id} auth(JwtAuthGuard)',
    ]);
    assert.match(evidenceOf(ops, 'post', '/api/v1/auth/login'), /@Public\(\) on the method opts out of JwtAuthGuard \(APP_GUARD in AppModule.*reads IS_PUBLIC_KEY through Reflector/);
    assert.match(evidenceOf(ops, 'get', '/health'), /@Public\(\) on the class opts out/);
    assert.match(evidenceOf(ops, 'get', '/api/v1/users/{id}'), /@SkipAuth\(\) has no effect: no guard that runs reads it/);
    assert.match(evidenceOf(ops, 'get', '/api/v1/cats'), /passport's 'jwt' strategy/);
  });

  it('attachment points: handler/class @UseGuards, AuthGuard(), composed and conditional decorators, inheritance, mixins, look-alikes', async () => {
    const ops = await nestRoutesOf(loadNestFixture('attachment-points'));
    assert.deepStrictEqual(render(ops), [
      "GET /accounts/me auth(AuthGuard('jwt'))",
      "DELETE /accounts/{id} auth(AuthGuard('jwt'), RolesGuard)",
      'GET /accounts/settings auth(JwtGuard)',
      'GET /accounts/preview open',
      'GET /accounts/sessions auth(JwtGuard)',
      'PATCH /accounts/{id}/role auth(JwtGuard, RolesGuard)',
      'GET /accounts/flags unknown',
      'GET /accounts/audit auth(JwtGuard)',
      "GET /accounts/billing auth(RoleGuard('admin'))",
      'GET /lookalikes/allow-all open',
      'GET /lookalikes/internal open',
      'GET /lookalikes/documented-only open',
      'GET /lookalikes/beta open',
      'GET /lookalikes/sdk unknown',
      'GET /scoped auth(HandlerScopedGuard)',
      'GET /scoped/open public',
      'GET /reports/daily open',
      'GET /orders auth(JwtGuard)',
      'POST /orders auth(JwtGuard)',
      'GET /orders/{id} auth(JwtGuard)',
    ]);
    assert.match(evidenceOf(ops, 'get', '/accounts/flags'), /attached only in some branches of the decorator/);
    assert.match(evidenceOf(ops, 'get', '/lookalikes/allow-all'), /always returns true/);
    assert.match(evidenceOf(ops, 'get', '/lookalikes/internal'), /can be bypassed: it allows the request when the header 'x-internal-call' is set/);
    assert.match(evidenceOf(ops, 'get', '/lookalikes/beta'), /checks no user, session or token/);
    assert.match(evidenceOf(ops, 'get', '/lookalikes/sdk'), /delegates to client.check\(\), which could not be read/);
    assert.match(evidenceOf(ops, 'get', '/scoped'), /on the class has no effect: HandlerScopedGuard reads it on the method only/);
    assert.match(evidenceOf(ops, 'get', '/orders'), /on AuthedController \(inherited\)/);
    assert.strictEqual(evidenceOf(ops, 'get', '/reports/daily'), 'no guard: not under APP_GUARD, no @UseGuards on the class or the method, not in any forRoutes');
  });

  it('monorepo: @app/common path alias, barrels, createDecorator opt-outs, APP_GUARD from a library module, one app per bootstrap', async () => {
    const ops = await nestRoutesOf(loadNestFixture('monorepo'));
    assert.deepStrictEqual(render(ops), [
      'GET /admin/users auth(ApiKeyGuard)',
      'DELETE /admin/users/{id} auth(ApiKeyGuard)',
      'GET /api/orders/{id} auth(SessionGuard)',
      'GET /api/orders/catalog/featured public',
      'GET /jobs auth(SessionGuard)',
      'POST /jobs/run open',
    ]);
    assert.match(evidenceOf(ops, 'get', '/admin/users'), /app.useGlobalGuards in apps\/admin\/src\/main.ts/);
    assert.match(evidenceOf(ops, 'delete', '/admin/users/{id}'), /@Public\(\) has no effect: no guard that runs reads it/);
    assert.match(evidenceOf(ops, 'get', '/api/orders/{id}'), /APP_GUARD in CommonAuthModule \(libs\/common\/src\/auth.module.ts\)/);
    // The worker app does not import CommonAuthModule: its APP_GUARD does not reach it.
    assert.match(evidenceOf(ops, 'post', '/jobs/run'), /^no guard: not under APP_GUARD/);
  });

  it('middleware: configure(consumer) forRoutes/exclude by path, method and controller; functional middleware', async () => {
    const ops = await nestRoutesOf(loadNestFixture('middleware'));
    assert.deepStrictEqual(render(ops), [
      'POST /v1/auth/login public',
      'GET /v1/auth/me auth(AuthMiddleware)',
      'GET /v1/cats auth(AuthMiddleware)',
      'GET /health public',
      'POST /v1/partners/orders auth(partnerKey)',
      'GET /v1/partners/orders public',
    ]);
    assert.match(evidenceOf(ops, 'post', '/v1/auth/login'), /exclude\(\) list of AuthMiddleware in AppModule/);
  });

  it('re-analyses after a one-file edit: the guard stops reading @Public, so the opted-out routes are protected', async () => {
    const files = loadNestFixture('global-guard');
    const engine = createEngine({ fs: new MemoryFileSystem(files), roots: ['/ws'], rules: [] });
    const before = (await engine.audit()).operations.filter((o) => o.source === 'nestjs');
    assert.ok(render(before).includes('POST /api/v1/auth/login public'));
    const guard = '/ws/src/auth/jwt-auth.guard.ts';
    engine.setFile(guard, files[guard].replace('if (isPublic) {', 'if (isPublic && false) {'));
    const after = (await engine.audit()).operations.filter((o) => o.source === 'nestjs');
    assert.ok(render(after).includes('POST /api/v1/auth/login auth(JwtAuthGuard)'), render(after).join('\n'));
    engine.setFile(guard, files[guard]);
    const again = (await engine.audit()).operations.filter((o) => o.source === 'nestjs');
    assert.deepStrictEqual(render(again), render(before));
  });

  it('useGlobalGuards(new JwtAuthGuard(reflector)) with @Public opt-outs, and a controller outside any module graph', async () => {
    const files = loadNestFixture('global-guard');
    files['/ws/src/main.ts'] = files['/ws/src/main.ts'].replace("app.setGlobalPrefix('api', { exclude: ['health'] });", "app.setGlobalPrefix('api', { exclude: ['health'] });\n  app.useGlobalGuards(new JwtAuthGuard(app.get(Reflector)));").replace("import { AppModule } from './app.module';", "import { AppModule } from './app.module';\nimport { Reflector } from '@nestjs/core';\nimport { JwtAuthGuard } from './auth/jwt-auth.guard';");
    files['/ws/src/app.module.ts'] = files['/ws/src/app.module.ts'].replace('    { provide: APP_GUARD, useClass: JwtAuthGuard },\n', '');
    const ops = await nestRoutesOf(files);
    assert.ok(render(ops).includes('POST /api/v1/auth/login public'));
    assert.ok(render(ops).includes('GET /api/v1/cats auth(JwtAuthGuard)'));
    assert.match(evidenceOf(ops, 'get', '/api/v1/cats'), /JwtAuthGuard \(app.useGlobalGuards in main.ts\)/);
  });
});
