import rule from '../../../server/src/engine/rules/openapi/spec-invalid-structure';
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
            responses: { '200': { description: ok } }
      webhooks:
        ping: { post: { responses: { '200': { description: ok } } } }`,
    yaml`
      swagger: '2.0'
      info: { title: t, version: '1' }
      paths:
        /a:
          get:
            parameters: [{ name: q, in: query, type: string }]
            responses: { '200': { description: ok } }`,
  ],
  invalid: [
    {
      name: 'OpenAPI 3.0: missing version, unknown key, bad enum value, typo in a response',
      code: yaml`
        openapi: 3.0.3
        info: { title: t }
        paths:
          /a:
            get:
              parameters:
                - { name: q, in: querystring, schema: { type: string } }
              responses:
                '200': { descriptio: ok }
              foo: 1`,
      errors: [
        { messageId: 'invalid', line: 2, text: 'info' },
        { messageId: 'invalid', line: 7 },
        { messageId: 'invalid', line: 7, text: 'querystring' },
        { messageId: 'invalid', line: 9, text: "'200'" },
        { messageId: 'invalid', line: 9, text: 'descriptio' },
        { messageId: 'invalid', line: 10, text: 'foo' },
      ],
    },
    {
      name: 'OpenAPI 3.1 webhook with bad responses',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        webhooks:
          x: { post: { responses: 7 } }`,
      errors: [{ messageId: 'invalid', line: 4, text: '7' }],
    },
    {
      name: 'Swagger 2 parameter with neither type nor schema',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /a:
            get:
              parameters:
                - { name: q, in: query }
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'invalid', line: 7, text: '{ name: q, in: query }' }],
    },
  ],
});
