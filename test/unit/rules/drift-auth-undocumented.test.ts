import rule from '../../../server/src/engine/rules/workspace/drift-auth-undocumented';
import { ruleTester } from '../../rule-tester';
import { ts, yaml } from '../../helpers';

const app = ts`
  import express from 'express';
  const app = express();
  function requireAuth(req: any, res: any, next: any) {
    if (!req.headers.authorization) return res.status(401).end();
    next();
  }
  app.get('/reports', requireAuth, (req, res) => res.json([]));`;

ruleTester(rule, {
  valid: [
    {
      name: 'the spec documents the security the code enforces',
      files: { 'src/app.ts': app },
      code: yaml`
        openapi: 3.0.3
        info: { title: shop, version: '1' }
        paths:
          /reports:
            get: { security: [{ bearer: [] }], responses: { '200': { description: ok } } }
        components:
          securitySchemes:
            bearer: { type: http, scheme: bearer }`,
    },
  ],
  invalid: [
    {
      name: 'documented as public, protected in code; the fix documents the scheme',
      files: { 'src/app.ts': app },
      code: yaml`
        openapi: 3.0.3
        info: { title: shop, version: '1' }
        paths:
          /reports:
            get:
              security: []
              responses: { '200': { description: ok } }
        components:
          securitySchemes:
            bearer: { type: http, scheme: bearer }`,
      errors: [
        {
          messageId: 'undocumented',
          line: 5,
          column: 5,
          text: 'get',
          suggestions: [yaml`
            openapi: 3.0.3
            info: { title: shop, version: '1' }
            paths:
              /reports:
                get:
                  security: [{ bearer: [] }]
                  responses: { '200': { description: ok } }
            components:
              securitySchemes:
                bearer: { type: http, scheme: bearer }`],
        },
      ],
    },
  ],
});
