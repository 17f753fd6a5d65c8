/**
 * auth-route-without-rate-limit on NestJS: @nestjs/throttler's ThrottlerGuard (APP_GUARD or
 * @UseGuards) and @SkipThrottle decide, and the suggestions add the guard with a strict
 * @Throttle or remove the @SkipThrottle. Each fix is applied and re-analysed.
 */
import * as assert from 'assert';
import rule from '../../../server/src/engine/rules/code/auth-route-without-rate-limit';
import { lint, ruleTester } from '../../rule-tester';
import { applyFix, ts } from '../../helpers';

const moduleWith = (providers: string) => ts`
  import { Module } from '@nestjs/common';
  import { APP_GUARD } from '@nestjs/core';
  import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
  import { AuthController } from './auth.controller';

  @Module({
    imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 100 }])],
    controllers: [AuthController],
    providers: [${providers}],
  })
  export class AppModule {}
`;

const login = ts`
  import { Body, Controller, Post } from '@nestjs/common';

  @Controller('auth')
  export class AuthController {
    @Post('login')
    login(@Body() body: { email: string; password: string }) {
      return body.email;
    }
  }
`;

const skipped = ts`
  import { Body, Controller, Post } from '@nestjs/common';
  import { SkipThrottle } from '@nestjs/throttler';

  @Controller('auth')
  export class AuthController {
    @SkipThrottle()
    @Post('login')
    login(@Body() body: { email: string; password: string }) {
      return body.email;
    }
  }
`;

const addedGuard = ts`
  import { Body, Controller, Post, UseGuards } from '@nestjs/common';
  import { Throttle, ThrottlerGuard } from '@nestjs/throttler';

  @Controller('auth')
  export class AuthController {
    @UseGuards(ThrottlerGuard)
    @Throttle({ default: { limit: 5, ttl: 60000 } })
    @Post('login')
    login(@Body() body: { email: string; password: string }) {
      return body.email;
    }
  }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'ThrottlerGuard as APP_GUARD covers login',
      filename: 'src/auth.controller.ts',
      code: login,
      files: { 'src/app.module.ts': moduleWith('{ provide: APP_GUARD, useClass: ThrottlerGuard }') },
    },
    {
      name: 'ThrottlerGuard with @Throttle on the handler',
      filename: 'src/auth.controller.ts',
      code: addedGuard,
      files: { 'src/app.module.ts': moduleWith('') },
    },
  ],
  invalid: [
    {
      name: 'ThrottlerModule is set up but no guard applies: add the guard and a strict limit',
      filename: 'src/auth.controller.ts',
      code: login,
      files: { 'src/app.module.ts': moduleWith('') },
      errors: [{ messageId: 'noLimit', line: 5, text: "@Post('login')", suggestions: [addedGuard] }],
    },
    {
      name: '@SkipThrottle() on login under a global ThrottlerGuard: remove it',
      filename: 'src/auth.controller.ts',
      code: skipped,
      files: { 'src/app.module.ts': moduleWith('{ provide: APP_GUARD, useClass: ThrottlerGuard }') },
      errors: [{ messageId: 'noLimit', line: 7, suggestions: [skipped.replace('  @SkipThrottle()\n', '')] }],
    },
    {
      name: 'no @nestjs/throttler at all: reported without a Nest fix',
      filename: 'src/auth.controller.ts',
      code: login.replace("'login'", "'password-reset'"),
      errors: [{ messageId: 'noLimit', line: 5 }],
    },
  ],
});

describe('auth-route-without-rate-limit on Nest: evidence and re-analysis', () => {
  it('says which ThrottlerGuard @SkipThrottle turns off', async () => {
    const { findings } = await lint(rule, { code: skipped, filename: 'src/auth.controller.ts', files: { 'src/app.module.ts': moduleWith('{ provide: APP_GUARD, useClass: ThrottlerGuard }') } });
    assert.match(findings[0].message, /@SkipThrottle\(\) turns off ThrottlerGuard \(APP_GUARD in AppModule/);
  });

  it('each suggestion, applied, removes the finding', async () => {
    for (const [code, providers] of [[login, ''], [skipped, '{ provide: APP_GUARD, useClass: ThrottlerGuard }']] as const) {
      const files = { 'src/app.module.ts': moduleWith(providers) };
      const first = await lint(rule, { code, filename: 'src/auth.controller.ts', files });
      assert.strictEqual(first.findings.length, 1);
      const fixed = applyFix(code, first.findings[0].suggestions![0], first.file);
      const again = await lint(rule, { code: fixed, filename: 'src/auth.controller.ts', files });
      assert.deepStrictEqual(again.findings, []);
    }
  });
});
