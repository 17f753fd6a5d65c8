import rule from '../../../server/src/engine/rules/openapi/spec-missing-auth-error-responses';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      security: [{ key: [] }]
      paths:
        /a:
          get:
            responses:
              '200': { description: ok }
              '401': { description: no }
              '403': { description: no }
        /b:
          get:
            responses:
              '200': { description: ok }
              4XX: { description: client error }
        /health:
          get:
            security: []
            responses: { '200': { description: ok } }
      components:
        securitySchemes:
          key: { type: apiKey, in: header, name: X-Key }`,
  ],
  invalid: [
    {
      name: 'the operation without 401/403 among documented ones gets a safe fix',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        security: [{ key: [] }]
        paths:
          /a:
            get:
              responses:
                '200': { description: ok }
                '401': { description: no }
                '403': { description: no }
          /b:
            post:
              responses:
                '201': { description: ok }
                '401': { description: no }
        components:
          securitySchemes:
            key: { type: apiKey, in: header, name: X-Key }`,
      errors: [{
        messageId: 'missing',
        line: 12,
        text: 'post',
        output: yaml`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          security: [{ key: [] }]
          paths:
            /a:
              get:
                responses:
                  '200': { description: ok }
                  '401': { description: no }
                  '403': { description: no }
            /b:
              post:
                responses:
                  '201': { description: ok }
                  '401': { description: no }
                  '403':
                    description: The credentials do not allow this operation.
          components:
            securitySchemes:
              key: { type: apiKey, in: header, name: X-Key }`,
      }],
    },
    {
      name: 'no secured operation documents them (Swagger 2): one summary',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        securityDefinitions:
          key: { type: apiKey, in: header, name: X-Key }
        security: [{ key: [] }]
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
          /b: { get: { responses: { '200': { description: ok } } } }`,
      errors: [{ messageId: 'documentMissing', line: 7, text: 'get' }],
    },
  ],
});
