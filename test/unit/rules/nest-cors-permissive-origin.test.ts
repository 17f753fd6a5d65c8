import rule from '../../../server/src/engine/rules/code/nest-cors-permissive-origin';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const main = (create: string, setup = '') => ts`
  import { NestFactory } from '@nestjs/core';
  import { AppModule } from './app.module';

  async function bootstrap() {
    const app = await NestFactory.create(${create});
    ${setup}
    await app.listen(3000);
  }
  bootstrap();
`;

ruleTester(rule, {
  valid: [
    { name: 'an explicit origin list with credentials', filename: 'src/main.ts', code: main('AppModule', "app.enableCors({ origin: ['https://app.example.com'], credentials: true });") },
    { name: 'any origin without credentials', filename: 'src/main.ts', code: main('AppModule', "app.enableCors({ origin: '*' });") },
    { name: 'cors: true (no credentials)', filename: 'src/main.ts', code: main('AppModule, { cors: true }') },
    {
      name: 'an origin callback that checks a list',
      filename: 'src/main.ts',
      code: main('AppModule', "app.enableCors({ origin: (origin, cb) => (ALLOWED.includes(origin) ? cb(null, true) : cb(new Error('no'))), credentials: true });"),
    },
  ],
  invalid: [
    {
      name: 'origin: true with credentials in enableCors',
      filename: 'src/main.ts',
      code: main('AppModule', 'app.enableCors({ origin: true, credentials: true });'),
      errors: [{
        messageId: 'reflectsAnyOrigin',
        line: 6,
        text: 'true',
        suggestions: [main('AppModule', "app.enableCors({ origin: ['https://app.example.com'], credentials: true });")],
      }],
    },
    {
      name: "'*' with credentials in NestFactory.create",
      filename: 'src/main.ts',
      code: main("AppModule, { cors: { origin: '*', credentials: true } }"),
      errors: [{ messageId: 'wildcardWithCredentials', line: 5, text: "'*'" }],
    },
    {
      name: 'a callback that accepts every origin',
      filename: 'src/main.ts',
      code: main('AppModule', 'app.enableCors({ origin: (origin, callback) => callback(null, true), credentials: true });'),
      errors: [{ messageId: 'reflectsAnyOrigin', line: 6 }],
    },
  ],
});
