import rule from '../../../server/src/engine/rules/openapi/spec-open-request-body';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

const closedUsers = `  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, additionalProperties: false, properties: { name: { type: string } } }
      responses: { '201': { description: ok } }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'closed bodies, maps, reads and 3.1 unevaluatedProperties',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /labels:
            put:
              requestBody:
                content:
                  application/json:
                    schema: { type: object, additionalProperties: { type: string } }
              responses: { '200': { description: ok } }
          /search:
            get:
              parameters:
                - { name: filter, in: query, schema: { type: object, properties: { q: { type: string } } } }
              responses: { '200': { description: ok } }
          /notes:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      unevaluatedProperties: false
                      properties: { text: { type: string } }
              responses: { '201': { description: ok } }
      ` + closedUsers,
    },
  ],
  invalid: [
    {
      name: 'an open component used by a write operation, reported once at the component',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /orders:
            post:
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/NewOrder' }
              responses: { '201': { description: ok } }
          /orders/{id}:
            put:
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/NewOrder' }
              responses: { '200': { description: ok } }
      ` + closedUsers + `components:
  schemas:
    NewOrder:
      type: object
      properties:
        sku: { type: string, maxLength: 20 }
`,
      errors: [{
        messageId: 'open',
        line: 27,
        text: 'NewOrder',
        suggestions: [yaml`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          paths:
            /orders:
              post:
                requestBody:
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/NewOrder' }
                responses: { '201': { description: ok } }
            /orders/{id}:
              put:
                requestBody:
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/NewOrder' }
                responses: { '200': { description: ok } }
        ` + closedUsers + `components:
  schemas:
    NewOrder:
      type: object
      properties:
        sku: { type: string, maxLength: 20 }
      additionalProperties: false
`],
      }],
    },
    {
      name: 'a document that never closes a body gets one summary (Swagger 2)',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /a:
            post:
              parameters:
                - in: body
                  name: body
                  schema: { type: object, properties: { x: { type: string } } }
              responses: { '200': { description: ok } }
          /b:
            patch:
              parameters:
                - in: body
                  name: body
                  schema: { type: object, properties: { y: { type: string } } }
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'documentOpen', line: 9, text: 'schema' }],
    },
  ],
});
