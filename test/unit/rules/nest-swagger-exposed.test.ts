import * as assert from 'assert';
import rule from '../../../server/src/engine/rules/code/nest-swagger-exposed';
import { lint, ruleTester } from '../../rule-tester';
import { applyFix, ts } from '../../helpers';

const main = (body: string) => ts`
  import { NestFactory } from '@nestjs/core';
  import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
  import basicAuth from 'express-basic-auth';
  import { AppModule } from './app.module';

  async function bootstrap() {
    const app = await NestFactory.create(AppModule);
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    ${body}
    await app.listen(3000);
  }
  bootstrap();
`;

const exposed = main("SwaggerModule.setup('docs', app, document);");

ruleTester(rule, {
  valid: [
    { name: 'only outside production', filename: 'src/main.ts', code: main("if (process.env.NODE_ENV !== 'production') {\n  SwaggerModule.setup('docs', app, document);\n}") },
    {
      name: 'behind basic auth on the docs paths',
      filename: 'src/main.ts',
      code: main("app.use(['/docs', '/docs-json'], basicAuth({ users: { admin: process.env.DOCS_PASSWORD as string }, challenge: true }));\nSwaggerModule.setup('docs', app, document);"),
    },
    {
      name: 'a setup helper called only in development',
      filename: 'src/main.ts',
      code: main("if (config.isDevelopment) setupDocs(app);") + ts`
        function setupDocs(app: INestApplication) {
          SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, new DocumentBuilder().build()));
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'served unconditionally; the fix adds an environment check',
      filename: 'src/main.ts',
      code: exposed,
      errors: [{
        messageId: 'exposed',
        line: 9,
        text: "SwaggerModule.setup('docs', app, document)",
        suggestions: [main("if (process.env.NODE_ENV !== 'production') {\n      SwaggerModule.setup('docs', app, document);\n    }")],
      }],
    },
  ],
});

describe('nest-swagger-exposed: re-analysis after the fix', () => {
  it('the fixed bootstrap is not reported', async () => {
    const first = await lint(rule, { code: exposed, filename: 'src/main.ts' });
    const fixed = applyFix(exposed, first.findings[0].suggestions![0], first.file);
    assert.deepStrictEqual((await lint(rule, { code: fixed, filename: 'src/main.ts' })).findings, []);
  });
});
