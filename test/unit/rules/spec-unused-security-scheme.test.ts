import rule from '../../../server/src/engine/rules/openapi/spec-unused-security-scheme';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.1.0
      info: { title: t, version: '1' }
      paths:
        /a:
          get:
            security: [{ key: [] }]
            responses: { '200': { description: ok } }
      webhooks:
        ping:
          post:
            security: [{ hook: [] }]
            responses: { '200': { description: ok } }
      components:
        securitySchemes:
          key: { type: apiKey, in: header, name: X-Key }
          hook: { type: http, scheme: bearer, bearerFormat: opaque }`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        security: [{ key: [] }]
        paths: {}
        components:
          securitySchemes:
            key: { type: apiKey, in: header, name: X-Key }
            legacy: { type: http, scheme: basic }`,
      errors: [{ messageId: 'unused', line: 8, text: 'legacy' }],
    },
  ],
});
