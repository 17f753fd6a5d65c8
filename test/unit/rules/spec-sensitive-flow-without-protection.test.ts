import rule from '../../../server/src/engine/rules/openapi/spec-sensitive-flow-without-protection';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'flows with a 429, rate-limit headers, a CAPTCHA field or an extension',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /auth/login:
            post:
              responses:
                '200': { description: ok }
                '429': { description: slow down }
          /signup:
            post:
              requestBody:
                content:
                  application/json:
                    schema: { type: object, properties: { email: { type: string }, captchaToken: { type: string } } }
              responses: { '201': { description: ok } }
          /password-reset:
            post:
              responses:
                '202':
                  description: ok
                  headers:
                    X-RateLimit-Remaining: { schema: { type: integer } }
          /checkout:
            post:
              x-rate-limit: { limit: 10, window: 1m }
              responses: { '200': { description: ok } }
          /orders:
            post:
              responses: { '201': { description: ok } }`,
    },
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /v1/sessions:
            post:
              responses: { '201': { description: logged in } }
          /coupons/{code}/redeem:
            post:
              responses: { '200': { description: ok } }
          /otp/verify:
            post:
              responses: { '200': { description: ok } }
          /accounts/{id}/transfers:
            post:
              operationId: createTransfer
              responses: { '201': { description: ok } }`,
      errors: [
        { messageId: 'unprotected', line: 5, text: 'post' },
        { messageId: 'unprotected', line: 8, text: 'post' },
        { messageId: 'unprotected', line: 11, text: 'post' },
        { messageId: 'unprotected', line: 14, text: 'post' },
      ],
    },
    {
      name: 'Swagger 2 registration',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /users/register:
            post:
              responses: { '201': { description: ok } }`,
      errors: [{ messageId: 'unprotected', line: 5, text: 'post' }],
    },
    {
      name: 'more than 25 unprotected flows: one summary',
      code: "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n"
        + Array.from({ length: 26 }, (_, i) => `  /tenants/t${i}/login:\n    post: { responses: { '200': { description: ok } } }\n`).join(''),
      errors: [{ messageId: 'documentUnprotected', line: 5, text: 'post' }],
    },
  ],
});
