/**
 * route-missing-role-check on NestJS: role guards that read @Roles metadata (globally or on the
 * class), role guards without metadata, mixins; a roles guard a header bypasses does not count;
 * the suggestion adds the project's @Roles(...) (and its guard when it does not run yet).
 */
import * as assert from 'assert';
import rule from '../../../server/src/engine/rules/code/route-missing-role-check';
import { lint, ruleTester } from '../../rule-tester';
import { applyFix, ts } from '../../helpers';

const roles = ts`
  import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
  import { Reflector } from '@nestjs/core';

  export enum Role {
    User = 'user',
    Admin = 'admin',
  }

  export const ROLES_KEY = 'roles';
  export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

  @Injectable()
  export class RolesGuard implements CanActivate {
    constructor(private reflector: Reflector) {}

    canActivate(context: ExecutionContext): boolean {
      const required = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, [context.getHandler(), context.getClass()]);
      if (!required) return true;
      const { user } = context.switchToHttp().getRequest();
      return required.some((r) => user.roles?.includes(r));
    }
  }
`;

const reports = ts`
  import { Controller, Get, UseGuards } from '@nestjs/common';
  import { AuthGuard } from '@nestjs/passport';
  import { Role, Roles, RolesGuard } from './roles';

  @UseGuards(AuthGuard('jwt'), RolesGuard)
  @Controller('reports')
  export class ReportsController {
    @Roles(Role.Admin)
    @Get('revenue')
    revenue() {
      return [];
    }
  }
`;

const adminUsers = ts`
  import { Controller, Delete, Param, UseGuards } from '@nestjs/common';
  import { AuthGuard } from '@nestjs/passport';

  @UseGuards(AuthGuard('jwt'))
  @Controller('admin/users')
  export class AdminUsersController {
    @Delete(':id')
    remove(@Param('id') id: string) {
      return id;
    }
  }
`;

const fixedAdminUsers = ts`
  import { Controller, Delete, Param, UseGuards } from '@nestjs/common';
  import { AuthGuard } from '@nestjs/passport';
  import { Role, Roles, RolesGuard } from './roles';

  @UseGuards(AuthGuard('jwt'))
  @Controller('admin/users')
  export class AdminUsersController {
    @UseGuards(RolesGuard)
    @Roles(Role.Admin)
    @Delete(':id')
    remove(@Param('id') id: string) {
      return id;
    }
  }
`;

ruleTester(rule, {
  valid: [
    {
      name: '@Roles read by a roles guard on the class',
      filename: 'src/admin.controller.ts',
      code: ts`
        import { Controller, Delete, Param, UseGuards } from '@nestjs/common';
        import { AuthGuard } from '@nestjs/passport';
        import { Role, Roles, RolesGuard } from './roles';

        @UseGuards(AuthGuard('jwt'), RolesGuard)
        @Controller('admin/users')
        export class AdminUsersController {
          @Roles(Role.Admin)
          @Delete(':id')
          remove(@Param('id') id: string) {
            return id;
          }
        }
      `,
      files: { 'src/roles.ts': roles },
    },
    {
      name: 'a role guard that needs no metadata',
      filename: 'src/admin.controller.ts',
      code: ts`
        import { CanActivate, Controller, Delete, ExecutionContext, Injectable, Param, UseGuards } from '@nestjs/common';
        import { AuthGuard } from '@nestjs/passport';

        @Injectable()
        class AdminGuard implements CanActivate {
          canActivate(context: ExecutionContext) {
            return context.switchToHttp().getRequest().user?.isAdmin === true;
          }
        }

        @UseGuards(AuthGuard('jwt'), AdminGuard)
        @Controller('admin/users')
        export class AdminUsersController {
          @Delete(':id')
          remove(@Param('id') id: string) {
            return id;
          }
        }
      `,
    },
    {
      name: 'a CASL policies guard (abilities checked through policy handlers)',
      filename: 'src/admin.controller.ts',
      code: ts`
        import { CanActivate, Controller, Delete, ExecutionContext, Injectable, Param, SetMetadata, UseGuards } from '@nestjs/common';
        import { Reflector } from '@nestjs/core';
        import { AuthGuard } from '@nestjs/passport';
        import { CaslAbilityFactory } from './casl-ability.factory';

        export const CheckPolicies = (...handlers: unknown[]) => SetMetadata('check_policy', handlers);

        @Injectable()
        class PoliciesGuard implements CanActivate {
          constructor(private reflector: Reflector, private caslAbilityFactory: CaslAbilityFactory) {}

          canActivate(context: ExecutionContext): boolean {
            const handlers = this.reflector.get<((a: unknown) => boolean)[]>('check_policy', context.getHandler()) || [];
            const { user } = context.switchToHttp().getRequest();
            const ability = this.caslAbilityFactory.createForUser(user);
            return handlers.every((h) => h(ability));
          }
        }

        @UseGuards(AuthGuard('jwt'), PoliciesGuard)
        @Controller('admin/users')
        export class AdminUsersController {
          @CheckPolicies((ability: { can(a: string, s: string): boolean }) => ability.can('delete', 'User'))
          @Delete(':id')
          remove(@Param('id') id: string) {
            return id;
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'an admin route with authentication only; the project has @Roles and RolesGuard elsewhere',
      filename: 'src/admin.controller.ts',
      code: adminUsers,
      files: { 'src/roles.ts': roles, 'src/reports.controller.ts': reports },
      errors: [{ messageId: 'noRoleCheck', line: 7, text: "@Delete(':id')", suggestions: [fixedAdminUsers] }],
    },
    {
      name: 'the roles guard runs but this handler has no @Roles: it lets everyone through',
      filename: 'src/admin.controller.ts',
      code: ts`
        import { Controller, Patch, Param, UseGuards } from '@nestjs/common';
        import { AuthGuard } from '@nestjs/passport';
        import { RolesGuard } from './roles';

        @UseGuards(AuthGuard('jwt'), RolesGuard)
        @Controller('users')
        export class UsersController {
          @Patch(':id/role')
          promote(@Param('id') id: string) {
            return id;
          }
        }
      `,
      files: { 'src/roles.ts': roles, 'src/reports.controller.ts': reports },
      errors: [{ messageId: 'noRoleCheck', line: 8 }],
    },
  ],
});

describe('route-missing-role-check on Nest: the @Roles fix, re-analysed', () => {
  it('applying the suggestion removes the finding', async () => {
    const files = { 'src/roles.ts': roles, 'src/reports.controller.ts': reports };
    const first = await lint(rule, { code: adminUsers, filename: 'src/admin.controller.ts', files });
    const fixed = applyFix(adminUsers, first.findings[0].suggestions![0], first.file);
    const again = await lint(rule, { code: fixed, filename: 'src/admin.controller.ts', files });
    assert.deepStrictEqual(again.findings, []);
  });
});
