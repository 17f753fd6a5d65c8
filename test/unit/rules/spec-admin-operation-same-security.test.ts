import rule from '../../../server/src/engine/rules/openapi/spec-admin-operation-same-security';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

const schemes = `components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials: { tokenUrl: 'https://a.example.com/token', scopes: { read: r, write: w, admin: a } }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'admin operations with an admin scope; role changes with their own scope',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        security: [{ oauth: [read] }]
        paths:
          /orders:
            get:
              responses: { '200': { description: ok } }
          /admin/users/{id}:
            delete:
              security: [{ oauth: [admin] }]
              responses: { '204': { description: ok } }
          /users/{id}/roles:
            put:
              security: [{ oauth: [admin] }]
              responses: { '200': { description: ok } }
      ` + schemes,
    },
  ],
  invalid: [
    {
      name: 'an admin path, a tagged operation and a bulk delete with the ordinary scope; a public admin operation',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        security: [{ oauth: [read] }]
        paths:
          /orders:
            get:
              responses: { '200': { description: ok } }
            delete:
              responses: { '204': { description: ok } }
          /orders/{id}:
            delete:
              responses: { '204': { description: ok } }
          /internal/reindex:
            post:
              responses: { '202': { description: ok } }
          /reports:
            get:
              tags: [Administration]
              responses: { '200': { description: ok } }
          /admin/health:
            get:
              security: []
              responses: { '200': { description: ok } }
      ` + schemes,
      errors: [
        { messageId: 'sameSecurity', line: 8, text: 'delete' },
        { messageId: 'sameSecurity', line: 14, text: 'post' },
        { messageId: 'sameSecurity', line: 17, text: 'get' },
        { messageId: 'public', line: 21, text: 'get' },
      ],
    },
    {
      name: 'Swagger 2 role change under the default API key',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        securityDefinitions:
          key: { type: apiKey, in: header, name: X-Key }
        security: [{ key: [] }]
        paths:
          /users:
            get:
              responses: { '200': { description: ok } }
          /users/{id}/permissions:
            patch:
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'sameSecurity', line: 11, text: 'patch' }],
    },
    {
      name: 'more than 25 administrative operations with ordinary security: one summary',
      code: "swagger: '2.0'\ninfo: { title: t, version: '1' }\nsecurityDefinitions:\n  key: { type: apiKey, in: header, name: X-Key }\nsecurity: [{ key: [] }]\npaths:\n  /orders:\n    get: { responses: { '200': { description: ok } } }\n"
        + Array.from({ length: 26 }, (_, i) => `  /admin/task${i}:\n    post: { responses: { '200': { description: ok } } }\n`).join(''),
      errors: [{ messageId: 'documentSameSecurity', line: 10, text: 'post' }],
    },
  ],
});
