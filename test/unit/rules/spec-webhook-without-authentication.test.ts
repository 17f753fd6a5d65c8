import rule from '../../../server/src/engine/rules/openapi/spec-webhook-without-authentication';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'a signature header, a security requirement, a description of the signature',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths: {}
        webhooks:
          orderPaid:
            post:
              parameters:
                - { name: X-Signature-256, in: header, required: true, schema: { type: string } }
              responses: { '200': { description: ok } }
          orderShipped:
            post:
              security: [{ hookKey: [] }]
              responses: { '200': { description: ok } }
          refund:
            post:
              description: Each request carries an HMAC-SHA256 of the body, signed with your endpoint secret.
              responses: { '200': { description: ok } }
        components:
          securitySchemes:
            hookKey: { type: apiKey, in: header, name: X-Hook-Key }`,
    },
  ],
  invalid: [
    {
      name: '3.1 webhook and 3.0 callback without any',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /jobs:
            post:
              callbacks:
                done:
                  'https://example.com/done':
                    post:
                      responses: { '200': { description: ok } }
              responses: { '202': { description: ok } }
        webhooks:
          userCreated:
            post:
              responses: { '200': { description: ok } }`,
      errors: [
        { messageId: 'unverifiable', line: 9, text: 'post' },
        { messageId: 'unverifiable', line: 14, text: 'post' },
      ],
    },
    {
      name: 'x-webhooks in OpenAPI 3.0',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths: {}
        x-webhooks:
          ping:
            post:
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'unverifiable', line: 6, text: 'post' }],
    },
    {
      name: 'more than 25 unsigned webhooks: one summary',
      code: "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths: {}\nwebhooks:\n"
        + Array.from({ length: 26 }, (_, i) => `  event${i}:\n    post: { responses: { '200': { description: ok } } }\n`).join(''),
      errors: [{ messageId: 'documentUnverifiable', line: 6, text: 'post' }],
    },
  ],
});
