/**
 * Generates Express and NestJS projects of a given number of routes, shaped like real services
 * so the code analysis does the work it does on real projects: routers spread over many files
 * and mounted with prefixes through two levels of index routers, authentication applied at
 * different levels (app, mount, router, route), role middleware, rate limiters, validation,
 * controllers and services in their own files; for Nest, feature modules, a global APP_GUARD
 * with a `@Public()` escape hatch, class- and method-level guards, DTOs and a global prefix.
 *
 * Every resource has 10 routes, so `routes / 10` resources, grouped 10 per feature area.
 * Output is deterministic (same size -> same files), so runs are comparable.
 *
 *   node out/bench/generate-code.js express|nestjs <routes> <outDir>
 */
import * as fs from 'fs';
import * as path from 'path';

export type Framework = 'express' | 'nestjs';

export interface GeneratedProject {
  framework: Framework;
  routes: number;
  root: string;
  files: number;
  bytes: number;
  /** A file whose edit changes a route (the edit benchmarks change this one). */
  editFile: string;
  /** The route path literal inside editFile that the edit benchmarks rename back and forth. */
  editNeedle: string;
}

const ROUTES_PER_RESOURCE = 10;
const RESOURCES_PER_GROUP = 10;

const GROUPS = ['billing', 'catalog', 'accounts', 'orders', 'shipping', 'support', 'analytics', 'content', 'identity', 'inventory',
  'payments', 'marketing', 'compliance', 'reporting', 'partners', 'devices', 'messaging', 'scheduling', 'documents', 'integrations'];
const NOUNS = ['invoice', 'customer', 'product', 'order', 'shipment', 'ticket', 'report', 'article', 'user', 'warehouse',
  'payment', 'campaign', 'audit', 'dashboard', 'partner', 'device', 'message', 'booking', 'document', 'webhook',
  'coupon', 'refund', 'category', 'review', 'address', 'carrier', 'agent', 'metric', 'page', 'role',
  'stock', 'payout', 'segment', 'policy', 'export', 'contract', 'sensor', 'thread', 'calendar', 'template'];

interface Resource {
  group: string;
  /** kebab-case, unique: used in paths and file names. */
  slug: string;
  /** PascalCase, unique: used in class names. */
  pascal: string;
  /** camelCase, unique: used in variable names. */
  camel: string;
  index: number;
}

function resources(routes: number): Resource[] {
  const count = Math.max(1, Math.ceil(routes / ROUTES_PER_RESOURCE));
  const out: Resource[] = [];
  for (let i = 0; i < count; i++) {
    const noun = NOUNS[i % NOUNS.length];
    const round = Math.floor(i / NOUNS.length);
    const slug = round === 0 ? noun : `${noun}-v${round + 1}`;
    const camel = round === 0 ? noun : `${noun}V${round + 1}`;
    const pascal = camel[0].toUpperCase() + camel.slice(1);
    const group = GROUPS[Math.floor(i / RESOURCES_PER_GROUP) % GROUPS.length] + (i >= GROUPS.length * RESOURCES_PER_GROUP ? `-${Math.floor(i / (GROUPS.length * RESOURCES_PER_GROUP)) + 1}` : '');
    out.push({ group, slug, pascal, camel, index: i });
  }
  return out;
}

function groupsOf(list: Resource[]): Map<string, Resource[]> {
  const m = new Map<string, Resource[]>();
  for (const r of list) {
    const g = m.get(r.group);
    if (g) g.push(r);
    else m.set(r.group, [r]);
  }
  return m;
}

const camelOf = (kebab: string): string => kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

class Writer {
  files = 0;
  bytes = 0;
  constructor(readonly root: string) {}
  write(rel: string, text: string): void {
    const file = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    this.files++;
    this.bytes += Buffer.byteLength(text);
  }
}

// ------------------------------------------------------------------ Express

function expressProject(w: Writer, routes: number): Pick<GeneratedProject, 'editFile' | 'editNeedle'> {
  const list = resources(routes);
  const groups = groupsOf(list);
  w.write('package.json', JSON.stringify({
    name: `bench-express-${routes}`, private: true, main: 'dist/server.js',
    dependencies: { express: '^4.19.2', 'express-rate-limit': '^7.4.0', jsonwebtoken: '^9.0.2', helmet: '^7.1.0', zod: '^3.23.8' },
    devDependencies: { typescript: '^5.5.0', '@types/express': '^4.17.21' },
  }, null, 2) + '\n');
  w.write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, outDir: 'dist', esModuleInterop: true }, include: ['src'] }, null, 2) + '\n');
  w.write('.gitignore', 'node_modules/\ndist/\n');
  w.write('src/server.ts', `import { app } from './app';
import { config } from './config';

app.listen(config.port, () => {
  console.log(\`listening on \${config.port}\`);
});
`);
  w.write('src/config.ts', `export const config = {
  port: Number(process.env.PORT ?? 3000),
  jwtSecret: process.env.JWT_SECRET ?? '',
  rateLimitPerMinute: Number(process.env.RATE_LIMIT ?? 120),
};
`);
  w.write('src/db.ts', `export interface Row { id: string; ownerId: string; [key: string]: unknown }

export const db = {
  async findMany(table: string, where: Partial<Row>, limit = 50): Promise<Row[]> {
    void table; void where; void limit;
    return [];
  },
  async findOne(table: string, id: string): Promise<Row | undefined> {
    void table; void id;
    return undefined;
  },
  async insert(table: string, row: Partial<Row>): Promise<Row> {
    void table;
    return { id: 'new', ownerId: '', ...row };
  },
  async update(table: string, id: string, patch: Partial<Row>): Promise<Row> {
    void table;
    return { id, ownerId: '', ...patch };
  },
  async remove(table: string, id: string): Promise<void> {
    void table; void id;
  },
};
`);
  w.write('src/middleware/authenticate.ts', `import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { config } from '../config';

export interface AuthUser { id: string; roles: string[] }

declare module 'express-serve-static-core' {
  interface Request { user?: AuthUser }
}

/** Verifies the bearer token and attaches the user. */
export function authenticate(req: Request, res: Response, next: NextFunction): void {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : undefined;
  if (!token) {
    res.status(401).json({ error: 'unauthenticated' });
    return;
  }
  try {
    req.user = jwt.verify(token, config.jwtSecret) as AuthUser;
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
}
`);
  w.write('src/middleware/roles.ts', `import type { NextFunction, Request, Response } from 'express';

export function requireRole(...roles: string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.user || !roles.some((r) => req.user!.roles.includes(r))) {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    next();
  };
}
`);
  w.write('src/middleware/rate-limit.ts', `import rateLimit from 'express-rate-limit';
import { config } from '../config';

export const apiLimiter = rateLimit({ windowMs: 60_000, limit: config.rateLimitPerMinute });
export const strictLimiter = rateLimit({ windowMs: 60_000, limit: 10 });
`);
  w.write('src/middleware/validate.ts', `import type { NextFunction, Request, Response } from 'express';
import type { ZodSchema } from 'zod';

export function validate(schema: ZodSchema) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const parsed = schema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.flatten() });
      return;
    }
    req.body = parsed.data;
    next();
  };
}
`);
  w.write('src/routes/auth.routes.ts', `import { Router } from 'express';
import { strictLimiter } from '../middleware/rate-limit';

export const authRouter = Router();

authRouter.post('/login', strictLimiter, async (req, res) => {
  res.json({ token: 'issued', user: req.body?.email });
});

authRouter.post('/refresh', strictLimiter, async (_req, res) => {
  res.json({ token: 'refreshed' });
});
`);
  // app.ts: public routes, then the API behind authentication (one index router per group).
  const groupNames = [...groups.keys()];
  w.write('src/app.ts', `import express from 'express';
import helmet from 'helmet';
import { authRouter } from './routes/auth.routes';
import { apiRouter } from './routes';
import { apiLimiter } from './middleware/rate-limit';

export const app = express();

app.disable('x-powered-by');
app.use(helmet());
app.use(express.json({ limit: '100kb' }));

app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

app.use('/auth', authRouter);
app.use('/api/v1', apiLimiter, apiRouter);
`);
  w.write('src/routes/index.ts', `import { Router } from 'express';
import { authenticate } from '../middleware/authenticate';
${groupNames.map((g) => `import { ${camelOf(g)}Router } from './${g}';`).join('\n')}

export const apiRouter = Router();

${groupNames.map((g, i) => i % 4 === 3
    // Some areas authenticate inside their own routers instead of at the mount.
    ? `apiRouter.use('/${g}', ${camelOf(g)}Router);`
    : `apiRouter.use('/${g}', authenticate, ${camelOf(g)}Router);`).join('\n')}
`);
  let editFile = '';
  for (const [g, rs] of groups) {
    const gi = groupNames.indexOf(g);
    const selfAuth = gi % 4 === 3;
    w.write(`src/routes/${g}/index.ts`, `import { Router } from 'express';
${selfAuth ? "import { authenticate } from '../../middleware/authenticate';\n" : ''}${rs.map((r) => `import { ${r.camel}Router } from './${r.slug}.routes';`).join('\n')}

export const ${camelOf(g)}Router = Router();
${selfAuth ? `\n${camelOf(g)}Router.use(authenticate);\n` : ''}
${rs.map((r) => `${camelOf(g)}Router.use('/${r.slug}s', ${r.camel}Router);`).join('\n')}
`);
    for (const r of rs) {
      const rel = `src/routes/${g}/${r.slug}.routes.ts`;
      if (!editFile) editFile = rel;
      w.write(rel, expressRouter(r));
      w.write(`src/controllers/${g}/${r.slug}.controller.ts`, expressController(r, g));
      w.write(`src/services/${g}/${r.slug}.service.ts`, service(r, false));
      w.write(`src/schemas/${g}/${r.slug}.schema.ts`, `import { z } from 'zod';

export const create${r.pascal}Schema = z.object({
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  tags: z.array(z.string()).max(20).default([]),
});

export const update${r.pascal}Schema = create${r.pascal}Schema.partial();
`);
    }
  }
  return { editFile, editNeedle: "'/:id/history'" };
}

function expressRouter(r: Resource): string {
  const c = `${r.camel}Controller`;
  // Alternate styles across resources: route chaining, inline handlers, per-route middleware.
  const chained = r.index % 3 === 1;
  const byId = chained
    ? `${r.camel}Router
  .route('/:id')
  .get(${c}.get)
  .put(validate(update${r.pascal}Schema), ${c}.update)
  .patch(validate(update${r.pascal}Schema), ${c}.patch)
  .delete(requireRole('admin'), ${c}.remove);`
    : `${r.camel}Router.get('/:id', ${c}.get);
${r.camel}Router.put('/:id', validate(update${r.pascal}Schema), ${c}.update);
${r.camel}Router.patch('/:id', validate(update${r.pascal}Schema), ${c}.patch);
${r.camel}Router.delete('/:id', requireRole('admin'), ${c}.remove);`;
  return `import { Router } from 'express';
import * as ${c} from '../../controllers/${r.group}/${r.slug}.controller';
import { requireRole } from '../../middleware/roles';
import { strictLimiter } from '../../middleware/rate-limit';
import { validate } from '../../middleware/validate';
import { create${r.pascal}Schema, update${r.pascal}Schema } from '../../schemas/${r.group}/${r.slug}.schema';

export const ${r.camel}Router = Router();

${r.camel}Router.get('/', ${c}.list);
${r.camel}Router.post('/', validate(create${r.pascal}Schema), ${c}.create);
${r.camel}Router.get('/search', strictLimiter, ${c}.search);
${byId}
${r.camel}Router.get('/:id/history', ${c}.history);
${r.camel}Router.post('/:id/archive', requireRole('admin', 'editor'), ${c}.archive);
${r.camel}Router.post('/bulk', requireRole('admin'), async (req, res) => {
  const ids: string[] = Array.isArray(req.body?.ids) ? req.body.ids : [];
  res.json({ updated: ids.length });
});
`;
}

function expressController(r: Resource, g: string): string {
  const s = `${r.camel}Service`;
  return `import type { Request, Response } from 'express';
import { ${r.pascal}Service } from '../../services/${g}/${r.slug}.service';

const ${s} = new ${r.pascal}Service();

export async function list(req: Request, res: Response): Promise<void> {
  const limit = Math.min(Number(req.query.limit ?? 50), 100);
  res.json(await ${s}.list(req.user!.id, limit));
}

export async function search(req: Request, res: Response): Promise<void> {
  res.json(await ${s}.search(req.user!.id, String(req.query.q ?? '')));
}

export async function get(req: Request, res: Response): Promise<void> {
  const item = await ${s}.get(req.user!.id, req.params.id);
  if (!item) {
    res.status(404).end();
    return;
  }
  res.json(item);
}

export async function create(req: Request, res: Response): Promise<void> {
  res.status(201).json(await ${s}.create(req.user!.id, req.body));
}

export async function update(req: Request, res: Response): Promise<void> {
  res.json(await ${s}.update(req.user!.id, req.params.id, req.body));
}

export async function patch(req: Request, res: Response): Promise<void> {
  res.json(await ${s}.update(req.user!.id, req.params.id, req.body));
}

export async function remove(req: Request, res: Response): Promise<void> {
  await ${s}.remove(req.user!.id, req.params.id);
  res.status(204).end();
}

export async function history(req: Request, res: Response): Promise<void> {
  res.json(await ${s}.history(req.user!.id, req.params.id));
}

export async function archive(req: Request, res: Response): Promise<void> {
  res.json(await ${s}.update(req.user!.id, req.params.id, { archived: true }));
}
`;
}

function service(r: Resource, nest: boolean): string {
  const table = r.slug.replace(/-/g, '_') + 's';
  return `${nest ? "import { Injectable, NotFoundException } from '@nestjs/common';\n" : ''}import { db, type Row } from '../../db';

${nest ? '@Injectable()\n' : ''}export class ${r.pascal}Service {
  async list(ownerId: string, limit = 50): Promise<Row[]> {
    return db.findMany('${table}', { ownerId }, limit);
  }

  async search(ownerId: string, q: string): Promise<Row[]> {
    const rows = await db.findMany('${table}', { ownerId });
    return rows.filter((r) => JSON.stringify(r).includes(q));
  }

  async get(ownerId: string, id: string): Promise<Row | undefined> {
    const row = await db.findOne('${table}', id);
    return row && row.ownerId === ownerId ? row : undefined;
  }

  async create(ownerId: string, input: Partial<Row>): Promise<Row> {
    return db.insert('${table}', { ...input, ownerId });
  }

  async update(ownerId: string, id: string, patch: Partial<Row>): Promise<Row> {
    const row = await this.get(ownerId, id);
    if (!row) throw new ${nest ? 'NotFoundException' : 'Error'}('${r.slug} not found');
    return db.update('${table}', id, patch);
  }

  async remove(ownerId: string, id: string): Promise<void> {
    const row = await this.get(ownerId, id);
    if (row) await db.remove('${table}', id);
  }

  async history(ownerId: string, id: string): Promise<Row[]> {
    return db.findMany('${table}_history', { ownerId, id });
  }
}
`;
}

// ------------------------------------------------------------------ NestJS

function nestProject(w: Writer, routes: number): Pick<GeneratedProject, 'editFile' | 'editNeedle'> {
  const list = resources(routes);
  const groups = groupsOf(list);
  w.write('package.json', JSON.stringify({
    name: `bench-nestjs-${routes}`, private: true,
    dependencies: {
      '@nestjs/common': '^10.3.0', '@nestjs/core': '^10.3.0', '@nestjs/passport': '^10.0.3', '@nestjs/throttler': '^5.1.2',
      'class-validator': '^0.14.1', 'class-transformer': '^0.5.1', passport: '^0.7.0', 'passport-jwt': '^4.0.1', 'reflect-metadata': '^0.2.1',
    },
    devDependencies: { typescript: '^5.5.0' },
  }, null, 2) + '\n');
  w.write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, outDir: 'dist', experimentalDecorators: true, emitDecoratorMetadata: true }, include: ['src'] }, null, 2) + '\n');
  w.write('.gitignore', 'node_modules/\ndist/\n');
  w.write('src/main.ts', `import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  await app.listen(process.env.PORT ?? 3000);
}
void bootstrap();
`);
  w.write('src/db.ts', `export interface Row { id: string; ownerId: string; [key: string]: unknown }

export const db = {
  async findMany(table: string, where: Partial<Row>, limit = 50): Promise<Row[]> {
    void table; void where; void limit;
    return [];
  },
  async findOne(table: string, id: string): Promise<Row | undefined> {
    void table; void id;
    return undefined;
  },
  async insert(table: string, row: Partial<Row>): Promise<Row> {
    void table;
    return { id: 'new', ownerId: '', ...row };
  },
  async update(table: string, id: string, patch: Partial<Row>): Promise<Row> {
    void table;
    return { id, ownerId: '', ...patch };
  },
  async remove(table: string, id: string): Promise<void> {
    void table; void id;
  },
};
`);
  w.write('src/auth/public.decorator.ts', `import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'isPublic';
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
`);
  w.write('src/auth/roles.decorator.ts', `import { SetMetadata } from '@nestjs/common';

export const ROLES_KEY = 'roles';
export const Roles = (...roles: string[]) => SetMetadata(ROLES_KEY, roles);
`);
  w.write('src/auth/jwt-auth.guard.ts', `import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC_KEY } from './public.decorator';

@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }
}
`);
  w.write('src/auth/roles.guard.ts', `import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES_KEY } from './roles.decorator';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<string[]>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles?.length) return true;
    const { user } = context.switchToHttp().getRequest();
    return roles.some((r) => user?.roles?.includes(r));
  }
}
`);
  w.write('src/auth/owner.guard.ts', `import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';

/** Lets the request through when the caller owns the resource in the path. */
@Injectable()
export class OwnerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest();
    return Boolean(req.user && req.params.id);
  }
}
`);
  w.write('src/auth/auth.controller.ts', `import { Body, Controller, Post } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { Public } from './public.decorator';

@Controller('auth')
export class AuthController {
  @Public()
  @Throttle({ default: { limit: 5, ttl: 60_000 } })
  @Post('login')
  login(@Body() body: { email: string; password: string }) {
    return { token: 'issued', user: body.email };
  }
}
`);
  w.write('src/auth/auth.module.ts', `import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';

@Module({ controllers: [AuthController] })
export class AuthModule {}
`);
  w.write('src/health/health.controller.ts', `import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/public.decorator';

@Controller('health')
export class HealthController {
  @Public()
  @Get()
  check() {
    return { ok: true };
  }
}
`);
  const groupNames = [...groups.keys()];
  w.write('src/app.module.ts', `import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AuthModule } from './auth/auth.module';
import { HealthController } from './health/health.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { RolesGuard } from './auth/roles.guard';
${groupNames.map((g) => `import { ${pascalOf(g)}Module } from './${g}/${g}.module';`).join('\n')}

@Module({
  imports: [
    ThrottlerModule.forRoot([{ ttl: 60_000, limit: 120 }]),
    AuthModule,
${groupNames.map((g) => `    ${pascalOf(g)}Module,`).join('\n')}
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AppModule {}
`);
  let editFile = '';
  for (const [g, rs] of groups) {
    w.write(`src/${g}/${g}.module.ts`, `import { Module } from '@nestjs/common';
${rs.map((r) => `import { ${r.pascal}Module } from './${r.slug}/${r.slug}.module';`).join('\n')}

@Module({
  imports: [${rs.map((r) => `${r.pascal}Module`).join(', ')}],
})
export class ${pascalOf(g)}Module {}
`);
    for (const r of rs) {
      const rel = `src/${g}/${r.slug}/${r.slug}.controller.ts`;
      if (!editFile) editFile = rel;
      w.write(rel, nestController(r, g));
      w.write(`src/${g}/${r.slug}/${r.slug}.module.ts`, `import { Module } from '@nestjs/common';
import { ${r.pascal}Controller } from './${r.slug}.controller';
import { ${r.pascal}Service } from './${r.slug}.service';

@Module({
  controllers: [${r.pascal}Controller],
  providers: [${r.pascal}Service],
  exports: [${r.pascal}Service],
})
export class ${r.pascal}Module {}
`);
      w.write(`src/${g}/${r.slug}/${r.slug}.service.ts`, service(r, true));
      w.write(`src/${g}/${r.slug}/dto/${r.slug}.dto.ts`, `import { IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class Create${r.pascal}Dto {
  @IsString()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsArray()
  @IsString({ each: true })
  tags: string[] = [];
}

export class Update${r.pascal}Dto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  description?: string;
}

export class List${r.pascal}Query {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
`);
    }
  }
  return { editFile, editNeedle: "':id/history'" };
}

const pascalOf = (kebab: string): string => {
  const c = camelOf(kebab);
  return c[0].toUpperCase() + c.slice(1);
};

function nestController(r: Resource, g: string): string {
  // Most controllers rely on the global guard; some add their own at class level.
  const classGuard = r.index % 5 === 2;
  return `import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { Public } from '../../auth/public.decorator';
import { Roles } from '../../auth/roles.decorator';
import { OwnerGuard } from '../../auth/owner.guard';
${classGuard ? "import { JwtAuthGuard } from '../../auth/jwt-auth.guard';\n" : ''}import { Create${r.pascal}Dto, List${r.pascal}Query, Update${r.pascal}Dto } from './dto/${r.slug}.dto';
import { ${r.pascal}Service } from './${r.slug}.service';

${classGuard ? '@UseGuards(JwtAuthGuard)\n' : ''}@Controller('${g}/${r.slug}s')
export class ${r.pascal}Controller {
  constructor(private readonly ${r.camel}Service: ${r.pascal}Service) {}

  @Get()
  list(@Query() query: List${r.pascal}Query) {
    return this.${r.camel}Service.list('me', query.limit);
  }

  @Public()
  @Get('public-summary')
  summary() {
    return { resource: '${r.slug}' };
  }

  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @Get('search')
  search(@Query('q') q: string) {
    return this.${r.camel}Service.search('me', q);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.${r.camel}Service.get('me', id);
  }

  @Post()
  create(@Body() dto: Create${r.pascal}Dto) {
    return this.${r.camel}Service.create('me', { ...dto });
  }

  @UseGuards(OwnerGuard)
  @Put(':id')
  update(@Param('id') id: string, @Body() dto: Update${r.pascal}Dto) {
    return this.${r.camel}Service.update('me', id, { ...dto });
  }

  @UseGuards(OwnerGuard)
  @Patch(':id')
  patch(@Param('id') id: string, @Body() dto: Update${r.pascal}Dto) {
    return this.${r.camel}Service.update('me', id, { ...dto });
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id') id: string) {
    return this.${r.camel}Service.remove('me', id);
  }

  @Get(':id/history')
  history(@Param('id') id: string) {
    return this.${r.camel}Service.history('me', id);
  }

  @Roles('admin', 'editor')
  @Post(':id/archive')
  archive(@Param('id') id: string) {
    return this.${r.camel}Service.update('me', id, { archived: true });
  }
}
`;
}

// ------------------------------------------------------------------ entry

export function generateProject(framework: Framework, routes: number, root: string): GeneratedProject {
  fs.rmSync(root, { recursive: true, force: true });
  const w = new Writer(root);
  const edit = framework === 'express' ? expressProject(w, routes) : nestProject(w, routes);
  const project: GeneratedProject = {
    framework, routes: countRoutes(framework, routes), root, files: w.files, bytes: w.bytes,
    editFile: path.join(root, edit.editFile), editNeedle: edit.editNeedle,
  };
  fs.writeFileSync(path.join(root, '.bench-project.json'), JSON.stringify(project, null, 2) + '\n');
  return project;
}

/** Routes a correct analysis finds: 10 per resource plus the fixed public/auth routes. */
export function countRoutes(framework: Framework, routes: number): number {
  const resourceRoutes = Math.max(1, Math.ceil(routes / ROUTES_PER_RESOURCE)) * ROUTES_PER_RESOURCE;
  return resourceRoutes + (framework === 'express' ? 3 : 2);
}

if (require.main === module) {
  const [framework, routes, out] = process.argv.slice(2);
  if ((framework !== 'express' && framework !== 'nestjs') || !Number(routes) || !out) {
    console.error('usage: node out/bench/generate-code.js express|nestjs <routes> <outDir>');
    process.exit(2);
  }
  const p = generateProject(framework, Number(routes), path.resolve(out));
  console.log(`${p.framework}: ${p.routes} routes, ${p.files} files, ${(p.bytes / 1024).toFixed(0)} KB in ${p.root}`);
}
