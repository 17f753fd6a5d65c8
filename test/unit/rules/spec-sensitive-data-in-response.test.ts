import rule from '../../../server/src/engine/rules/openapi/spec-sensitive-data-in-response';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'writeOnly secrets, booleans, masked numbers, token endpoints, language-model tokens',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /users/{id}:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          password: { type: string, writeOnly: true }
                          has_password: { type: boolean }
                          card_number: { type: string, description: Masked, last 4 digits only. }
                          token: { type: string, description: The text of one model token. }
          /oauth/token:
            post:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          access_token: { type: string }
                          refresh_token: { type: string }`,
    },
  ],
  invalid: [
    {
      name: 'the same field in two schemas is one finding',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /accounts/{id}:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Account' }
          /accounts:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { type: array, items: { $ref: '#/components/schemas/AccountSummary' } }
        components:
          schemas:
            Account:
              type: object
              properties:
                api_key: { type: string }
                ssn: { type: string }
            AccountSummary:
              type: object
              properties:
                api_key: { type: string }`,
      errors: [
        { messageId: 'secret', line: 25, text: 'api_key' },
        { messageId: 'personal', line: 26, text: 'ssn' },
      ],
    },
    {
      name: 'Swagger 2 response with a password hash',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /me:
            get:
              responses:
                '200':
                  description: ok
                  schema:
                    type: object
                    properties:
                      password_hash: { type: string }`,
      errors: [{ messageId: 'secret', line: 12, text: 'password_hash' }],
    },
  ],
});
