import rule from '../../../server/src/engine/rules/openapi/spec-http-basic-auth';
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
          bearer: { type: http, scheme: bearer, bearerFormat: JWT }`,
    yaml`
      swagger: '2.0'
      info: { title: t, version: '1' }
      paths: {}
      securityDefinitions:
        key: { type: apiKey, in: header, name: X-API-Key }`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths: {}
        components:
          securitySchemes:
            legacy:
              type: http
              scheme: Basic`,
      errors: [{ messageId: 'basic', line: 8, column: 15, text: 'Basic' }],
    },
    {
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths: {}
        securityDefinitions:
          basicAuth: { type: basic }`,
      errors: [{ messageId: 'basic', line: 5, column: 22, text: 'basic' }],
    },
  ],
});
