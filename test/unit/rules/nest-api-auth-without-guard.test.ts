import rule from '../../../server/src/engine/rules/code/nest-api-auth-without-guard';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const jwtGuard = ts`
  import { Injectable } from '@nestjs/common';
  import { AuthGuard } from '@nestjs/passport';

  @Injectable()
  export class JwtAuthGuard extends AuthGuard('jwt') {}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'documented and guarded',
      filename: 'src/orders.controller.ts',
      code: ts`
        import { Controller, Get, UseGuards } from '@nestjs/common';
        import { ApiBearerAuth } from '@nestjs/swagger';
        import { JwtAuthGuard } from './jwt-auth.guard';

        @ApiBearerAuth()
        @UseGuards(JwtAuthGuard)
        @Controller('orders')
        export class OrdersController {
          @Get()
          list() {
            return [];
          }
        }
      `,
      files: { 'src/jwt-auth.guard.ts': jwtGuard },
    },
    {
      name: 'a composed decorator that documents and guards',
      filename: 'src/orders.controller.ts',
      code: ts`
        import { applyDecorators, Controller, Get, UseGuards } from '@nestjs/common';
        import { ApiBearerAuth } from '@nestjs/swagger';
        import { JwtAuthGuard } from './jwt-auth.guard';

        const Auth = () => applyDecorators(ApiBearerAuth(), UseGuards(JwtAuthGuard));

        @Controller('orders')
        export class OrdersController {
          @Auth()
          @Get()
          list() {
            return [];
          }
        }
      `,
      files: { 'src/jwt-auth.guard.ts': jwtGuard },
    },
    {
      name: 'an open route without auth documentation is another rule\'s concern',
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
    },
  ],
  invalid: [
    {
      name: '@ApiBearerAuth on a handler no guard protects; the fix adds the project guard',
      filename: 'src/invoices.controller.ts',
      code: ts`
        import { Controller, Get } from '@nestjs/common';
        import { ApiBearerAuth } from '@nestjs/swagger';

        @Controller('invoices')
        export class InvoicesController {
          @ApiBearerAuth()
          @Get()
          list() {
            return [];
          }
        }
      `,
      files: {
        'src/jwt-auth.guard.ts': jwtGuard,
        'src/orders.controller.ts': ts`
          import { Controller, Get, UseGuards } from '@nestjs/common';
          import { JwtAuthGuard } from './jwt-auth.guard';

          @UseGuards(JwtAuthGuard)
          @Controller('orders')
          export class OrdersController {
            @Get()
            list() {
              return [];
            }
          }
        `,
      },
      errors: [{
        messageId: 'undocumentedEnforcement',
        line: 6,
        text: '@ApiBearerAuth()',
        suggestions: [
          ts`
            import { Controller, Get, UseGuards } from '@nestjs/common';
            import { ApiBearerAuth } from '@nestjs/swagger';
            import { JwtAuthGuard } from './jwt-auth.guard';

            @Controller('invoices')
            export class InvoicesController {
              @UseGuards(JwtAuthGuard)
              @ApiBearerAuth()
              @Get()
              list() {
                return [];
              }
            }
          `,
          ts`
            import { Controller, Get, UseGuards } from '@nestjs/common';
            import { ApiBearerAuth } from '@nestjs/swagger';
            import { JwtAuthGuard } from './jwt-auth.guard';

            @UseGuards(JwtAuthGuard)
            @Controller('invoices')
            export class InvoicesController {
              @ApiBearerAuth()
              @Get()
              list() {
                return [];
              }
            }
          `,
        ],
      }],
    },
    {
      name: '@ApiSecurity on the controller, and a guard that always allows',
      filename: 'src/reports.controller.ts',
      code: ts`
        import { CanActivate, Controller, Get, Injectable, UseGuards } from '@nestjs/common';
        import { ApiSecurity } from '@nestjs/swagger';

        @Injectable()
        class ApiKeyGuard implements CanActivate {
          canActivate() {
            return true;
          }
        }

        @ApiSecurity('api-key')
        @UseGuards(ApiKeyGuard)
        @Controller('reports')
        export class ReportsController {
          @Get()
          list() {
            return [];
          }

          @Get('daily')
          daily() {
            return [];
          }
        }
      `,
      errors: [{ messageId: 'undocumentedEnforcement', line: 11, text: "@ApiSecurity('api-key')" }],
    },
  ],
});
