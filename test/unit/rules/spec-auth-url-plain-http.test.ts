import rule from '../../../server/src/engine/rules/openapi/spec-auth-url-plain-http';
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
              clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: {} }
          local:
            type: oauth2
            flows:
              clientCredentials: { tokenUrl: 'http://localhost:8080/token', scopes: {} }`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths: {}
        components:
          securitySchemes:
            oauth:
              type: oauth2
              flows:
                authorizationCode:
                  authorizationUrl: http://auth.example.com/authorize
                  tokenUrl: https://auth.example.com/token
                  scopes: {}
            oidc: { type: openIdConnect, openIdConnectUrl: 'http://id.example.com/.well-known/openid-configuration' }`,
      errors: [
        {
          messageId: 'plainHttp',
          line: 10,
          text: 'http://auth.example.com/authorize',
          output: yaml`
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
                      scopes: {}
                oidc: { type: openIdConnect, openIdConnectUrl: 'http://id.example.com/.well-known/openid-configuration' }`,
        },
        {
          messageId: 'plainHttp',
          line: 13,
          text: "'http://id.example.com/.well-known/openid-configuration'",
          output: yaml`
            openapi: 3.0.3
            info: { title: t, version: '1' }
            paths: {}
            components:
              securitySchemes:
                oauth:
                  type: oauth2
                  flows:
                    authorizationCode:
                      authorizationUrl: http://auth.example.com/authorize
                      tokenUrl: https://auth.example.com/token
                      scopes: {}
                oidc: { type: openIdConnect, openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' }`,
        },
      ],
    },
    {
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths: {}
        securityDefinitions:
          oauth: { type: oauth2, flow: application, tokenUrl: 'http://auth.example.com/token', scopes: {} }`,
      errors: [{ messageId: 'plainHttp', line: 5, output: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths: {}
        securityDefinitions:
          oauth: { type: oauth2, flow: application, tokenUrl: 'https://auth.example.com/token', scopes: {} }` }],
    },
  ],
});
