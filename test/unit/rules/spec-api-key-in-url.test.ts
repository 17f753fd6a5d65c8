import rule from '../../../server/src/engine/rules/openapi/spec-api-key-in-url';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      paths: {}
      components:
        securitySchemes:
          key: { type: apiKey, in: header, name: X-API-Key }
          cookie: { type: apiKey, in: cookie, name: sid }`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths: {}
        components:
          securitySchemes:
            key:
              type: apiKey
              in: query
              name: api_key`,
      errors: [{
        messageId: 'inUrl', line: 8, text: 'query',
        suggestions: [yaml`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          paths: {}
          components:
            securitySchemes:
              key:
                type: apiKey
                in: header
                name: api_key`],
      }],
    },
    {
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths: {}
        securityDefinitions:
          key: { type: apiKey, in: query, name: key }`,
      errors: [{ messageId: 'inUrl', line: 5, text: 'query', suggestions: [yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths: {}
        securityDefinitions:
          key: { type: apiKey, in: header, name: key }`] }],
    },
  ],
});
