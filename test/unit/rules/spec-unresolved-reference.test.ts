import rule from '../../../server/src/engine/rules/openapi/spec-unresolved-reference';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'local and relative file references that resolve; $ref keys inside examples are data',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /a:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: 'schemas/a.yaml#/A' }
                      example: { $ref: 'not/a/reference.yaml' }
        components:
          schemas:
            B: { $ref: '#/components/schemas/C' }
            C: { type: string }`,
      files: { 'schemas/a.yaml': 'A:\n  type: object\n  properties:\n    b: { $ref: "../openapi.yaml#/components/schemas/B" }\n' },
    },
  ],
  invalid: [
    {
      name: 'a missing file, a missing target, a self-reference and remote references (reported once)',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /a:
            get:
              parameters:
                - $ref: 'https://example.com/params.yaml#/limit'
                - $ref: 'https://example.com/params.yaml#/offset'
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: 'schemas/missing.yaml' }
                '404': { $ref: '#/components/responses/NotFound' }
        components:
          schemas:
            Loop: { $ref: '#/components/schemas/Loop' }`,
      errors: [
        { messageId: 'remote', line: 7, text: "'https://example.com/params.yaml#/limit'" },
        { messageId: 'missingFile', line: 14, text: "'schemas/missing.yaml'" },
        { messageId: 'missingTarget', line: 15, text: "'#/components/responses/NotFound'" },
        { messageId: 'cycle', line: 18, text: "'#/components/schemas/Loop'" },
      ],
    },
    {
      name: 'JSON Schema anchors are not resolved (Swagger 2 body schema)',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /a:
            post:
              parameters:
                - { name: body, in: body, schema: { $ref: '#Pet' } }
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'unsupported', line: 7, text: "'#Pet'" }],
    },
  ],
});
