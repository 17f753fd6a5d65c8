import rule from '../../../server/src/engine/rules/code/nest-request-body-not-whitelisted';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const dto = ts`
  import { IsString } from 'class-validator';

  export class CreateUserDto {
    @IsString()
    name!: string;
  }
`;

const controller = ts`
  import { Body, Controller, Post } from '@nestjs/common';
  import { CreateUserDto } from './create-user.dto';

  @Controller('users')
  export class UsersController {
    @Post()
    create(@Body() body: CreateUserDto) {
      return body;
    }
  }
`;

const appModule = ts`
  import { Module } from '@nestjs/common';
  import { UsersController } from './users.controller';

  @Module({ controllers: [UsersController] })
  export class AppModule {}
`;

const main = (setup: string) => ts`
  import { NestFactory } from '@nestjs/core';
  import { ValidationPipe } from '@nestjs/common';
  import { AppModule } from './app.module';

  async function bootstrap() {
    const app = await NestFactory.create(AppModule);
    ${setup}
    await app.listen(3000);
  }
  bootstrap();
`;

const project = { 'src/users.controller.ts': controller, 'src/create-user.dto.ts': dto, 'src/app.module.ts': appModule };

ruleTester(rule, {
  valid: [
    {
      name: 'a global ValidationPipe with whitelist',
      filename: 'src/main.ts',
      code: main('app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));'),
      files: project,
    },
    {
      name: 'APP_PIPE with whitelist, from a module',
      filename: 'src/users.controller.ts',
      code: controller,
      files: {
        'src/create-user.dto.ts': dto,
        'src/app.module.ts': ts`
          import { Module, ValidationPipe } from '@nestjs/common';
          import { APP_PIPE } from '@nestjs/core';
          import { UsersController } from './users.controller';

          @Module({ controllers: [UsersController], providers: [{ provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true }) }] })
          export class AppModule {}
        `,
      },
    },
    {
      name: 'a parameter pipe with whitelist; a keyed @Body("name") is not a whole body',
      filename: 'src/users.controller.ts',
      code: ts`
        import { Body, Controller, Patch, Post, ValidationPipe } from '@nestjs/common';
        import { CreateUserDto } from './create-user.dto';

        @Controller('users')
        export class UsersController {
          @Post()
          create(@Body(new ValidationPipe({ whitelist: true })) body: CreateUserDto) {
            return body;
          }

          @Patch('name')
          rename(@Body('name') name: string) {
            return name;
          }
        }
      `,
      files: { 'src/create-user.dto.ts': dto },
    },
    {
      name: 'options we cannot read are not reported',
      filename: 'src/main.ts',
      code: main('app.useGlobalPipes(new ValidationPipe(validationOptions()));'),
      files: project,
    },
  ],
  invalid: [
    {
      name: 'a ValidationPipe without whitelist: the fix adds whitelist and forbidNonWhitelisted',
      filename: 'src/main.ts',
      code: main('app.useGlobalPipes(new ValidationPipe({ transform: true }));'),
      files: project,
      errors: [{
        messageId: 'noWhitelist',
        line: 7,
        text: 'new ValidationPipe({ transform: true })',
        suggestions: [main('app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }));')],
      }],
    },
    {
      name: 'whitelist: false is turned on',
      filename: 'src/main.ts',
      code: main('app.useGlobalPipes(new ValidationPipe({ whitelist: false }));'),
      files: project,
      errors: [{ messageId: 'noWhitelist', suggestions: [main('app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));')] }],
    },
    {
      name: 'new ValidationPipe() with no options',
      filename: 'src/main.ts',
      code: main('app.useGlobalPipes(new ValidationPipe());'),
      files: project,
      errors: [{ messageId: 'noWhitelist', suggestions: [main('app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));')] }],
    },
    {
      name: 'no ValidationPipe at all: reported on NestFactory.create, the fix adds a global one',
      filename: 'src/main.ts',
      code: main('app.enableShutdownHooks();'),
      files: project,
      errors: [{
        messageId: 'noPipe',
        line: 6,
        text: 'NestFactory.create(AppModule)',
        suggestions: [ts`
          import { NestFactory } from '@nestjs/core';
          import { ValidationPipe } from '@nestjs/common';
          import { AppModule } from './app.module';

          async function bootstrap() {
            const app = await NestFactory.create(AppModule);
            app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
            app.enableShutdownHooks();
            await app.listen(3000);
          }
          bootstrap();
        `],
      }],
    },
    {
      name: 'bodies typed any, an interface or an entity cannot be whitelisted',
      filename: 'src/users.controller.ts',
      code: ts`
        import { Body, Controller, Post, Put, Patch } from '@nestjs/common';
        import { User } from './user.entity';

        interface UpdateUser {
          name: string;
        }

        @Controller('users')
        export class UsersController {
          @Post()
          create(@Body() body: any) {
            return body;
          }

          @Put(':id')
          replace(@Body() user: User) {
            return user;
          }

          @Patch(':id')
          update(@Body() changes: UpdateUser) {
            return changes;
          }
        }
      `,
      files: {
        'src/user.entity.ts': ts`
          import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

          @Entity()
          export class User {
            @PrimaryGeneratedColumn()
            id!: number;

            @Column()
            role!: string;
          }
        `,
      },
      errors: [
        { messageId: 'untypedBody', line: 11, text: 'any' },
        { messageId: 'entityBody', line: 16, text: 'User' },
        { messageId: 'untypedBody', line: 21, text: 'UpdateUser' },
      ],
    },
  ],
});
