import rule from '../../../server/src/engine/rules/openapi/spec-legacy-http-auth-scheme';
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
          bearer: { type: http, scheme: bearer }
          basic: { type: http, scheme: basic }`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths: {}
        components:
          securitySchemes:
            d: { type: http, scheme: Digest }
            n: { type: http, scheme: negotiate }
            o: { type: http, scheme: OAuth }`,
      errors: [
        { messageId: 'digest', line: 6, text: 'Digest' },
        { messageId: 'negotiate', line: 7, text: 'negotiate' },
        { messageId: 'oauth1', line: 8, text: 'OAuth' },
      ],
    },
  ],
});
