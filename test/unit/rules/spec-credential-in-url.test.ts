import rule from '../../../server/src/engine/rules/openapi/spec-credential-in-url';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      paths:
        /items:
          get:
            parameters:
              - { name: page_token, in: query, schema: { type: string, maxLength: 64 } }
              - { name: Authorization, in: header, schema: { type: string } }
              - { name: password_changed_since, in: query, schema: { type: string, format: date } }
            responses: { '200': { description: ok } }`,
  ],
  invalid: [
    {
      name: 'the same inline parameter on two operations is one finding',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /a:
            get:
              parameters:
                - { name: access_token, in: query, schema: { type: string } }
              responses: { '200': { description: ok } }
          /b:
            get:
              parameters:
                - { name: access_token, in: query, schema: { type: string } }
                - { name: password, in: query, schema: { type: string } }
              responses: { '200': { description: ok } }`,
      errors: [
        { messageId: 'credential', line: 7, text: 'access_token' },
        { messageId: 'credential', line: 13, text: 'password' },
      ],
    },
    {
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /reset/{secretKey}:
            post:
              parameters:
                - { name: secretKey, in: path, required: true, type: string }
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'credential', line: 7, text: 'secretKey' }],
    },
  ],
});
