import rule from '../../../server/src/engine/rules/code/nest-ineffective-guard';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const controller = (guard: string) => ts`
  import { Controller, Delete, Get, Param, UseGuards } from '@nestjs/common';
  import { ${guard} } from './guard';

  @UseGuards(${guard})
  @Controller('admin/users')
  export class AdminController {
    @Get()
    list() {
      return [];
    }

    @Delete(':id')
    remove(@Param('id') id: string) {
      return id;
    }
  }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a role guard that reads the user and metadata only',
      filename: 'src/guard.ts',
      code: ts`
        import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
        import { Reflector } from '@nestjs/core';

        @Injectable()
        export class RolesGuard implements CanActivate {
          constructor(private reflector: Reflector) {}

          canActivate(context: ExecutionContext): boolean {
            const roles = this.reflector.get<string[]>('roles', context.getHandler());
            if (!roles) return true;
            const { user } = context.switchToHttp().getRequest();
            return roles.includes(user?.role);
          }
        }
      `,
      files: { 'src/admin.controller.ts': controller('RolesGuard') },
    },
    {
      name: 'an API key compared with a server-side secret is not a bypass',
      filename: 'src/guard.ts',
      code: ts`
        import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';

        @Injectable()
        export class ApiKeyGuard implements CanActivate {
          canActivate(context: ExecutionContext): boolean {
            const req = context.switchToHttp().getRequest();
            if (req.headers['x-api-key'] === process.env.API_KEY) return true;
            throw new UnauthorizedException();
          }
        }
      `,
      files: { 'src/admin.controller.ts': controller('ApiKeyGuard') },
    },
    {
      name: 'a passport handleRequest that throws for a missing user',
      filename: 'src/guard.ts',
      code: ts`
        import { Injectable, UnauthorizedException } from '@nestjs/common';
        import { AuthGuard } from '@nestjs/passport';

        @Injectable()
        export class JwtAuthGuard extends AuthGuard('jwt') {
          handleRequest<T>(err: unknown, user: T): T {
            if (err || !user) throw err || new UnauthorizedException();
            return user;
          }
        }
      `,
      files: { 'src/admin.controller.ts': controller('JwtAuthGuard') },
    },
    {
      name: 'an unused weak guard, or an allow-all guard whose name promises nothing, is not reported',
      filename: 'src/guard.ts',
      code: ts`
        import { CanActivate, Injectable } from '@nestjs/common';

        @Injectable()
        export class RequestLogGuard implements CanActivate {
          canActivate() {
            return true;
          }
        }

        @Injectable()
        export class UnusedAuthGuard implements CanActivate {
          canActivate() {
            return true;
          }
        }
      `,
      files: { 'src/admin.controller.ts': controller('RequestLogGuard') },
    },
  ],
  invalid: [
    {
      name: 'a role guard a client header bypasses',
      filename: 'src/guard.ts',
      code: ts`
        import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';

        @Injectable()
        export class AdminGuard implements CanActivate {
          canActivate(context: ExecutionContext): boolean {
            const request = context.switchToHttp().getRequest();
            if (request.headers['x-admin-override']) return true;
            return request.user?.roles?.includes('admin');
          }
        }
      `,
      files: { 'src/admin.controller.ts': controller('AdminGuard') },
      errors: [{ messageId: 'bypass', line: 7, text: "request.headers['x-admin-override']" }],
    },
    {
      name: 'a query flag in the final return',
      filename: 'src/guard.ts',
      code: ts`
        import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';

        @Injectable()
        export class SessionGuard implements CanActivate {
          canActivate(context: ExecutionContext): boolean {
            const req = context.switchToHttp().getRequest();
            return req.query.debug === 'true' || !!req.session?.userId;
          }
        }
      `,
      files: { 'src/admin.controller.ts': controller('SessionGuard') },
      errors: [{ messageId: 'bypass', line: 7, text: "req.query.debug === 'true'" }],
    },
    {
      name: 'an auth guard that always allows',
      filename: 'src/guard.ts',
      code: ts`
        import { CanActivate, Injectable } from '@nestjs/common';

        @Injectable()
        export class AuthGuard implements CanActivate {
          canActivate(): boolean {
            // TODO: verify the token
            return true;
          }
        }
      `,
      files: { 'src/admin.controller.ts': controller('AuthGuard') },
      errors: [{ messageId: 'allowAll', line: 5, text: 'canActivate' }],
    },
    {
      name: 'a passport guard whose handleRequest accepts a missing user',
      filename: 'src/guard.ts',
      code: ts`
        import { Injectable } from '@nestjs/common';
        import { AuthGuard } from '@nestjs/passport';

        @Injectable()
        export class JwtAuthGuard extends AuthGuard('jwt') {
          handleRequest<T>(err: unknown, user: T): T {
            return user;
          }
        }
      `,
      files: { 'src/admin.controller.ts': controller('JwtAuthGuard') },
      errors: [{ messageId: 'optionalUser', line: 6, text: 'handleRequest' }],
    },
  ],
});
