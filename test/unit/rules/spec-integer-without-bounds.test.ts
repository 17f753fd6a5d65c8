import rule from '../../../server/src/engine/rules/openapi/spec-integer-without-bounds';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'bounded (3.0 booleans with minimum/maximum, 3.1 numeric exclusive bounds), enums, path ids, page sizes',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /items/{id}:
            post:
              parameters:
                - { name: id, in: path, required: true, schema: { type: integer } }
                - { name: limit, in: query, schema: { type: integer } }
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        qty: { type: integer, exclusiveMinimum: 0, exclusiveMaximum: 1000 }
                        level: { type: integer, enum: [1, 2, 3] }
                        retries: { type: integer, minimum: 0, maximum: 5 }
              responses: { '201': { description: ok } }`,
    },
  ],
  invalid: [
    {
      name: 'a quantity with only a lower bound, fixed by adding the maximum',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /cart:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        quantity: { type: integer, minimum: 1 }
                        days: { type: integer, minimum: 1, maximum: 30 }
              responses: { '201': { description: ok } }`,
      errors: [{
        messageId: 'unbounded',
        line: 12,
        text: 'quantity',
        suggestions: [yaml`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          paths:
            /cart:
              post:
                requestBody:
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          quantity: { type: integer, minimum: 1, maximum: 10000 }
                          days: { type: integer, minimum: 1, maximum: 30 }
                responses: { '201': { description: ok } }`],
      }],
    },
    {
      name: 'no integer bounded anywhere (Swagger 2): one summary',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /a:
            get:
              parameters:
                - { name: offset, in: query, type: integer }
                - { name: depth, in: query, type: integer }
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'documentUnbounded', line: 7 }],
    },
  ],
});
