import rule from '../../../server/src/engine/rules/workspace/drift-body-not-whitelisted';
import { ruleTester } from '../../rule-tester';
import { ts, yaml } from '../../helpers';

const closedSpec = yaml`
  openapi: 3.0.3
  info: { title: shop, version: '1' }
  paths:
    /users:
      post:
        requestBody:
          content:
            application/json:
              schema:
                type: object
                additionalProperties: false
                properties:
                  name: { type: string, maxLength: 100 }
        responses: { '201': { description: created } }`;

const readOnlySpec = yaml`
  openapi: 3.0.3
  info: { title: shop, version: '1' }
  paths:
    /users/{id}:
      put:
        parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
        requestBody:
          content:
            application/json:
              schema: { $ref: '#/components/schemas/User' }
        responses: { '200': { description: ok } }
  components:
    schemas:
      User:
        type: object
        properties:
          id: { type: string, readOnly: true }
          role: { type: string, readOnly: true }
          name: { type: string }`;

const openSpec = closedSpec.replace(/ +additionalProperties: false\n/, '');

const createWhole = ts`
  import express from 'express';
  import { User } from './models';
  const app = express();
  app.post('/users', async (req, res) => {
    const user = await User.create(req.body);
    res.status(201).json(user);
  });`;

const passthroughApp = ts`
  import express from 'express';
  import { z } from 'zod';
  import { User } from './models';
  const app = express();
  const NewUser = z.object({ name: z.string().max(100) }).passthrough();
  app.post('/users', async (req, res) => {
    NewUser.parse(req.body);
    res.status(201).json(await User.create({ ...req.body }));
  });`;

const strictReadOnlyApp = ts`
  import express from 'express';
  import { z } from 'zod';
  import { User } from './models';
  const app = express();
  const UserInput = z.object({ name: z.string(), role: z.string().optional() }).strict();
  app.put('/users/:id', async (req, res) => {
    UserInput.parse(req.body);
    const user = await User.findByPk(req.params.id);
    await user.update(req.body);
    res.json(user);
  });`;

const nestController = (param: string) => ts`
  import { Body, Controller, Param, Put } from '@nestjs/common';
  import { UserDto } from './user.dto';
  import { UserRepository } from './user.repository';
  @Controller('users')
  export class UsersController {
    constructor(private readonly usersRepository: UserRepository) {}
    @Put(':id')
    update(@Param('id') id: string, ${param}) {
      return this.usersRepository.update(id, body);
    }
  }`;

const nestFiles = (pipe: string) => ({
  'openapi.yaml': readOnlySpec,
  'src/user.dto.ts': ts`
    import { IsString } from 'class-validator';
    export class UserDto {
      @IsString() name: string;
    }`,
  'src/user.repository.ts': ts`
    import { Repository } from 'typeorm';
    export class UserRepository extends Repository<any> {}`,
  'src/main.ts': ts`
    import { NestFactory } from '@nestjs/core';
    import { ValidationPipe } from '@nestjs/common';
    import { AppModule } from './app.module';
    async function bootstrap() {
      const app = await NestFactory.create(AppModule);
      ${pipe}
      await app.listen(3000);
    }
    bootstrap();`,
  'src/app.module.ts': ts`
    import { Module } from '@nestjs/common';
    import { UsersController } from './users.controller';
    @Module({ controllers: [UsersController] })
    export class AppModule {}`,
});

ruleTester(rule, {
  valid: [
    {
      name: 'the spec body is open and has no readOnly property: nothing promised',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': openSpec },
      code: createWhole,
    },
    {
      name: 'the code picks the fields it writes',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': closedSpec },
      code: ts`
        import express from 'express';
        import { User } from './models';
        const app = express();
        app.post('/users', async (req, res) => {
          const user = await User.create({ name: req.body.name });
          res.status(201).json(user);
        });`,
    },
    {
      name: 'a strict zod schema parsed before the write rejects undeclared properties',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': closedSpec },
      code: ts`
        import express from 'express';
        import { z } from 'zod';
        import { User } from './models';
        const app = express();
        const NewUser = z.object({ name: z.string().max(100) }).strict();
        app.post('/users', async (req, res) => {
          NewUser.parse(req.body);
          const user = await User.create(req.body);
          res.status(201).json(user);
        });`,
    },
    {
      name: 'Nest: a whitelisting ValidationPipe strips id and role (the DTO does not declare them)',
      filename: 'src/users.controller.ts',
      files: nestFiles('app.useGlobalPipes(new ValidationPipe({ whitelist: true }));'),
      code: nestController('@Body() body: UserDto'),
    },
    {
      name: 'a validate() middleware replaces req.body with the zod result, which drops undeclared properties',
      filename: 'src/app.ts',
      files: {
        'openapi.yaml': closedSpec,
        'src/validate.ts': ts`
          export const validate = (schema: any) => (req: any, res: any, next: any) => {
            const result = schema.safeParse(req.body);
            if (!result.success) return res.status(400).json(result.error);
            req.body = result.data;
            next();
          };`,
      },
      code: ts`
        import express from 'express';
        import { z } from 'zod';
        import { validate } from './validate';
        import { User } from './models';
        const app = express();
        app.post('/users', validate(z.object({ name: z.string().max(100) })), async (req, res) => {
          res.status(201).json(await User.create(req.body));
        });`,
    },
  ],
  invalid: [
    {
      name: 'a strict zod schema that declares the readOnly role still lets a client set it',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': readOnlySpec },
      code: strictReadOnlyApp,
      errors: [{ messageId: 'readOnlyFields', line: 6, text: "'/users/:id'", suggestions: [strictReadOnlyApp.replace('user.update(req.body)', 'user.update({ name: req.body.name })')] }],
    },
    {
      name: 'closed spec body, the code creates the user from the whole body',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': closedSpec },
      code: createWhole,
      errors: [{ messageId: 'closedSchema', line: 4, text: "'/users'", suggestions: [createWhole.replace('User.create(req.body)', 'User.create({ name: req.body.name })')] }],
    },
    {
      name: 'a zod schema that only validates (passthrough) does not close the body',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': closedSpec },
      code: passthroughApp,
      errors: [{ messageId: 'closedSchema', line: 6, suggestions: [passthroughApp.replace('{ ...req.body }', '{ name: req.body.name }')] }],
    },
    {
      name: 'Nest: readOnly id and role in the spec, ValidationPipe without whitelist, the DTO body written whole',
      filename: 'src/users.controller.ts',
      files: nestFiles('app.useGlobalPipes(new ValidationPipe());'),
      code: nestController('@Body() body: UserDto'),
      errors: [{ messageId: 'readOnlyFields', line: 7, text: "@Put(':id')", suggestions: [nestController('@Body() body: UserDto').replace('update(id, body)', 'update(id, { name: body.name })')] }],
    },
  ],
});
