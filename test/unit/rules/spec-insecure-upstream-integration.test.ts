import rule from '../../../server/src/engine/rules/openapi/spec-insecure-upstream-integration';
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
            x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: 'https://backend.example.com/a' }
            x-google-backend: { address: 'https://backend.example.com' }
            responses: { '200': { description: ok } }`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        x-google-backend:
          address: http://backend.example.com
          disable_auth: true
        paths:
          /a:
            get:
              x-amazon-apigateway-integration:
                type: http_proxy
                uri: http://orders.example.com/a
              responses: { '200': { description: ok } }`,
      errors: [
        {
          messageId: 'plainHttp',
          line: 4,
          text: 'http://backend.example.com',
          output: yaml`
            openapi: 3.0.3
            info: { title: t, version: '1' }
            x-google-backend:
              address: https://backend.example.com
              disable_auth: true
            paths:
              /a:
                get:
                  x-amazon-apigateway-integration:
                    type: http_proxy
                    uri: http://orders.example.com/a
                  responses: { '200': { description: ok } }`,
        },
        { messageId: 'authDisabled', line: 5, text: 'disable_auth' },
        {
          messageId: 'plainHttp',
          line: 11,
          text: 'http://orders.example.com/a',
          output: yaml`
            openapi: 3.0.3
            info: { title: t, version: '1' }
            x-google-backend:
              address: http://backend.example.com
              disable_auth: true
            paths:
              /a:
                get:
                  x-amazon-apigateway-integration:
                    type: http_proxy
                    uri: https://orders.example.com/a
                  responses: { '200': { description: ok } }`,
        },
      ],
    },
  ],
});
