import rule from '../../../server/src/engine/rules/workspace/drift-input-limit-mismatch';
import { ruleTester } from '../../rule-tester';
import { ts, yaml } from '../../helpers';

const specWith = (name: string) => yaml`
  openapi: 3.0.3
  info: { title: shop, version: '1' }
  paths:
    /users:
      post:
        requestBody:
          content:
            application/json:
              schema: { $ref: '#/components/schemas/NewUser' }
        responses: { '201': { description: created } }
  components:
    schemas:
      NewUser:
        type: object
        properties:
          name:
            ${name}
          tags: { type: array, items: { type: string }, maxItems: 10 }`;

const boundedSpec = specWith('type: string\n            maxLength: 100');
const unboundedSpec = specWith('type: string');

const zodApp = (nameSchema: string, tags = 'z.array(z.string()).max(10)') => ts`
  import express from 'express';
  import { z } from 'zod';
  const app = express();
  const NewUser = z.object({
    name: ${nameSchema},
    tags: ${tags},
  });
  app.post('/users', (req, res) => {
    const data = NewUser.parse(req.body);
    res.status(201).json(data);
  });`;

const dto = (decorators: string) => ts`
  import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
  export class NewUserDto {
    ${decorators}
    name: string;
    @IsArray()
    @ArrayMaxSize(10)
    @IsString({ each: true })
    @IsOptional()
    tags?: string[];
  }`;

const controller = ts`
  import { Body, Controller, Post } from '@nestjs/common';
  import { NewUserDto } from './new-user.dto';
  @Controller('users')
  export class UsersController {
    @Post()
    create(@Body() body: NewUserDto) {
      return body;
    }
  }`;

const main = (options: string) => ts`
  import { NestFactory } from '@nestjs/core';
  import { ValidationPipe } from '@nestjs/common';
  import { AppModule } from './app.module';
  async function bootstrap() {
    const app = await NestFactory.create(AppModule);
    app.useGlobalPipes(new ValidationPipe(${options}));
    await app.listen(3000);
  }
  bootstrap();`;

const appModule = ts`
  import { Module } from '@nestjs/common';
  import { UsersController } from './users.controller';
  @Module({ controllers: [UsersController] })
  export class AppModule {}`;

const nestFiles = (options: string) => ({ 'src/main.ts': main(options), 'src/app.module.ts': appModule, 'src/users.controller.ts': controller });

ruleTester(rule, {
  valid: [
    {
      name: 'zod and the spec agree on every limit',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': boundedSpec },
      code: zodApp('z.string().max(100)'),
    },
    {
      name: 'the code is stricter than the spec: not a resource problem',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': boundedSpec },
      code: zodApp('z.string().min(1).max(50)'),
    },
    {
      name: 'a validator bounded by its format (.email(), @IsUUID()) needs no max of its own',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': boundedSpec },
      code: zodApp('z.string().email()'),
    },
    {
      name: 'a helper-built schema is unknown, never "no limit"',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': boundedSpec },
      code: zodApp('makeName()'),
    },
    {
      name: 'no validation runs on the body: nothing known to compare',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': boundedSpec },
      code: ts`
        import express from 'express';
        const app = express();
        app.post('/users', (req, res) => res.status(201).json({ name: req.body.name }));`,
    },
    {
      name: 'Nest DTO with @MaxLength(100) under a global ValidationPipe matches the spec',
      filename: 'src/new-user.dto.ts',
      files: { 'openapi.yaml': boundedSpec, ...nestFiles('{ whitelist: true }') },
      code: dto('@IsString()\n    @MaxLength(100)'),
    },
    {
      name: 'Nest without any ValidationPipe: the decorators are not enforced, so nothing is compared',
      filename: 'src/new-user.dto.ts',
      files: { 'openapi.yaml': boundedSpec, 'src/main.ts': main('').replace(/\n\s*app\.useGlobalPipes.*\n/, '\n'), 'src/app.module.ts': appModule, 'src/users.controller.ts': controller },
      code: dto('@IsString()'),
    },
  ],
  invalid: [
    {
      name: 'zod limits name to 100, the spec does not: the fix copies the value into the spec',
      filename: 'openapi.yaml',
      files: { 'src/app.ts': zodApp('z.string().max(100)') },
      code: unboundedSpec,
      errors: [{
        messageId: 'specMissingLimit',
        line: 16,
        suggestions: [unboundedSpec.replace(/(name:\n +type: string\n)/, '$1          maxLength: 100\n')],
      }],
    },
    {
      name: 'the spec limits name to 100, zod does not: the fix adds .max(100)',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': boundedSpec },
      code: zodApp('z.string().trim().optional()'),
      errors: [{ messageId: 'codeMissingLimit', line: 5, text: 'name: z.string().trim().optional()', suggestions: [zodApp('z.string().max(100).trim().optional()')] }],
    },
    {
      name: 'Joi allows 1000 items where the spec says 10',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': boundedSpec },
      code: ts`
        import express from 'express';
        import Joi from 'joi';
        const app = express();
        const NewUser = Joi.object({ name: Joi.string().max(100).required(), tags: Joi.array().items(Joi.string()).max(1000) });
        app.post('/users', async (req, res) => {
          const value = await NewUser.validateAsync(req.body);
          res.status(201).json(value);
        });`,
      errors: [{ messageId: 'codeLooser', line: 4, text: '1000' }],
    },
    {
      name: 'express-validator: the spec limits name to 100, the chain does not; the fix adds .isLength({ max: 100 })',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': boundedSpec },
      code: ts`
        import express from 'express';
        import { body, validationResult } from 'express-validator';
        const app = express();
        app.post('/users', body('name').isString(), body('tags').isArray({ max: 10 }), (req, res) => {
          if (!validationResult(req).isEmpty()) return res.sendStatus(400);
          res.status(201).json(req.body);
        });`,
      errors: [{ messageId: 'codeMissingLimit', line: 4, text: "body('name')", suggestions: [ts`
        import express from 'express';
        import { body, validationResult } from 'express-validator';
        const app = express();
        app.post('/users', body('name').isLength({ max: 100 }).isString(), body('tags').isArray({ max: 10 }), (req, res) => {
          if (!validationResult(req).isEmpty()) return res.sendStatus(400);
          res.status(201).json(req.body);
        });`] }],
    },
    {
      name: 'query parameters: the spec bounds limit to 100, zod (coerced) lets 1000 through',
      filename: 'src/app.ts',
      files: {
        'openapi.yaml': yaml`
          openapi: 3.0.3
          info: { title: shop, version: '1' }
          paths:
            /users:
              get:
                parameters:
                  - { name: limit, in: query, schema: { type: integer, maximum: 100 } }
                  - { name: q, in: query, schema: { type: string } }
                responses: { '200': { description: ok } }`,
      },
      code: ts`
        import express from 'express';
        import { z } from 'zod';
        const app = express();
        const Page = z.object({ limit: z.coerce.number().int().max(1000), q: z.string().max(64).optional() });
        app.get('/users', (req, res) => {
          const { limit, q } = Page.parse(req.query);
          res.json({ limit, q });
        });`,
      errors: [{ messageId: 'codeLooser', line: 4, text: '1000' }],
    },
    {
      name: 'query parameters: a Nest @Query() DTO bounds q, the spec does not; the fix documents it on the parameter schema',
      filename: 'openapi.yaml',
      files: {
        'src/users.controller.ts': ts`
          import { Controller, Get, Query, ValidationPipe } from '@nestjs/common';
          import { IsOptional, IsString, MaxLength } from 'class-validator';
          class SearchDto {
            @IsOptional() @IsString() @MaxLength(64) q?: string;
          }
          @Controller('users')
          export class UsersController {
            @Get() list(@Query(new ValidationPipe({ whitelist: true })) query: SearchDto) { return query; }
          }`,
      },
      code: yaml`
        openapi: 3.0.3
        info: { title: shop, version: '1' }
        paths:
          /users:
            get:
              parameters:
                - name: q
                  in: query
                  schema:
                    type: string
              responses: { '200': { description: ok } }`,
      errors: [{
        messageId: 'specMissingLimit',
        line: 7,
        suggestions: [yaml`
          openapi: 3.0.3
          info: { title: shop, version: '1' }
          paths:
            /users:
              get:
                parameters:
                  - name: q
                    in: query
                    schema:
                      type: string
                      maxLength: 64
                responses: { '200': { description: ok } }`],
      }],
    },
    {
      name: 'nested: array items and their properties (zod), reported as items[].sku',
      filename: 'src/app.ts',
      files: {
        'openapi.yaml': yaml`
          openapi: 3.0.3
          info: { title: shop, version: '1' }
          paths:
            /orders:
              post:
                requestBody:
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          items:
                            type: array
                            maxItems: 50
                            items:
                              type: object
                              properties:
                                sku: { type: string, maxLength: 32 }
                                quantity: { type: integer, maximum: 100 }
                responses: { '201': { description: created } }`,
      },
      code: ts`
        import express from 'express';
        import { z } from 'zod';
        const app = express();
        const Line = z.object({ sku: z.string().max(32), quantity: z.number().int().max(1000) });
        const NewOrder = z.object({ items: z.array(Line).max(50) });
        app.post('/orders', (req, res) => res.status(201).json(NewOrder.parse(req.body)));`,
      errors: [{ messageId: 'codeLooser', line: 4, text: '1000' }],
    },
    {
      name: 'nested: a Nest DTO with @ValidateNested() @Type(() => LineDto) and { each: true } limits',
      filename: 'src/order.dto.ts',
      files: {
        'openapi.yaml': yaml`
          openapi: 3.0.3
          info: { title: shop, version: '1' }
          paths:
            /orders:
              post:
                requestBody:
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          lines:
                            type: array
                            items:
                              type: object
                              properties:
                                sku: { type: string, maxLength: 32 }
                          tags:
                            type: array
                            items: { type: string, maxLength: 20 }
                responses: { '201': { description: created } }`,
        'src/orders.controller.ts': ts`
          import { Body, Controller, Post, ValidationPipe } from '@nestjs/common';
          import { OrderDto } from './order.dto';
          @Controller('orders')
          export class OrdersController {
            @Post() create(@Body(new ValidationPipe({ whitelist: true })) dto: OrderDto) { return dto; }
          }`,
      },
      code: ts`
        import { IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
        import { Type } from 'class-transformer';
        export class LineDto {
          @IsString() sku: string;
        }
        export class OrderDto {
          @IsArray() @ValidateNested({ each: true }) @Type(() => LineDto) lines: LineDto[];
          @IsArray() @IsString({ each: true }) @MaxLength(20, { each: true }) tags: string[];
          @ValidateNested() @Type(() => OrderDto) parent?: OrderDto;
        }`,
      errors: [{ messageId: 'codeMissingLimit', line: 4, text: 'sku' }],
    },
    {
      name: 'zod schema in another file, applied by a project validate() middleware',
      filename: 'src/schemas.ts',
      files: {
        'openapi.yaml': boundedSpec,
        'src/validate.ts': ts`
          export const validate = (schema: any) => (req: any, res: any, next: any) => {
            const result = schema.safeParse(req.body);
            if (!result.success) return res.status(400).json(result.error);
            req.body = result.data;
            next();
          };`,
        'src/app.ts': ts`
          import express from 'express';
          import { validate } from './validate';
          import { NewUser } from './schemas';
          const app = express();
          app.post('/users', validate(NewUser), (req, res) => res.status(201).json(req.body));`,
      },
      code: ts`
        import { z } from 'zod';
        const MAX_NAME = 200;
        export const NewUser = z.object({ name: z.string().max(MAX_NAME), tags: z.array(z.string()).max(10) }).strict();`,
      errors: [{ messageId: 'codeLooser', line: 3, text: 'MAX_NAME' }],
    },
    {
      name: 'Nest DTO without @MaxLength: the fix adds the decorator and its import',
      filename: 'src/new-user.dto.ts',
      files: { 'openapi.yaml': boundedSpec, ...nestFiles('{ whitelist: true, forbidNonWhitelisted: true }') },
      code: dto('@IsString()'),
      errors: [{
        messageId: 'codeMissingLimit',
        line: 4,
        text: 'name',
        suggestions: [dto('@MaxLength(100)\n    @IsString()')],
      }],
    },
  ],
});
