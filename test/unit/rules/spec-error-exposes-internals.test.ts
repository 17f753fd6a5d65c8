import rule from '../../../server/src/engine/rules/openapi/spec-error-exposes-internals';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
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
                    schema: { type: object, properties: { query: { type: string } } }
              '500':
                description: error
                content:
                  application/json:
                    schema: { type: object, properties: { code: { type: string }, message: { type: string } } }`,
  ],
  invalid: [
    {
      name: 'a shared error schema with a stack trace is reported once; an example with SQL',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /a:
            get:
              responses:
                '500': { $ref: '#/components/responses/Error' }
          /b:
            post:
              responses:
                default: { $ref: '#/components/responses/Error' }
                '400':
                  description: bad
                  content:
                    application/json:
                      example: { message: 'SQLSTATE[42000]: syntax error' }
        components:
          responses:
            Error:
              description: error
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Error' }
          schemas:
            Error:
              type: object
              properties:
                message: { type: string }
                stackTrace: { type: string }`,
      errors: [
        { messageId: 'example', line: 16 },
        { messageId: 'internals', line: 29, text: 'stackTrace' },
      ],
    },
    {
      name: 'Swagger 2',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /a:
            get:
              responses:
                '500':
                  description: error
                  schema: { type: object, properties: { exception: { type: string } } }`,
      errors: [{ messageId: 'internals', line: 9, text: 'exception' }],
    },
  ],
});
