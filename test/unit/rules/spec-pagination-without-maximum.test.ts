import rule from '../../../server/src/engine/rules/openapi/spec-pagination-without-maximum';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.1.0
      info: { title: t, version: '1' }
      paths:
        /items:
          get:
            parameters:
              - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 100 } }
              - { name: per_page, in: query, schema: { type: integer, exclusiveMaximum: 101 } }
              - { name: page, in: query, schema: { type: integer } }
            responses: { '200': { description: ok } }`,
  ],
  invalid: [
    {
      name: 'a shared page-size parameter is one finding, fixed at its definition',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /a:
            get:
              parameters: [{ $ref: '#/components/parameters/PerPage' }]
              responses: { '200': { description: ok } }
          /b:
            get:
              parameters: [{ $ref: '#/components/parameters/PerPage' }]
              responses: { '200': { description: ok } }
        components:
          parameters:
            PerPage:
              name: per_page
              in: query
              schema:
                type: integer
                default: 30`,
      errors: [{
        messageId: 'noMaximum',
        line: 15,
        text: 'per_page',
        suggestions: [yaml`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          paths:
            /a:
              get:
                parameters: [{ $ref: '#/components/parameters/PerPage' }]
                responses: { '200': { description: ok } }
            /b:
              get:
                parameters: [{ $ref: '#/components/parameters/PerPage' }]
                responses: { '200': { description: ok } }
          components:
            parameters:
              PerPage:
                name: per_page
                in: query
                schema:
                  type: integer
                  default: 30
                  maximum: 100`],
      }],
    },
    {
      name: 'Swagger 2 inline repeats are grouped, fixed together',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /a:
            get:
              parameters:
                - { name: limit, in: query, type: integer }
              responses: { '200': { description: ok } }
          /b:
            get:
              parameters:
                - { name: limit, in: query, type: integer }
              responses: { '200': { description: ok } }`,
      errors: [{
        messageId: 'noMaximum',
        line: 7,
        text: 'limit',
        suggestions: [yaml`
          swagger: '2.0'
          info: { title: t, version: '1' }
          paths:
            /a:
              get:
                parameters:
                  - { name: limit, in: query, type: integer, maximum: 100 }
                responses: { '200': { description: ok } }
            /b:
              get:
                parameters:
                  - { name: limit, in: query, type: integer, maximum: 100 }
                responses: { '200': { description: ok } }`],
      }],
    },
  ],
});
