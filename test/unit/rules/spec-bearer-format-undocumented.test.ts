import rule from '../../../server/src/engine/rules/openapi/spec-bearer-format-undocumented';
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
          jwt: { type: http, scheme: bearer, bearerFormat: JWT, description: 'RS256-signed; keys at /.well-known/jwks.json' }
          opaque: { type: http, scheme: bearer, bearerFormat: opaque }`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths: {}
        components:
          securitySchemes:
            token: { type: http, scheme: bearer }
            jwt: { type: http, scheme: Bearer, bearerFormat: JWT }`,
      errors: [
        { messageId: 'noFormat', line: 6, text: 'token' },
        { messageId: 'jwtAlgorithms', line: 7, text: 'JWT' },
      ],
    },
  ],
});
