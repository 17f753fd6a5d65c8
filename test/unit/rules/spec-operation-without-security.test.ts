import rule from '../../../server/src/engine/rules/openapi/spec-operation-without-security';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

const schemes = `components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
    apiKey: { type: apiKey, in: header, name: X-Key }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'global security covers every operation',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        security: [{ bearer: [] }]
        paths:
          /orders:
            get:
              responses: { '200': { description: ok } }
      ` + schemes,
    },
    {
      name: 'security: [] is public by design',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /health:
            get:
              security: []
              responses: { '200': { description: ok } }
          /orders:
            get:
              security: [{ apiKey: [] }]
              responses: { '200': { description: ok } }
      ` + schemes,
    },
    {
      name: 'object-level operations are left to spec-object-level-without-security',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /orders/{id}:
            get:
              responses: { '200': { description: ok } }
          /orders:
            get:
              security: [{ bearer: [] }]
              responses: { '200': { description: ok } }
      ` + schemes,
    },
    {
      name: 'not an OpenAPI document',
      code: 'title: just some yaml\n',
    },
  ],
  invalid: [
    {
      name: 'a read without security, a write without security',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /orders/mine:
            get:
              responses: { '200': { description: ok } }
            delete:
              security: [{ bearer: [] }]
              responses: { '204': { description: gone } }
          /orders:
            post:
              responses: { '201': { description: created } }
      ` + schemes,
      errors: [
        {
          messageId: 'missing',
          line: 5,
          column: 5,
          text: 'get',
          suggestions: [
            yaml`
              openapi: 3.0.3
              info: { title: t, version: '1' }
              paths:
                /orders/mine:
                  get:
                    security:
                      - bearer: []
                    responses: { '200': { description: ok } }
                  delete:
                    security: [{ bearer: [] }]
                    responses: { '204': { description: gone } }
                /orders:
                  post:
                    responses: { '201': { description: created } }
            ` + schemes,
            yaml`
              openapi: 3.0.3
              info: { title: t, version: '1' }
              paths:
                /orders/mine:
                  get:
                    security:
                      - apiKey: []
                    responses: { '200': { description: ok } }
                  delete:
                    security: [{ bearer: [] }]
                    responses: { '204': { description: gone } }
                /orders:
                  post:
                    responses: { '201': { description: created } }
            ` + schemes,
          ],
        },
        { messageId: 'missingWrite', line: 11, column: 5, text: 'post' },
      ],
    },
    {
      name: 'a document with no security at all gets one summary',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
          /b: { post: { responses: { '200': { description: ok } } } }`,
      errors: [{ messageId: 'documentWithoutSecurity', line: 3, column: 1, text: 'paths' }],
    },
    {
      name: 'schemes defined but never required: still one summary',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        securityDefinitions:
          key: { type: apiKey, in: header, name: X-Key }
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
          /b/{id}: { delete: { responses: { '204': { description: gone } } } }`,
      errors: [{
        messageId: 'documentWithoutSecurity',
        line: 5,
        text: 'paths',
        suggestions: [yaml`
          swagger: '2.0'
          info: { title: t, version: '1' }
          securityDefinitions:
            key: { type: apiKey, in: header, name: X-Key }
          paths:
            /a: { get: { responses: { '200': { description: ok } } } }
            /b/{id}: { delete: { responses: { '204': { description: gone } } } }
          security:
            - key: []`],
      }],
    },
    {
      name: 'x-api-warden-ignore marks the finding suppressed',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /ping:
            get:
              x-api-warden-ignore: { spec-operation-without-security: served by the gateway }
              responses: { '200': { description: ok } }
          /orders:
            get:
              security: [{ bearer: [] }]
              responses: { '200': { description: ok } }
      ` + schemes,
      errors: [{ messageId: 'missing', line: 5, suppressed: true }],
    },
    {
      name: 'a comment directive marks the finding suppressed',
      yamlOnly: true,
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /ping:
            # api-warden-ignore-next-line spec-operation-without-security -- internal probe
            get:
              responses: { '200': { description: ok } }
          /orders:
            get:
              security: [{ bearer: [] }]
              responses: { '200': { description: ok } }
      ` + schemes,
      errors: [{ messageId: 'missing', line: 6, suppressed: true }],
    },
  ],
});
