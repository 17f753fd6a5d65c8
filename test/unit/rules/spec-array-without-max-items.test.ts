import rule from '../../../server/src/engine/rules/openapi/spec-array-without-max-items';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      paths:
        /batch:
          post:
            requestBody:
              content:
                application/json:
                  schema: { type: array, maxItems: 100, items: { type: string, maxLength: 10 } }
            responses:
              '200':
                description: ok
                content:
                  application/json:
                    schema: { type: array, items: { type: string } }`,
  ],
  invalid: [
    {
      name: 'the only array of the document (3.1 type array), with its fix',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /tags:
            put:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: [array, 'null']
                      items: { type: string }
              responses: { '200': { description: ok } }`,
      errors: [{
        messageId: 'unbounded',
        line: 9,
        text: 'schema',
        suggestions: [yaml`
          openapi: 3.1.0
          info: { title: t, version: '1' }
          paths:
            /tags:
              put:
                requestBody:
                  content:
                    application/json:
                      schema:
                        type: [array, 'null']
                        items: { type: string }
                        maxItems: 100
                responses: { '200': { description: ok } }`],
      }],
    },
    {
      name: 'Swagger 2 query arrays across operations: one summary',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /a:
            get:
              parameters:
                - { name: ids, in: query, type: array, items: { type: integer } }
              responses: { '200': { description: ok } }
          /b:
            get:
              parameters:
                - { name: tags, in: query, type: array, items: { type: string } }
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'documentUnbounded', line: 7 }],
    },
  ],
});
