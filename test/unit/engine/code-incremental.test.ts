/**
 * Differential test of incremental code analysis: one long-lived engine takes random edits of
 * code projects (as an editor sends them) and, after every edit, its findings must equal those
 * of a fresh engine analysing the same texts from scratch, without any reuse (`incrementalCode: false`). Edits delete and restore lines and
 * flip the tokens analysis depends on (middleware and guards, mounts, APP_GUARD, @Public(),
 * services, request inputs), so cached route facts and rule results are invalidated, or not,
 * across files.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createEngine, MemoryFileSystem, toEnginePath, type Engine, type Finding } from '../../../server/src/engine';
import { NodeFileSystem } from '../../../server/src/node-file-system';
import { hashSeed, mulberry32, seedsFrom } from '../../helpers';

const REPO = path.resolve(__dirname, '../../../..');

/** Token flips: [from, to]; one occurrence of `from` present in the file is replaced. */
const FLIPS: [string, string][] = [
  ['authenticate', 'authenticat3'], ['requireAuth', 'requireAut0'], ['.use(', '.use2('], ['UseGuards', 'UseGuard5'],
  ['APP_GUARD', 'APP_GUARDX'], ['@Public()', ''], ['req.params', 'req.paramz'], ['req.body', 'req.bodx'], ['req.query', 'req.q'],
  ["'/", "'/v2/"], ['Router()', 'Routerx()'], ['import ', '// import '], ['findOne', 'findOnly'], ['query(', 'queryX('],
  ['next()', 'nextX()'], ['status(401)', 'status(200)'], ['return true', 'return false'], ['return false', 'return true'],
  ['export ', ''], ['req.user', 'req.userX'], ['ownerId', 'ownerIdX'], ['canActivate', 'canActivat'], ['Roles(', 'Rolez('],
  ['express.json()', 'cors()'], ['@Controller(', '@Controllerx('], ['providers', 'providerz'], ['rateLimit', 'rateLimix'],
];

/** A project where routes in two files share a service (a sink reported once per run), with an index router. */
const SHARED: Record<string, string> = {
  'src/app.ts': `import express from 'express';
import { apiRouter } from './routes/index';
import { adminRouter } from './routes/admin';
import { authenticate } from './middleware/auth';
export const app = express();
app.use(express.json());
app.use('/api', apiRouter);
app.use('/admin', authenticate, adminRouter);
app.listen(3000);
`,
  'src/routes/index.ts': `import { Router } from 'express';
import { usersRouter } from './users';
import { ordersRouter } from './orders';
import { authenticate } from '../middleware/auth';
export const apiRouter = Router();
apiRouter.use('/users', usersRouter);
apiRouter.use('/orders', authenticate, ordersRouter);
`,
  'src/routes/users.ts': `import { Router } from 'express';
import * as users from '../controllers/users';
export const usersRouter = Router();
usersRouter.get('/:id', users.getUser);
usersRouter.post('/', users.createUser);
usersRouter.get('/:id/orders', users.listOrders);
usersRouter.delete('/:id', users.removeUser);
`,
  'src/routes/orders.ts': `import { Router } from 'express';
import * as orders from '../controllers/orders';
export const ordersRouter = Router();
ordersRouter.get('/:id', orders.getOrder);
ordersRouter.get('/search', orders.search);
ordersRouter.post('/fetch', orders.fetchUrl);
ordersRouter.put('/:id', orders.updateOrder);
`,
  'src/routes/admin.ts': `import { Router } from 'express';
import { exec } from 'child_process';
export const adminRouter = Router();
adminRouter.post('/run', (req, res) => { exec('ls ' + req.body.dir); res.json({ ok: true }); });
adminRouter.delete('/users/:id', async (req, res) => { res.json(await db.users.deleteOne({ _id: req.params.id })); });
declare const db: any;
`,
  'src/controllers/users.ts': `import type { Request, Response } from 'express';
import { findById, runQuery } from '../services/store';
import { User } from '../models';
export async function getUser(req: Request, res: Response) { res.json(await findById('users', req.params.id)); }
export async function createUser(req: Request, res: Response) { res.json(await User.create(req.body)); }
export async function listOrders(req: Request, res: Response) { res.json(await runQuery(req.query.sort as string)); }
export async function removeUser(req: Request, res: Response) { await User.findByIdAndDelete(req.params.id); res.sendStatus(204); }
`,
  'src/controllers/orders.ts': `import type { Request, Response } from 'express';
import axios from 'axios';
import { findById, runQuery } from '../services/store';
import { Order } from '../models';
export async function getOrder(req: Request, res: Response) { res.json(await findById('orders', req.params.id)); }
export async function search(req: Request, res: Response) { res.json(await Order.find({ name: req.query.name })); }
export async function fetchUrl(req: Request, res: Response) { res.json((await axios.get(req.body.url)).data); }
export async function updateOrder(req: Request, res: Response) { res.json(await Order.findOneAndUpdate({ _id: req.params.id }, req.body)); }
export { runQuery };
`,
  'src/services/store.ts': `import { pool } from '../db';
export async function findById(table: string, id: string) { return pool.query('SELECT * FROM ' + table + ' WHERE id = ' + id); }
export async function runQuery(sort: string) { return pool.query(\`SELECT * FROM orders ORDER BY \${sort}\`); }
`,
  'src/db.ts': `import { Pool } from 'pg';
export const pool = new Pool();
`,
  'src/models.ts': `import mongoose from 'mongoose';
export const User = mongoose.model('User', new mongoose.Schema({ name: String, role: String }));
export const Order = mongoose.model('Order', new mongoose.Schema({ name: String, ownerId: String }));
`,
  'src/middleware/auth.ts': `import type { Request, Response, NextFunction } from 'express';
export function authenticate(req: Request, res: Response, next: NextFunction) {
  if (!req.headers.authorization) return res.status(401).json({ error: 'unauthorized' });
  next();
}
`,
};

/**
 * The seeds of a project's random edits: derived from its path inside the repository, so every
 * clone (wherever it lives) runs the same edits. `INCREMENTAL_SEEDS=1-500` runs others.
 */
function seedsFor(relative: string): number[] {
  return seedsFrom('INCREMENTAL_SEEDS', [hashSeed(relative.split(path.sep).join('/'))]);
}

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') out.push(...codeFiles(p));
    else if (/\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** A random edit of `text`: delete or duplicate a line, or flip a token. */
function mutate(text: string, rnd: () => number): string {
  const r = rnd();
  const lines = text.split('\n');
  if (r < 0.25 && lines.length > 1) {
    lines.splice(Math.floor(rnd() * lines.length), 1);
    return lines.join('\n');
  }
  if (r < 0.35) {
    const i = Math.floor(rnd() * lines.length);
    lines.splice(i, 0, lines[i]);
    return lines.join('\n');
  }
  const flips = FLIPS.filter(([from]) => text.includes(from));
  if (flips.length === 0) return text + '\n// edited\n';
  const [from, to] = flips[Math.floor(rnd() * flips.length)];
  const hits: number[] = [];
  for (let i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + 1)) hits.push(i);
  const at = hits[Math.floor(rnd() * hits.length)];
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function stable(findings: readonly Finding[]): string[] {
  return findings.map((f) => JSON.stringify(f));
}

async function assertSameAsFresh(inc: Engine, fresh: () => Engine, edited: string, what: string): Promise<void> {
  const lint = await inc.lintFile(edited);
  const audit = await inc.audit();
  const f = fresh();
  const expectedLint = await f.lintFile(edited);
  const expected = await f.audit();
  const a = stable(audit.findings);
  const e = stable(expected.findings);
  if (a.join('\n') !== e.join('\n')) {
    // by count: a finding reported twice on one side only is a difference too
    const left = new Map<string, number>();
    for (const x of a) left.set(x, (left.get(x) ?? 0) + 1);
    const missing = e.filter((x) => {
      const n = left.get(x) ?? 0;
      left.set(x, n - 1);
      return n <= 0;
    });
    const extra = [...left].flatMap(([x, n]) => Array<string>(Math.max(0, n)).fill(x));
    assert.fail(`${what}: incremental findings differ from a fresh analysis\nmissing: ${missing.slice(0, 3).join('\n')}\nextra: ${extra.slice(0, 3).join('\n')}` +
      (missing.length + extra.length === 0 ? '\n(same findings, different order)' : ''));
  }
  assert.deepStrictEqual(stable(lint.findings), stable(expectedLint.findings), `${what}: lintFile differs`);
  assert.deepStrictEqual(audit.failures, expected.failures, `${what}: failures differ`);
}

/** Random edits of one project; `read`/`root` describe where its original files are. */
async function randomEdits(root: string, files: string[], read: (f: string) => string, makeFs: () => import('../../../server/src/engine').FileSystem, seed: number, edits: number): Promise<void> {
  const rnd = mulberry32(seed);
  const texts = new Map<string, string>();
  const inc = createEngine({ fs: makeFs(), roots: [root] });
  await inc.audit();
  const fresh = (): Engine => {
    const e = createEngine({ fs: makeFs(), roots: [root], incrementalCode: false });
    for (const [f, t] of texts) e.setFile(f, t);
    return e;
  };
  for (let n = 0; n < edits; n++) {
    const file = files[Math.floor(rnd() * files.length)];
    const before = texts.get(file) ?? read(file);
    // now and then a file goes back to its original text, so edits do not pile up
    const text = rnd() < 0.15 ? read(file) : mutate(before, rnd);
    texts.set(file, text);
    inc.setFile(file, text);
    await assertSameAsFresh(inc, fresh, file, `seed ${seed}, edit ${n + 1} of ${path.basename(file)}`);
  }
}

describe('incremental code analysis equals a fresh analysis', function () {
  this.timeout(process.env.INCREMENTAL_SEEDS ? 0 : 120_000); // a seed search runs as long as it needs

  it('random edits of a project whose routes share services', async () => {
    const root = '/shared';
    const files = Object.keys(SHARED).map((f) => `${root}/${f}`);
    const original = Object.fromEntries(Object.entries(SHARED).map(([f, t]) => [`${root}/${f}`, t]));
    // the original project reports through shared services (the dedupe the cache must keep)
    const e = createEngine({ fs: new MemoryFileSystem(original), roots: [root] });
    const ids = new Set((await e.audit()).findings.map((f) => f.ruleId));
    for (const id of ['sql-injection', 'request-body-mass-assignment', 'server-side-request-forgery', 'command-injection']) assert.ok(ids.has(id), `fixture reports ${id}`);
    for (const seed of [1, 2, 3]) {
      await randomEdits(root, files, (f) => original[f], () => new MemoryFileSystem(original), seed, 40);
    }
  });

  const projects = [
    path.join(REPO, 'examples/demo-shop'),
    ...['express', 'nestjs'].flatMap((fw) => fs.readdirSync(path.join(REPO, 'test/fixtures/code', fw)).map((d) => path.join(REPO, 'test/fixtures/code', fw, d))),
  ];
  for (const dir of projects) {
    it(`random edits of ${path.relative(REPO, dir)}`, async () => {
      const root = toEnginePath(dir);
      const files = codeFiles(dir).map(toEnginePath);
      const disk = new NodeFileSystem();
      for (const seed of seedsFor(path.relative(REPO, dir))) await randomEdits(root, files, (f) => disk.readFile(f) ?? '', () => new NodeFileSystem(), seed, 25);
    });
  }

  it('targeted edits: a middleware file, a mount in an index router, a service used by handlers', async () => {
    const root = '/shared';
    const original = Object.fromEntries(Object.entries(SHARED).map(([f, t]) => [`${root}/${f}`, t]));
    const inc = createEngine({ fs: new MemoryFileSystem(original), roots: [root] });
    await inc.audit();
    const texts = new Map<string, string>();
    const fresh = (): Engine => {
      const e = createEngine({ fs: new MemoryFileSystem(original), roots: [root], incrementalCode: false });
      for (const [f, t] of texts) e.setFile(f, t);
      return e;
    };
    const edit = async (file: string, from: string, to: string): Promise<void> => {
      const p = `${root}/${file}`;
      const before = texts.get(p) ?? original[p];
      assert.ok(before.includes(from), `${file} contains ${from}`);
      texts.set(p, before.replace(from, to));
      inc.setFile(p, texts.get(p));
      await assertSameAsFresh(inc, fresh, p, `${file}: ${from} -> ${to}`);
    };
    await edit('src/middleware/auth.ts', "return res.status(401).json({ error: 'unauthorized' });", '');
    await edit('src/routes/index.ts', "apiRouter.use('/orders', authenticate, ordersRouter);", "apiRouter.use('/orders', ordersRouter);");
    await edit('src/services/store.ts', "'SELECT * FROM ' + table + ' WHERE id = ' + id", "'SELECT * FROM users WHERE id = $1', [id]");
    await edit('src/controllers/users.ts', "await findById('users', req.params.id)", "await findById('users', String(req.user))");
    await edit('src/services/store.ts', "'SELECT * FROM users WHERE id = $1', [id]", "'SELECT * FROM ' + table + ' WHERE id = ' + id");
    await edit('src/middleware/auth.ts', 'next();', "if (!req.headers.authorization) return res.status(401).json({ error: 'unauthorized' });\n  next();");
  });

  it('targeted edits: a router mounted twice reports its administrative handler for each mount (Express)', async () => {
    const root = '/mounts';
    const original: Record<string, string> = {
      [`${root}/admin.js`]: "const express = require('express');\nconst admin = express.Router();\nadmin.get('/dashboard', (req, res) => res.send('dash'));\nmodule.exports = admin;\n",
      [`${root}/index.js`]: "const express = require('express');\nconst basicAuth = require('express-basic-auth');\nconst admin = require('./admin');\nconst main = express();\nmain.use('/admin', basicAuth({ users: { a: 'b' } }), admin);\nmain.listen(8080);\n",
    };
    const inc = createEngine({ fs: new MemoryFileSystem(original), roots: [root] });
    await inc.audit();
    const texts = new Map<string, string>();
    const fresh = (): Engine => {
      const e = createEngine({ fs: new MemoryFileSystem(original), roots: [root], incrementalCode: false });
      for (const [f, t] of texts) e.setFile(f, t);
      return e;
    };
    const index = `${root}/index.js`;
    texts.set(index, original[index].replace('main.listen', "main.use('/v2/admin', basicAuth({ users: { a: 'b' } }), admin);\nmain.listen"));
    inc.setFile(index, texts.get(index));
    await assertSameAsFresh(inc, fresh, index, 'a second mount');
    const roleChecks = (await inc.audit()).findings.filter((f) => f.ruleId === 'route-missing-role-check').map((f) => f.operation?.path);
    assert.deepStrictEqual(roleChecks.sort(), ['/admin/dashboard', '/v2/admin/dashboard']);
  });

  /**
   * Edits applied in order to a Nest fixture (each after the previous ones), each checked against
   * a fresh engine: what the Nest model keeps per controller (code/nestjs/incremental.ts) must be
   * rebuilt whenever a module, the app, a global guard or pipe, or a base class changes.
   */
  async function nestEdits(fixture: string | Record<string, string>, edits: [RegExp, string, string][]): Promise<void> {
    const inMemory = typeof fixture === 'string' ? undefined : Object.fromEntries(Object.entries(fixture).map(([f, t]) => [`/nest/${f}`, t]));
    const dir = typeof fixture === 'string' ? path.join(REPO, 'test/fixtures/code/nestjs', fixture) : '/nest';
    const root = inMemory ? dir : toEnginePath(dir);
    const disk = inMemory ? new MemoryFileSystem(inMemory) : new NodeFileSystem();
    const makeFs = () => (inMemory ? new MemoryFileSystem(inMemory) : new NodeFileSystem());
    const inc = createEngine({ fs: makeFs(), roots: [root] });
    await inc.audit();
    const texts = new Map<string, string>();
    const fresh = (): Engine => {
      const e = createEngine({ fs: makeFs(), roots: [root], incrementalCode: false });
      for (const [f, t] of texts) e.setFile(f, t);
      return e;
    };
    const files = inMemory ? Object.keys(inMemory) : codeFiles(dir).map(toEnginePath);
    for (const [which, from, to] of edits) {
      const file = files.find((f) => which.test(f) && (texts.get(f) ?? disk.readFile(f) ?? '').includes(from));
      assert.ok(file, `${typeof fixture === 'string' ? fixture : 'project'}: a file matching ${which} contains ${from}`);
      const before = texts.get(file) ?? disk.readFile(file) ?? '';
      texts.set(file, before.replace(from, to));
      inc.setFile(file, texts.get(file));
      await assertSameAsFresh(inc, fresh, file, `${path.basename(file)}: ${from} -> ${to}`);
    }
  }

  it('targeted edits: a guard file and a module\'s APP_GUARD (NestJS)', async () => {
    await nestEdits('global-guard', [
      [/app\.module\.ts$/, 'APP_GUARD', 'APP_GUARDX'], [/app\.module\.ts$/, 'APP_GUARDX', 'APP_GUARD'],
      [/guard\.ts$/, 'canActivate', 'canActivat'], [/guard\.ts$/, 'canActivat', 'canActivate'],
    ]);
  });

  it('targeted edits: a global guard made allow-all, then a controller rebuilt, counts every route once (NestJS)', async () => {
    // The reused controllers hold the guard's info from the build before the controller edit:
    // nest-ineffective-guard must still see one guard used by all of them.
    await nestEdits('global-guard', [
      [/jwt-auth\.guard\.ts$/, '    return super.canActivate(context);\n', ''],
      [/cats\.controller\.ts$/, "  @Public()\n  @Get('count')", "  @Get('count')"],
      [/users\.controller\.ts$/, '@Controller(', '@Controller(/* edited */'],
    ]);
  });

  it('targeted edits: module imports and providers, RouterModule paths, the global prefix, a controller\'s decorator (NestJS)', async () => {
    await nestEdits('global-guard', [
      [/app\.module\.ts$/, "path: 'admin'", "path: 'backoffice'"],
      [/main\.ts$/, "setGlobalPrefix('api'", "setGlobalPrefix('api2'"],
      [/main\.ts$/, "exclude: ['health']", 'exclude: []'],
      [/cats\.controller\.ts$/, "@Controller('cats')", "@Controller('kats')"],
      [/cats\.controller\.ts$/, '@Controller(', '@Controllerx('],
      [/cats\.controller\.ts$/, '@Controllerx(', '@Controller('],
      [/app\.module\.ts$/, 'useClass: JwtAuthGuard', 'useClass: RolesGuard'],
      [/app\.module\.ts$/, 'useClass: RolesGuard },\n    { provide: APP_GUARD, useClass: RolesGuard', 'useClass: JwtAuthGuard },\n    { provide: APP_GUARD, useClass: RolesGuard'],
      [/admin\.module\.ts$/, 'controllers: [AdminUsersController]', 'controllers: []'],
      [/admin\.module\.ts$/, 'controllers: []', 'controllers: [AdminUsersController]'],
      [/app\.module\.ts$/, '    AdminModule,\n', ''],
      [/app\.module\.ts$/, 'controllers: [HealthController, UsersController]', 'controllers: [HealthController]'],
      [/main\.ts$/, "setGlobalPrefix('api2', { exclude: [] });", ''],
    ]);
  });

  it('targeted edits: global pipes, from main.ts, an APP_PIPE provider and a pipe class in another file (NestJS)', async () => {
    const project: Record<string, string> = {
      'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { AppValidationPipe } from './common/app-validation.pipe';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.useGlobalPipes(new AppValidationPipe());
  await app.listen(3000);
}
bootstrap();
`,
      'src/app.module.ts': `import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
@Module({ controllers: [UsersController], providers: [] })
export class AppModule {}
`,
      'src/common/app-validation.pipe.ts': `import { ValidationPipe } from '@nestjs/common';
export class AppValidationPipe extends ValidationPipe {
  constructor() { super({ whitelist: true }); }
}
`,
      'src/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { IsString } from 'class-validator';
import { User } from './user.entity';
export class CreateUserDto { @IsString() name!: string; }
@Controller('users')
export class UsersController {
  @Post()
  async create(@Body() body: CreateUserDto) { return User.create(body); }
}
`,
      'src/user.entity.ts': `import mongoose from 'mongoose';
export const User = mongoose.model('User', new mongoose.Schema({ name: String, role: String }));
`,
    };
    await nestEdits(project, [
      [/app-validation\.pipe\.ts$/, 'whitelist: true', 'whitelist: false'],
      [/app-validation\.pipe\.ts$/, 'whitelist: false', 'whitelist: true'],
      [/main\.ts$/, 'app.useGlobalPipes(new AppValidationPipe());', ''],
      [/app\.module\.ts$/, "import { Module } from '@nestjs/common';", "import { Module } from '@nestjs/common';\nimport { APP_PIPE } from '@nestjs/core';\nimport { AppValidationPipe } from './common/app-validation.pipe';"],
      [/app\.module\.ts$/, 'providers: []', 'providers: [{ provide: APP_PIPE, useClass: AppValidationPipe }]'],
      [/app-validation\.pipe\.ts$/, 'whitelist: true', 'whitelist: false'],
      [/app\.module\.ts$/, 'useClass: AppValidationPipe', 'useClass: ValidationPipe'],
    ]);
  });

  it('targeted edits: two apps whose alias import has a candidate in each (NestJS)', async () => {
    // '@app/common/guards' may denote either app's file: each controller gets the one closest to it,
    // whichever controller is rebuilt first.
    const app = (name: string, guard: string): Record<string, string> => ({
      [`apps/${name}/src/main.ts`]: `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }
bootstrap();
`,
      [`apps/${name}/src/app.module.ts`]: `import { Module } from '@nestjs/common';
import { ItemsController } from './items.controller';
@Module({ controllers: [ItemsController] })
export class AppModule {}
`,
      [`apps/${name}/src/items.controller.ts`]: `import { Controller, Delete, Param, UseGuards } from '@nestjs/common';
import { ItemsGuard } from '@app/common/guards';
@Controller('${name}-items')
@UseGuards(ItemsGuard)
export class ItemsController {
  @Delete(':id')
  remove(@Param('id') id: string) { return id; }
}
`,
      [`apps/${name}/src/common/guards.ts`]: guard,
    });
    const project = {
      ...app('a', `import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
@Injectable()
export class ItemsGuard extends AuthGuard('jwt') {}
`),
      ...app('b', `import { CanActivate, Injectable } from '@nestjs/common';
@Injectable()
export class ItemsGuard implements CanActivate {
  canActivate() { return true; }
}
`),
    };
    await nestEdits(project, [
      [/apps\/b\/src\/items\.controller\.ts$/, "@Controller('b-items')", "@Controller('b-things')"],
      [/apps\/a\/src\/items\.controller\.ts$/, "@Controller('a-items')", "@Controller('a-things')"],
      [/apps\/b\/src\/items\.controller\.ts$/, "@Delete(':id')", "@Delete(':key')"],
    ]);
  });

  it('targeted edits: a base controller, global guards of an app, a path-alias import (NestJS)', async () => {
    await nestEdits('attachment-points', [
      [/authed\.controller\.ts$/, '@UseGuards(JwtGuard)', ''],
      [/authed\.controller\.ts$/, "@Get(':id')", "@Get(':key')"],
      [/authed\.controller\.ts$/, 'export abstract class', '@UseGuards(JwtGuard)\nexport abstract class'],
    ]);
    await nestEdits('monorepo', [
      [/admin\/src\/main\.ts$/, 'app.useGlobalGuards(new ApiKeyGuard());', ''],
      [/admin\/src\/main\.ts$/, "setGlobalPrefix('admin')", "setGlobalPrefix('adm')"],
      [/admin\/src\/main\.ts$/, "app.setGlobalPrefix('adm');", "app.setGlobalPrefix('adm');\n  app.useGlobalGuards(new ApiKeyGuard());"],
      [/decorators\/auth\.decorator\.ts$/, 'UseGuards(SessionGuard), ', ''],
      [/guards\/session\.guard\.ts$/, 'canActivate', 'canActivat'],
      [/decorators\/auth\.decorator\.ts$/, 'applyDecorators(', 'applyDecorators(UseGuards(SessionGuard), '],
      [/guards\/session\.guard\.ts$/, 'canActivat', 'canActivate'],
    ]);
  });
});
