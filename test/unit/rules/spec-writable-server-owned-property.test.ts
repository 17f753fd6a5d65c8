import rule from '../../../server/src/engine/rules/openapi/spec-writable-server-owned-property';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'readOnly, role as input of a membership call, chat-message roles',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /users:
            post:
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/User' }
              responses:
                '201':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/User' }
          /orgs/{org}/invitations:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        role: { type: string, enum: [member, admin] }
              responses: { '201': { description: ok } }
          /chat:
            post:
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Message' }
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Message' }
        components:
          schemas:
            User:
              type: object
              properties:
                name: { type: string }
                isAdmin: { type: boolean, readOnly: true }
                role: { type: string, readOnly: true }
            Message:
              type: object
              properties:
                role: { type: string, enum: [user, assistant, system] }`,
    },
  ],
  invalid: [
    {
      name: 'privilege flags and a role in a model shared by requests and responses',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /users/{id}:
            patch:
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/User' }
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/User' }
        components:
          schemas:
            User:
              type: object
              properties:
                is_admin:
                  type: boolean
                role: { type: string }
                balance: { type: number }`,
      errors: [
        {
          messageId: 'writable',
          line: 21,
          text: 'is_admin',
          suggestions: [yaml`
            openapi: 3.0.3
            info: { title: t, version: '1' }
            paths:
              /users/{id}:
                patch:
                  requestBody:
                    content:
                      application/json:
                        schema: { $ref: '#/components/schemas/User' }
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: { $ref: '#/components/schemas/User' }
            components:
              schemas:
                User:
                  type: object
                  properties:
                    is_admin:
                      type: boolean
                      readOnly: true
                    role: { type: string }
                    balance: { type: number }`],
        },
        { messageId: 'writable', line: 23, text: 'role' },
        { messageId: 'writable', line: 24, text: 'balance' },
      ],
    },
    {
      name: 'Swagger 2 body with a verified flag',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /signup:
            post:
              parameters:
                - in: body
                  name: body
                  schema:
                    type: object
                    properties:
                      email: { type: string }
                      emailVerified: { type: boolean }
              responses: { '201': { description: ok } }`,
      errors: [{ messageId: 'writable', line: 13, text: 'emailVerified' }],
    },
  ],
});
