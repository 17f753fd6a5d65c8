/**
 * Body schema facts read from code (code/schemas/): zod, Joi and class-validator DTOs, how the
 * validator is applied, and what stays unknown; and the shadow-route quick fix that documents
 * the body the validator declares.
 */
import * as assert from 'assert';
import { createEngine, MemoryFileSystem } from '../../../server/src/engine';
import { parseSource } from '../../../server/src/engine/code/parse';
import { buildCodeProject } from '../../../server/src/engine/code/project';
import { bodySchemaOf } from '../../../server/src/engine/code/schemas/route-body';
import type { BodySchema } from '../../../server/src/engine/code/schemas/types';
import type { Known } from '../../../server/src/engine/model/operation';
import limitMismatch from '../../../server/src/engine/rules/workspace/drift-input-limit-mismatch';
import undocumentedRoute from '../../../server/src/engine/rules/workspace/drift-undocumented-route';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';
import { applyFix, ts, yaml } from '../../helpers';

function bodies(files: Record<string, string>): Map<string, Known<BodySchema>> {
  const project = buildCodeProject(Object.entries(files).map(([p, text]) => ({ path: `/ws/${p}`, text, sourceFile: parseSource(`/ws/${p}`, text) })), DEFAULT_SETTINGS);
  const out = new Map<string, Known<BodySchema>>();
  for (const route of project.routes) {
    const facts = project.routeFacts.get(route);
    if (facts) out.set(`${route.method.toUpperCase()} ${route.path}`, bodySchemaOf(facts, project));
  }
  return out;
}

function summary(b: Known<BodySchema> | undefined): unknown {
  if (!b) return 'no route';
  if (!b.known) return 'unknown';
  const s = b.value;
  return {
    library: s.library,
    complete: s.complete,
    unknownKeys: s.unknownKeys.known ? s.unknownKeys.value : '?',
    enforced: s.enforced.known ? s.enforced.value : '?',
    properties: Object.fromEntries([...s.properties.values()].map((p) => [p.name, p.opaque ? 'opaque' : `${p.type}${p.required.known ? (p.required.value ? '!' : '?') : ''} ${JSON.stringify(p.limits)}`])),
  };
}

describe('body schema facts from code', () => {
  it('zod: types, limits (constants across files), required, strict, a project validate() middleware that replaces req.body', () => {
    const b = bodies({
      'limits.ts': 'export const MAX_NAME = 80;',
      'schemas.ts': ts`
        import { z } from 'zod';
        import { MAX_NAME } from './limits';
        const Base = z.object({ name: z.string().min(1).max(MAX_NAME) });
        export const NewUser = Base.extend({ age: z.number().int().max(150).optional(), tags: z.array(z.string()).max(5), extra: makeSchema() }).strict();`,
      'validate.ts': ts`
        export const validate = (schema: any) => (req: any, res: any, next: any) => { req.body = schema.parse(req.body); next(); };`,
      'app.ts': ts`
        import express from 'express';
        import { NewUser } from './schemas';
        import { validate } from './validate';
        const app = express();
        app.post('/users', validate(NewUser), (req, res) => res.json(req.body));
        app.post('/open', (req, res) => res.json(req.body));`,
    });
    assert.deepStrictEqual(summary(b.get('POST /users')), {
      library: 'zod', complete: true, unknownKeys: 'reject', enforced: true,
      properties: { name: 'string! {"minLength":1,"maxLength":80}', age: 'integer? {"maximum":150}', tags: 'array! {"maxItems":5}', extra: 'opaque' },
    });
    assert.strictEqual(summary(b.get('POST /open')), 'unknown');
  });

  it('zod in the handler: the result strips, req.body keeps everything; passthrough lets through', () => {
    const b = bodies({
      'app.ts': ts`
        import express from 'express';
        import * as z from 'zod';
        const app = express();
        const A = z.object({ a: z.string() });
        app.post('/a', (req, res) => { const data = A.parse(req.body); res.json(data); });
        app.post('/b', (req, res) => { req.body = A.passthrough().parse(req.body); res.json(req.body); });`,
    });
    assert.deepStrictEqual(summary(b.get('POST /a')), { library: 'zod', complete: true, unknownKeys: 'allow', enforced: true, properties: { a: 'string! {}' } });
    assert.deepStrictEqual(summary(b.get('POST /b')), { library: 'zod', complete: true, unknownKeys: 'allow', enforced: true, properties: { a: 'string! {}' } });
  });

  it('Joi: optional unless required(), unknown keys rejected unless unknown(true); celebrate({ body })', () => {
    const b = bodies({
      'app.ts': ts`
        import express from 'express';
        import Joi from 'joi';
        import { celebrate, Segments } from 'celebrate';
        const app = express();
        const T = Joi.object({ title: Joi.string().max(200).required(), n: Joi.number().integer().min(0).max(9) });
        app.post('/t', celebrate({ [Segments.BODY]: T }), (req, res) => res.json(req.body));
        app.post('/u', (req, res) => { const { error } = T.unknown(true).validate(req.body); res.json({ error }); });
        app.post('/v', (req, res) => { T.validate(req.body); res.json(req.body); });
        app.post('/w', (req, res) => { const { error } = T.validate(req.body, { allowUnknown: true }); res.json({ error }); });`,
    });
    assert.deepStrictEqual(summary(b.get('POST /t')), { library: 'joi', complete: true, unknownKeys: 'reject', enforced: true, properties: { title: 'string! {"maxLength":200}', n: 'integer? {"minimum":0,"maximum":9}' } });
    assert.deepStrictEqual((summary(b.get('POST /u')) as { unknownKeys: string }).unknownKeys, 'allow');
    // A validate() whose result nobody reads enforces nothing.
    assert.deepStrictEqual((summary(b.get('POST /v')) as { enforced: boolean }).enforced, false);
    assert.deepStrictEqual((summary(b.get('POST /w')) as { unknownKeys: string }).unknownKeys, 'allow');
  });

  it('express-validator: chains on the route (arrays from another file too), enforced when validationResult is read', () => {
    const b = bodies({
      'rules.ts': ts`
        import { body } from 'express-validator';
        export const userRules = [
          body('name').isString().trim().isLength({ min: 2, max: 50 }),
          body('age').optional().isInt({ min: 0, max: 150 }),
          body('tags').isArray({ max: 5 }),
          body('address.city').isString(),
        ];`,
      'app.ts': ts`
        import express from 'express';
        import { validationResult } from 'express-validator';
        import { userRules } from './rules';
        const app = express();
        app.post('/users', userRules, (req, res) => {
          if (!validationResult(req).isEmpty()) return res.sendStatus(400);
          res.json(req.body);
        });
        app.post('/unchecked', userRules, (req, res) => res.json(req.body));`,
    });
    assert.deepStrictEqual(summary(b.get('POST /users')), {
      library: 'express-validator', complete: false, unknownKeys: 'allow', enforced: true,
      properties: { name: 'string! {"minLength":2,"maxLength":50}', age: 'integer? {"minimum":0,"maximum":150}', tags: 'array! {"maxItems":5}' },
    });
    assert.strictEqual((summary(b.get('POST /unchecked')) as { enforced: unknown }).enforced, '?');
  });

  it('nested objects and array items: zod, Joi, and DTOs with @ValidateNested/@Type and { each: true }', () => {
    const b = bodies({
      'dto.ts': ts`
        import { IsArray, IsString, MaxLength, ValidateNested, ArrayMaxSize } from 'class-validator';
        import { Type } from 'class-transformer';
        export class LineDto { @IsString() @MaxLength(32) sku: string; }
        export class OrderDto {
          @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => LineDto) lines: LineDto[];
          @IsString({ each: true }) @MaxLength(20, { each: true }) tags: string[];
          @ValidateNested() @Type(() => OrderDto) parent?: OrderDto;
        }`,
      'orders.controller.ts': ts`
        import { Body, Controller, Post, ValidationPipe } from '@nestjs/common';
        import { OrderDto } from './dto';
        @Controller('orders')
        export class OrdersController {
          @Post() create(@Body(new ValidationPipe({ whitelist: true })) dto: OrderDto) { return dto; }
        }`,
      'app.ts': ts`
        import express from 'express';
        import { z } from 'zod';
        import Joi from 'joi';
        const app = express();
        const Z = z.object({ address: z.object({ city: z.string().max(80) }), tags: z.array(z.string().max(20)).max(5) });
        const J = Joi.object({ tags: Joi.array().items(Joi.string().max(20)).max(5) });
        app.post('/z', (req, res) => res.json(Z.parse(req.body)));
        app.post('/j', (req, res) => res.json(J.validateAsync(req.body)));`,
    });
    const z = b.get('POST /z');
    assert.ok(z?.known);
    assert.deepStrictEqual(z.value.properties.get('address')?.properties?.get('city')?.limits, { maxLength: 80 });
    assert.deepStrictEqual(z.value.properties.get('tags')?.items?.limits, { maxLength: 20 });
    const j = b.get('POST /j');
    assert.ok(j?.known);
    assert.deepStrictEqual(j.value.properties.get('tags')?.items?.limits, { maxLength: 20 });
    const n = b.get('POST /orders');
    assert.ok(n?.known);
    const lines = n.value.properties.get('lines');
    assert.deepStrictEqual([lines?.type, lines?.limits, lines?.items?.type, lines?.items?.properties?.get('sku')?.limits], ['array', { maxItems: 50 }, 'object', { maxLength: 32 }]);
    assert.deepStrictEqual(n.value.properties.get('tags')?.items?.limits, { maxLength: 20 });
    assert.strictEqual(n.value.properties.get('parent')?.type, 'object', 'a DTO nesting itself is read without looping');
  });

  it('class-validator DTOs: decorators, annotations, PartialType, and the pipes that apply them', () => {
    const files = {
      'dto.ts': ts`
        import { ArrayMaxSize, IsInt, IsOptional, IsString, Length, Max } from 'class-validator';
        import { PartialType } from '@nestjs/mapped-types';
        import { Trimmed } from './decorators';
        export class CreateItemDto {
          @IsString() @Length(2, 40) name: string;
          @IsInt() @Max(10) qty: number;
          @IsString({ each: true }) @ArrayMaxSize(3) @IsOptional() tags?: string[];
          @Trimmed() note: string;
        }
        export class UpdateItemDto extends PartialType(CreateItemDto) {}`,
      'decorators.ts': ts`
        import { applyDecorators } from '@nestjs/common';
        import { MaxLength } from 'class-validator';
        export function Trimmed() { return applyDecorators(MaxLength(10)); }`,
      'items.controller.ts': ts`
        import { Body, Controller, Patch, Post, ValidationPipe } from '@nestjs/common';
        import { CreateItemDto, UpdateItemDto } from './dto';
        @Controller('items')
        export class ItemsController {
          @Post() create(@Body(new ValidationPipe({ whitelist: true })) dto: CreateItemDto) { return dto; }
          @Patch() update(@Body() dto: UpdateItemDto) { return dto; }
        }`,
    };
    const b = bodies(files);
    assert.deepStrictEqual(summary(b.get('POST /items')), {
      library: 'class-validator', complete: true, unknownKeys: 'strip', enforced: true,
      properties: { name: 'string! {"minLength":2,"maxLength":40}', qty: 'integer! {"maximum":10}', tags: 'array? {"maxItems":3}', note: 'opaque' },
    });
    const update = summary(b.get('PATCH /items')) as { enforced: boolean; properties: Record<string, string> };
    assert.strictEqual(update.enforced, false, 'no ValidationPipe reaches PATCH: the decorators are not enforced');
    assert.strictEqual(update.properties.name, 'string? {"minLength":2,"maxLength":40}');
  });
});

describe('documenting a shadow route with its body', () => {
  it('the quick fix writes the body the zod schema declares (types, limits, required, closed)', async () => {
    const spec = yaml`
      openapi: 3.0.3
      info: { title: shop, version: '1' }
      paths:
        /orders:
          get:
            responses: { '200': { description: ok } }`;
    const app = ts`
      import express from 'express';
      import { z } from 'zod';
      const app = express();
      const NewOrder = z.object({ sku: z.string().max(32), quantity: z.number().int().min(1).max(100), note: z.string().optional() }).strict();
      app.get('/orders', (req, res) => res.json([]));
      app.post('/orders', (req, res) => {
        const order = NewOrder.parse(req.body);
        res.status(201).json(order);
      });`;
    const engine = createEngine({ fs: new MemoryFileSystem({ '/ws/openapi.yaml': spec, '/ws/app.ts': app }), roots: ['/ws'], rules: [undocumentedRoute] });
    const r = await engine.lintFile('/ws/app.ts');
    const fix = r.findings[0]?.suggestions?.[0];
    assert.ok(fix, 'a suggestion');
    assert.strictEqual(applyFix(spec, fix, '/ws/openapi.yaml'), yaml`
      openapi: 3.0.3
      info: { title: shop, version: '1' }
      paths:
        /orders:
          post:
            summary: POST /orders
            requestBody:
              required: true
              content:
                application/json:
                  schema:
                    type: object
                    required:
                      - sku
                      - quantity
                    properties:
                      sku:
                        type: string
                        maxLength: 32
                      quantity:
                        type: integer
                        maximum: 100
                        minimum: 1
                      note:
                        type: string
                    additionalProperties: false
            responses:
              "201":
                description: OK
          get:
            responses: { '200': { description: ok } }`);
  });
});

describe('body facts follow edits of the files they depend on', () => {
  it('a DTO limit taken from a constant in another file changes when only that file changes', async () => {
    const spec = yaml`
      openapi: 3.0.3
      info: { title: shop, version: '1' }
      paths:
        /items:
          post:
            requestBody:
              content:
                application/json:
                  schema: { type: object, properties: { name: { type: string, maxLength: 40 } } }
            responses: { '201': { description: created } }`;
    const files = {
      '/ws/openapi.yaml': spec,
      '/ws/limits.ts': 'export const MAX_NAME = 40;\n',
      '/ws/dto.ts': ts`
        import { IsString, MaxLength } from 'class-validator';
        import { MAX_NAME } from './limits';
        export class ItemDto {
          @IsString() @MaxLength(MAX_NAME) name: string;
        }`,
      '/ws/items.controller.ts': ts`
        import { Body, Controller, Post, ValidationPipe } from '@nestjs/common';
        import { ItemDto } from './dto';
        @Controller('items')
        export class ItemsController {
          @Post() create(@Body(new ValidationPipe({ whitelist: true })) dto: ItemDto) { return dto; }
        }`,
    };
    const engine = createEngine({ fs: new MemoryFileSystem(files), roots: ['/ws'], rules: [limitMismatch] });
    assert.deepStrictEqual((await engine.audit()).findings.map((f) => f.messageId), []);
    engine.setFile('/ws/limits.ts', 'export const MAX_NAME = 400;\n');
    assert.deepStrictEqual((await engine.audit()).findings.map((f) => f.messageId), ['codeLooser']);
  });
});
