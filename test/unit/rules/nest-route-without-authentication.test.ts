/**
 * route-without-authentication on NestJS code: the decision comes from the Nest guard model
 * (APP_GUARD, useGlobalGuards, @UseGuards, composed decorators, Reflector opt-outs, middleware),
 * and the quick fixes add the project's own guard (or composed decorator) with its import.
 * Each fix is applied and the result re-analysed.
 */
import * as assert from 'assert';
import rule from '../../../server/src/engine/rules/code/route-without-authentication';
import { lint, ruleTester } from '../../rule-tester';
import { applyFix, ts } from '../../helpers';

const jwtGuard = ts`
  import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
  import { JwtService } from '@nestjs/jwt';

  @Injectable()
  export class JwtAuthGuard implements CanActivate {
    constructor(private jwt: JwtService) {}

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const request = context.switchToHttp().getRequest();
      const token = request.headers.authorization?.split(' ')[1];
      if (!token) throw new UnauthorizedException();
      request.user = await this.jwt.verifyAsync(token);
      return true;
    }
  }
`;

const publicGuard = ts`
  import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
  import { Reflector } from '@nestjs/core';
  import { AuthGuard } from '@nestjs/passport';

  export const IS_PUBLIC_KEY = 'isPublic';
  export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

  @Injectable()
  export class JwtAuthGuard extends AuthGuard('jwt') {
    constructor(private reflector: Reflector) {
      super();
    }

    canActivate(context: ExecutionContext) {
      if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
      return super.canActivate(context);
    }
  }
`;

const appModule = (guard: string) => ts`
  import { Module } from '@nestjs/common';
  import { APP_GUARD } from '@nestjs/core';
  import { ${guard} } from './auth/jwt-auth.guard';
  import { OrdersController } from './orders.controller';

  @Module({ controllers: [OrdersController], providers: [{ provide: APP_GUARD, useClass: ${guard} }] })
  export class AppModule {}
`;

const guardedOrders = ts`
  import { Controller, Get, UseGuards } from '@nestjs/common';
  import { JwtAuthGuard } from './auth/jwt-auth.guard';

  @Controller('orders')
  export class OrdersController {
    @UseGuards(JwtAuthGuard)
    @Get()
    list() {
      return [];
    }
  }
`;

const invoices = ts`
  import { Controller, Get, Param } from '@nestjs/common';

  @Controller('invoices')
  export class InvoicesController {
    @Get(':id')
    findOne(@Param('id') id: string) {
      return id;
    }
  }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a global APP_GUARD protects a controller with no guard of its own',
      filename: 'src/orders.controller.ts',
      code: ts`
        import { Controller, Get } from '@nestjs/common';

        @Controller('orders')
        export class OrdersController {
          @Get()
          list() {
            return [];
          }
        }
      `,
      files: { 'src/auth/jwt-auth.guard.ts': jwtGuard, 'src/app.module.ts': appModule('JwtAuthGuard') },
    },
    {
      name: '@Public() opts out of a global guard that reads it: public by design',
      filename: 'src/orders.controller.ts',
      code: ts`
        import { Controller, Get } from '@nestjs/common';
        import { Public } from './auth/jwt-auth.guard';

        @Controller('orders')
        export class OrdersController {
          @Public()
          @Get('catalog')
          catalog() {
            return [];
          }
        }
      `,
      files: { 'src/auth/jwt-auth.guard.ts': publicGuard, 'src/app.module.ts': appModule('JwtAuthGuard') },
    },
    {
      name: 'a guard attached through a composed decorator from another file',
      filename: 'src/orders.controller.ts',
      code: ts`
        import { Controller, Delete, Param } from '@nestjs/common';
        import { Auth } from './auth/auth.decorator';

        @Controller('orders')
        export class OrdersController {
          @Auth()
          @Delete(':id')
          remove(@Param('id') id: string) {
            return id;
          }
        }
      `,
      files: {
        'src/auth/jwt-auth.guard.ts': jwtGuard,
        'src/auth/auth.decorator.ts': ts`
          import { applyDecorators, UseGuards } from '@nestjs/common';
          import { ApiBearerAuth } from '@nestjs/swagger';
          import { JwtAuthGuard } from './jwt-auth.guard';

          export const Auth = () => applyDecorators(UseGuards(JwtAuthGuard), ApiBearerAuth());
        `,
      },
    },
    {
      name: 'the Nest docs guard: canActivate returns validateRequest(request) from another file',
      filename: 'src/orders.controller.ts',
      code: ts`
        import { CanActivate, Controller, ExecutionContext, Get, Injectable, UseGuards } from '@nestjs/common';
        import { validateRequest } from './auth/validate';

        @Injectable()
        class AuthGuard implements CanActivate {
          canActivate(context: ExecutionContext): boolean {
            const request = context.switchToHttp().getRequest();
            return validateRequest(request);
          }
        }

        @UseGuards(AuthGuard)
        @Controller('orders')
        export class OrdersController {
          @Get()
          list() {
            return [];
          }
        }
      `,
      files: {
        'src/auth/validate.ts': ts`
          import { verify } from 'jsonwebtoken';

          export function validateRequest(request: { headers: Record<string, string> }): boolean {
            const token = request.headers.authorization?.replace('Bearer ', '');
            if (!token) return false;
            verify(token, process.env.JWT_SECRET as string);
            return true;
          }
        `,
      },
    },
    {
      name: 'a guard that hands the request to a package function stays unknown',
      filename: 'src/orders.controller.ts',
      code: ts`
        import { CanActivate, Controller, ExecutionContext, Get, Injectable, UseGuards } from '@nestjs/common';
        import { check } from 'corp-sso';

        @Injectable()
        class SsoGuard implements CanActivate {
          canActivate(context: ExecutionContext) {
            return check(context.switchToHttp().getRequest());
          }
        }

        @UseGuards(SsoGuard)
        @Controller('orders')
        export class OrdersController {
          @Get()
          list() {
            return [];
          }
        }
      `,
    },
    {
      name: 'a guard we cannot read leaves the decision unknown: no finding',
      filename: 'src/orders.controller.ts',
      code: ts`
        import { Controller, Get, UseGuards } from '@nestjs/common';
        import { Gate } from 'corp-gatekeeper';

        @UseGuards(Gate)
        @Controller('orders')
        export class OrdersController {
          @Get()
          list() {
            return [];
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'no guard anywhere: the evidence says where Nest would have looked',
      filename: 'src/invoices.controller.ts',
      code: invoices,
      errors: [{ messageId: 'missing', line: 5, column: 3, text: "@Get(':id')", suggestions: [] }],
    },
    {
      name: 'a guard that always returns true is not protection',
      filename: 'src/reports.controller.ts',
      code: ts`
        import { CanActivate, Controller, Get, Injectable, UseGuards } from '@nestjs/common';

        @Injectable()
        class DevGuard implements CanActivate {
          canActivate() {
            return true;
          }
        }

        @UseGuards(DevGuard)
        @Controller('reports')
        export class ReportsController {
          @Get('daily')
          daily() {
            return [];
          }
        }
      `,
      errors: [{ messageId: 'missing', line: 13, text: "@Get('daily')" }],
    },
    {
      name: 'a guard a client header bypasses is not protection',
      filename: 'src/exports.controller.ts',
      code: ts`
        import { CanActivate, Controller, ExecutionContext, Get, Injectable, UnauthorizedException, UseGuards } from '@nestjs/common';

        @Injectable()
        class TokenGuard implements CanActivate {
          canActivate(context: ExecutionContext) {
            const req = context.switchToHttp().getRequest();
            if (req.headers['x-debug'] === '1') return true;
            if (!req.headers.authorization) throw new UnauthorizedException();
            return true;
          }
        }

        @Controller('exports')
        export class ExportsController {
          @UseGuards(TokenGuard)
          @Get()
          all() {
            return [];
          }
        }
      `,
      errors: [{ messageId: 'missing', line: 16, text: '@Get()' }],
    },
    {
      name: 'the quick fixes add the guard the project uses, with its import, to the handler or the controller',
      filename: 'src/invoices.controller.ts',
      code: invoices,
      files: { 'src/auth/jwt-auth.guard.ts': jwtGuard, 'src/orders.controller.ts': guardedOrders },
      errors: [{
        messageId: 'missing',
        line: 5,
        suggestions: [
          ts`
            import { Controller, Get, Param, UseGuards } from '@nestjs/common';
            import { JwtAuthGuard } from './auth/jwt-auth.guard';

            @Controller('invoices')
            export class InvoicesController {
              @UseGuards(JwtAuthGuard)
              @Get(':id')
              findOne(@Param('id') id: string) {
                return id;
              }
            }
          `,
          ts`
            import { Controller, Get, Param, UseGuards } from '@nestjs/common';
            import { JwtAuthGuard } from './auth/jwt-auth.guard';

            @UseGuards(JwtAuthGuard)
            @Controller('invoices')
            export class InvoicesController {
              @Get(':id')
              findOne(@Param('id') id: string) {
                return id;
              }
            }
          `,
        ],
      }],
    },
  ],
});

describe('route-without-authentication on Nest: evidence and re-analysis after the fix', () => {
  it('explains the missing guard the way Nest resolves it', async () => {
    const { findings } = await lint(rule, { code: invoices, filename: 'src/invoices.controller.ts' });
    assert.strictEqual(findings[0].message, "GET /invoices/{id} has no authentication: no guard: not under APP_GUARD, no @UseGuards on the class or the method, not in any forRoutes.");
  });

  it('applying a suggestion removes the finding', async () => {
    const files = { 'src/auth/jwt-auth.guard.ts': jwtGuard, 'src/orders.controller.ts': guardedOrders };
    const first = await lint(rule, { code: invoices, filename: 'src/invoices.controller.ts', files });
    for (const s of first.findings[0].suggestions ?? []) {
      const fixed = applyFix(invoices, s, first.file);
      const again = await lint(rule, { code: fixed, filename: 'src/invoices.controller.ts', files });
      assert.deepStrictEqual(again.findings, [], `still reported after "${s.title}"`);
    }
  });
});
