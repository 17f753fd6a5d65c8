import rule from '../../../server/src/engine/rules/openapi/spec-enumerable-object-id';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      paths:
        /orders/{id}:
          get:
            parameters:
              - { name: id, in: path, required: true, schema: { type: string, format: uuid } }
            responses: { '200': { description: ok } }
        /reports/{year}:
          get:
            parameters:
              - { name: year, in: path, required: true, schema: { type: integer } }
            responses: { '200': { description: ok } }`,
    yaml`
      swagger: '2.0'
      info: { title: t, version: '1' }
      paths:
        /items:
          get:
            parameters:
              - { name: item_id, in: query, type: integer }
            responses: { '200': { description: ok } }`,
  ],
  invalid: [
    {
      name: 'one finding for the document, each integer id related',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /orders/{orderId}:
            get:
              parameters:
                - $ref: '#/components/parameters/OrderId'
              responses: { '200': { description: ok } }
            delete:
              parameters:
                - $ref: '#/components/parameters/OrderId'
              responses: { '204': { description: ok } }
          /issues/{issue_number}:
            get:
              parameters:
                - { name: issue_number, in: path, required: true, schema: { type: [integer] } }
              responses: { '200': { description: ok } }
        components:
          parameters:
            OrderId: { name: orderId, in: path, required: true, schema: { type: integer, format: int64 } }`,
      errors: [{ messageId: 'integerIds', line: 20, text: 'integer' }],
    },
    {
      name: 'Swagger 2 parameters carry their type',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /pets/{id}:
            get:
              parameters:
                - { name: id, in: path, required: true, type: integer }
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'integerIds', line: 7, text: 'integer' }],
    },
  ],
});
