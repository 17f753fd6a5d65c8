import rule from '../../../server/src/engine/rules/workspace/drift-undocumented-route';
import { ruleTester } from '../../rule-tester';
import { ts, yaml } from '../../helpers';

const spec = yaml`
  openapi: 3.0.3
  info: { title: shop, version: '1' }
  servers: [{ url: 'https://shop.example.com/api' }]
  paths:
    /orders:
      get:
        security: [{ bearer: [] }]
        responses: { '200': { description: ok } }
  components:
    securitySchemes:
      bearer: { type: http, scheme: bearer }`;

const app = ts`
  import express from 'express';
  const app = express();
  function requireAuth(req: any, res: any, next: any) {
    if (!req.headers.authorization) return res.status(401).end();
    next();
  }
  app.get('/api/orders', requireAuth, (req, res) => res.json([]));
  app.delete('/api/orders/:id', requireAuth, (req, res) => res.sendStatus(204));`;

ruleTester(rule, {
  valid: [
    {
      name: 'every route is documented (server prefix /api, :id vs {id})',
      filename: 'src/app.ts',
      files: {
        'openapi.yaml': yaml`
          openapi: 3.0.3
          info: { title: shop, version: '1' }
          servers: [{ url: 'https://shop.example.com/api' }]
          paths:
            /orders:
              get: { security: [{ bearer: [] }], responses: { '200': { description: ok } } }
            /orders/{orderId}:
              delete: { security: [{ bearer: [] }], responses: { '204': { description: gone } } }
          components:
            securitySchemes:
              bearer: { type: http, scheme: bearer }`,
      },
      code: app,
    },
    {
      name: 'no spec in the workspace: nothing to compare with',
      filename: 'src/app.ts',
      code: app,
    },
  ],
  invalid: [
    {
      name: 'DELETE /api/orders/{id} is not in the spec; the fix documents it in the spec',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': spec },
      code: app,
      errors: [{ messageId: 'undocumented', line: 8 }],
    },
    {
      name: 'the fix documents the request body the route validates (zod schema: types, limits, required, closed)',
      filename: 'src/app.ts',
      files: {
        'openapi.yaml': yaml`
          openapi: 3.0.3
          info: { title: shop, version: '1' }
          paths:
            /orders:
              get:
                responses: { '200': { description: ok } }`,
      },
      code: ts`
        import express from 'express';
        import { z } from 'zod';
        const app = express();
        const NewOrder = z.object({ sku: z.string().max(32), quantity: z.number().int().min(1).max(100), note: z.string().optional() }).strict();
        app.get('/orders', (req, res) => res.json([]));
        app.post('/orders', (req, res) => {
          const order = NewOrder.parse(req.body);
          res.status(201).json(order);
        });`,
      errors: [{ messageId: 'undocumented', line: 6 }],
    },
  ],
});
