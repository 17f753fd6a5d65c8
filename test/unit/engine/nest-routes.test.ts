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
});
