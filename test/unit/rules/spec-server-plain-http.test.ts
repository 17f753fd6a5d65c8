import rule from '../../../server/src/engine/rules/openapi/spec-server-plain-http';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      servers:
        - url: https://api.example.com
        - url: http://localhost:3000
        - url: http://127.0.0.1:8080/v1
        - url: 'http://{host}/v1'
          variables: { host: { default: api.example.com } }
      paths: {}`,
    yaml`
      swagger: '2.0'
      info: { title: t, version: '1' }
      host: api.example.com
      schemes: [https]
      paths: {}`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        servers:
          - url: https://api.example.com
          - url: http://staging.example.com/v1
        paths: {}`,
      errors: [
        {
          messageId: 'httpServer',
          line: 5,
          column: 10,
          text: 'http://staging.example.com/v1',
          output: yaml`
            openapi: 3.0.3
            info: { title: t, version: '1' }
            servers:
              - url: https://api.example.com
              - url: https://staging.example.com/v1
            paths: {}`,
        },
      ],
    },
    {
      name: 'servers on path items and operations',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /a:
            servers: [{ url: 'http://a.example.com' }]
            get:
              servers: [{ url: 'http://b.example.com' }]
              responses: { '200': { description: ok } }`,
      errors: [
        { messageId: 'httpServer', line: 5, text: "'http://a.example.com'", output: yaml`
          openapi: 3.1.0
          info: { title: t, version: '1' }
          paths:
            /a:
              servers: [{ url: 'https://a.example.com' }]
              get:
                servers: [{ url: 'http://b.example.com' }]
                responses: { '200': { description: ok } }` },
        { messageId: 'httpServer', line: 7, text: "'http://b.example.com'", output: yaml`
          openapi: 3.1.0
          info: { title: t, version: '1' }
          paths:
            /a:
              servers: [{ url: 'http://a.example.com' }]
              get:
                servers: [{ url: 'https://b.example.com' }]
                responses: { '200': { description: ok } }` },
      ],
    },
    {
      name: 'Swagger 2 schemes',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        host: api.example.com
        schemes: [https, http]
        paths: {}`,
      errors: [{ messageId: 'httpScheme', line: 4, column: 18, text: 'http' }],
    },
  ],
});
