import rule from '../../../server/src/engine/rules/openapi/spec-non-production-server';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      servers:
        - url: https://api.example.com/v1
        - url: http://localhost:8080
        - url: 'https://{region}.api.example.com'
          variables: { region: { default: eu } }
        - url: https://devices.example.com
      paths: {}`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        servers:
          - url: https://staging-api.example.com
          - url: http://10.0.3.7:8080/api
          - url: https://api.corp.internal
        paths: {}`,
      errors: [
        { messageId: 'nonProduction', line: 4, text: 'https://staging-api.example.com' },
        { messageId: 'nonProduction', line: 5, text: 'http://10.0.3.7:8080/api' },
        { messageId: 'nonProduction', line: 6, text: 'https://api.corp.internal' },
      ],
    },
    {
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        host: api.dev.example.com
        paths: {}`,
      errors: [{ messageId: 'nonProduction', line: 3, text: 'api.dev.example.com' }],
    },
  ],
});
