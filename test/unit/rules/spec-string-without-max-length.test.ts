import rule from '../../../server/src/engine/rules/openapi/spec-string-without-max-length';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'strings bounded by maxLength, enum, const, bounded formats and anchored bounded patterns; responses; path ids',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /users/{id}:
            parameters:
              - { name: id, in: path, required: true, schema: { type: string } }
            put:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        name: { type: string, maxLength: 80 }
                        kind: { type: string, enum: [a, b] }
                        fixed: { const: x, type: string }
                        id: { type: string, format: uuid }
                        born: { type: [string, 'null'], format: date }
                        mail: { type: string, format: email }
                        zip: { type: string, pattern: '^[0-9]{5}(-[0-9]{4})?$' }
                        photo: { type: string, format: binary }
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { type: object, properties: { bio: { type: string } } }`,
    },
  ],
  invalid: [
    {
      name: 'one unbounded string in a schema where others are bounded: reported at the field, with a snippet fix',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /notes:
            post:
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Note' }
              responses: { '201': { description: ok } }
        components:
          schemas:
            Note:
              type: object
              properties:
                title: { type: string, maxLength: 100 }
                body:
                  type: string
                  pattern: '^.*$'`,
      errors: [{
        messageId: 'unbounded',
        line: 17,
        text: 'body',
        suggestions: [yaml`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          paths:
            /notes:
              post:
                requestBody:
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Note' }
                responses: { '201': { description: ok } }
          components:
            schemas:
              Note:
                type: object
                properties:
                  title: { type: string, maxLength: 100 }
                  body:
                    type: string
                    pattern: '^.*$'
                    maxLength: 256`],
      }],
    },
    {
      name: 'several strings of one inline body are one finding at the body',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /a:
            post:
              parameters:
                - { name: q, in: query, schema: { type: string, maxLength: 10 } }
                - { name: r, in: query, schema: { type: string, maxLength: 10 } }
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        x: { type: string }
                        y: { type: string }
              responses: { '201': { description: ok } }`,
      errors: [{
        messageId: 'unbounded',
        line: 12,
        text: 'schema',
        suggestions: [yaml`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          paths:
            /a:
              post:
                parameters:
                  - { name: q, in: query, schema: { type: string, maxLength: 10 } }
                  - { name: r, in: query, schema: { type: string, maxLength: 10 } }
                requestBody:
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          x: { type: string, maxLength: 256 }
                          y: { type: string, maxLength: 256 }
                responses: { '201': { description: ok } }`],
      }],
    },
    {
      name: 'a document that bounds no string gets one summary (Swagger 2)',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /a:
            get:
              parameters:
                - { name: q, in: query, type: string }
              responses: { '200': { description: ok } }
          /b:
            post:
              parameters:
                - { name: body, in: body, schema: { type: object, properties: { s: { type: string } } } }
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'documentUnbounded', line: 7 }],
    },
  ],
});
