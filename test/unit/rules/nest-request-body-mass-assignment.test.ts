/**
 * request-body-mass-assignment on NestJS: @Body() parameters written whole (save, Object.assign,
 * spreads), followed into services; a ValidationPipe with whitelist: true on a DTO class is the
 * Nest way of picking fields and keeps the rule quiet.
 */
import rule from '../../../server/src/engine/rules/code/request-body-mass-assignment';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const main = (pipe: string) => ts`
  import { NestFactory } from '@nestjs/core';
  import { ValidationPipe } from '@nestjs/common';
  import { AppModule } from './app.module';

  async function bootstrap() {
    const app = await NestFactory.create(AppModule);
    app.useGlobalPipes(${pipe});
    await app.listen(3000);
  }
  bootstrap();
`;

const appModule = ts`
  import { Module } from '@nestjs/common';
  import { UsersController } from './users.controller';

  @Module({ controllers: [UsersController] })
  export class AppModule {}
`;

const controller = ts`
  import { Body, Controller, Param, Patch, Post } from '@nestjs/common';
  import { InjectRepository } from '@nestjs/typeorm';
  import { Repository } from 'typeorm';
  import { IsString } from 'class-validator';
  import { User } from './user.entity';

  class UpdateUserDto {
    @IsString()
    name!: string;
  }

  @Controller('users')
  export class UsersController {
    constructor(@InjectRepository(User) private readonly usersRepository: Repository<User>) {}

    @Post()
    create(@Body() dto: UpdateUserDto) {
      return this.usersRepository.save(dto);
    }

    @Patch(':id')
    async update(@Param('id') id: string, @Body() dto: UpdateUserDto) {
      const user = await this.usersRepository.findOneBy({ id });
      Object.assign(user!, dto);
      return this.usersRepository.save(user!);
    }
  }
`;

const entity = ts`
  import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

  @Entity()
  export class User {
    @PrimaryGeneratedColumn('uuid')
    id!: string;

    @Column()
    role!: string;
  }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'DTO bodies behind a global ValidationPipe with whitelist: only declared properties survive',
      filename: 'src/users.controller.ts',
      code: controller,
      files: { 'src/main.ts': main('new ValidationPipe({ whitelist: true })'), 'src/app.module.ts': appModule, 'src/user.entity.ts': entity },
    },
    {
      name: 'fields picked from the body',
      filename: 'src/users.controller.ts',
      code: ts`
        import { Body, Controller, Post } from '@nestjs/common';
        import { InjectRepository } from '@nestjs/typeorm';
        import { Repository } from 'typeorm';
        import { User } from './user.entity';

        @Controller('users')
        export class UsersController {
          constructor(@InjectRepository(User) private readonly usersRepository: Repository<User>) {}

          @Post()
          create(@Body() body: { name: string }) {
            return this.usersRepository.save({ name: body.name });
          }
        }
      `,
      files: { 'src/user.entity.ts': entity },
    },
  ],
  invalid: [
    {
      name: 'the same DTOs with a ValidationPipe that does not whitelist',
      filename: 'src/users.controller.ts',
      code: controller,
      files: { 'src/main.ts': main('new ValidationPipe({ transform: true })'), 'src/app.module.ts': appModule, 'src/user.entity.ts': entity },
      errors: [
        { messageId: 'wholeBody', line: 18, text: 'dto' },
        { messageId: 'wholeBody', line: 24, text: 'dto' },
      ],
    },
    {
      name: 'the body spread into a create in a service',
      filename: 'src/users.service.ts',
      code: ts`
        import { Injectable } from '@nestjs/common';
        import { PrismaService } from './prisma.service';

        @Injectable()
        export class UsersService {
          constructor(private readonly prisma: PrismaService) {}

          create(input: Record<string, unknown>) {
            return this.prisma.user.create({ data: { ...input, createdBy: 'api' } });
          }
        }
      `,
      files: {
        'src/prisma.service.ts': ts`
          import { Injectable } from '@nestjs/common';
          import { PrismaClient } from '@prisma/client';

          @Injectable()
          export class PrismaService extends PrismaClient {}
        `,
        'src/users.controller.ts': ts`
          import { Body, Controller, Post } from '@nestjs/common';
          import { UsersService } from './users.service';

          @Controller('users')
          export class UsersController {
            constructor(private readonly users: UsersService) {}

            @Post()
            create(@Body() body: Record<string, unknown>) {
              return this.users.create(body);
            }
          }
        `,
      },
      errors: [{ messageId: 'spreadBody', line: 9 }],
    },
  ],
});
