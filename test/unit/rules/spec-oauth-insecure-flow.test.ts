import rule from '../../../server/src/engine/rules/openapi/spec-oauth-insecure-flow';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      paths: {}
      components:
        securitySchemes:
          oauth:
            type: oauth2
            flows:
              authorizationCode:
                authorizationUrl: https://auth.example.com/authorize
                tokenUrl: https://auth.example.com/token
                scopes: {}`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths: {}
        components:
          securitySchemes:
            oauth:
              type: oauth2
              flows:
                implicit: { authorizationUrl: https://a.example.com/auth, scopes: {} }
                password: { tokenUrl: https://a.example.com/token, scopes: {} }`,
      errors: [
        { messageId: 'implicit', line: 9, text: 'implicit' },
        { messageId: 'password', line: 10, text: 'password' },
      ],
    },
    {
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths: {}
        securityDefinitions:
          oauth: { type: oauth2, flow: implicit, authorizationUrl: 'https://a.example.com/auth', scopes: {} }`,
      errors: [{ messageId: 'implicit', line: 5, text: 'implicit' }],
    },
  ],
});
