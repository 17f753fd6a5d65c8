import rule from '../../../server/src/engine/rules/openapi/spec-undefined-security-scheme';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      security: [{ bearer: [] }]
      paths:
        /a:
          get:
            security: [{ key: [] }, {}]
            responses: { '200': { description: ok } }
      components:
        securitySchemes:
          bearer: { type: http, scheme: bearer }
          key: { type: apiKey, in: header, name: X-Key }`,
  ],
  invalid: [
    {
      name: 'an unknown name used twice is one finding',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        security: [{ bearer: [] }]
        paths:
          /a:
            get:
              security: [{ oauth: [read] }]
              responses: { '200': { description: ok } }
            post:
              security:
                - oauth: [write]
              responses: { '200': { description: ok } }
        components:
          securitySchemes:
            bearer: { type: http, scheme: bearer }`,
      errors: [{ messageId: 'undefined', line: 7, text: 'oauth' }],
    },
    {
      name: 'Swagger 2 root requirement without securityDefinitions',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        security:
          - api_key: []
        paths: {}`,
      errors: [{ messageId: 'undefined', line: 4, text: 'api_key' }],
    },
  ],
});
