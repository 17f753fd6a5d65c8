import rule from '../../../server/src/engine/rules/openapi/spec-object-level-without-security';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

const schemes = `components:
  securitySchemes:
    bearer: { type: http, scheme: bearer, bearerFormat: opaque }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'object-level operations covered by the root security',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        security: [{ bearer: [] }]
        paths:
          /orders/{id}:
            get:
              responses: { '200': { description: ok } }
      ` + schemes,
    },
    {
      name: 'security: [] is public by design, collections are not object-level',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /articles/{slug}:
            get:
              security: []
              responses: { '200': { description: ok } }
          /articles:
            get:
              responses: { '200': { description: ok } }
            post:
              security: [{ bearer: [] }]
              responses: { '201': { description: ok } }
      ` + schemes,
    },
    {
      name: 'a document without any security is summarised by spec-operation-without-security',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /orders/{id}:
            get:
              responses: { '200': { description: ok } }`,
    },
  ],
  invalid: [
    {
      name: 'reads and writes of one object without security',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /orders/{id}:
            get:
              responses: { '200': { description: ok } }
            delete:
              responses: { '204': { description: gone } }
          /orders:
            get:
              security: [{ bearer: [] }]
              responses: { '200': { description: ok } }
      ` + schemes,
      errors: [
        {
          messageId: 'read',
          line: 5,
          column: 5,
          text: 'get',
          suggestions: [
            yaml`
              openapi: 3.0.3
              info: { title: t, version: '1' }
              paths:
                /orders/{id}:
                  get:
                    security:
                      - bearer: []
                    responses: { '200': { description: ok } }
                  delete:
                    responses: { '204': { description: gone } }
                /orders:
                  get:
                    security: [{ bearer: [] }]
                    responses: { '200': { description: ok } }
            ` + schemes,
          ],
        },
        { messageId: 'write', line: 7, text: 'delete', suggestions: [yaml`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          paths:
            /orders/{id}:
              get:
                responses: { '200': { description: ok } }
              delete:
                security:
                  - bearer: []
                responses: { '204': { description: gone } }
            /orders:
              get:
                security: [{ bearer: [] }]
                responses: { '200': { description: ok } }
        ` + schemes] },
      ],
    },
    {
      name: 'Swagger 2 with a nested object path',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        securityDefinitions:
          key: { type: apiKey, in: header, name: X-Key }
        paths:
          /users/{userId}/addresses:
            put:
              responses: { '200': { description: ok } }
          /users:
            get:
              security: [{ key: [] }]
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'write', line: 7, text: 'put', suggestions: [yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        securityDefinitions:
          key: { type: apiKey, in: header, name: X-Key }
        paths:
          /users/{userId}/addresses:
            put:
              security:
                - key: []
              responses: { '200': { description: ok } }
          /users:
            get:
              security: [{ key: [] }]
              responses: { '200': { description: ok } }`] }],
    },
  ],
});
