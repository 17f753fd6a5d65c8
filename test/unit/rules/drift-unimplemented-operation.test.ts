import rule from '../../../server/src/engine/rules/workspace/drift-unimplemented-operation';
import { ruleTester } from '../../rule-tester';
import { ts, yaml } from '../../helpers';

const app = ts`
  import express from 'express';
  const app = express();
  app.get('/orders', (req, res) => res.json([]));`;

ruleTester(rule, {
  valid: [
    {
      name: 'every operation has a route',
      files: { 'src/app.ts': app },
      code: yaml`
        openapi: 3.0.3
        info: { title: shop, version: '1' }
        paths:
          /orders:
            get: { security: [], responses: { '200': { description: ok } } }`,
    },
    {
      name: 'a spec-only workspace: nothing to compare with',
      code: yaml`
        openapi: 3.0.3
        info: { title: shop, version: '1' }
        paths:
          /orders:
            get: { security: [], responses: { '200': { description: ok } } }`,
    },
  ],
  invalid: [
    {
      name: 'GET /legacy has no route; the suggestion marks it deprecated',
      files: { 'src/app.ts': app },
      code: yaml`
        openapi: 3.0.3
        info: { title: shop, version: '1' }
        paths:
          /orders:
            get: { security: [], responses: { '200': { description: ok } } }
          /legacy:
            get:
              responses: { '200': { description: ok } }`,
      errors: [
        {
          messageId: 'unimplemented',
          line: 7,
          column: 5,
          text: 'get',
          suggestions: [yaml`
            openapi: 3.0.3
            info: { title: shop, version: '1' }
            paths:
              /orders:
                get: { security: [], responses: { '200': { description: ok } } }
              /legacy:
                get:
                  deprecated: true
                  responses: { '200': { description: ok } }`],
        },
      ],
    },
    {
      name: 'no route of the workspace belongs to this spec',
      filename: 'other/openapi.yaml',
      files: { 'src/app.ts': app, 'src/openapi.yaml': "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /orders: { get: { responses: {} } }\n" },
      code: yaml`
        openapi: 3.0.3
        info: { title: billing, version: '1' }
        paths:
          /invoices:
            get: { responses: { '200': { description: ok } } }`,
      errors: [{ messageId: 'noImplementation', line: 3, text: 'paths' }],
    },
  ],
});
