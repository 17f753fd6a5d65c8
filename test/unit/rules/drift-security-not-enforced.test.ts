import rule from '../../../server/src/engine/rules/workspace/drift-security-not-enforced';
import { ruleTester } from '../../rule-tester';
import { ts, yaml } from '../../helpers';

const spec = yaml`
  openapi: 3.0.3
  info: { title: shop, version: '1' }
  servers: [{ url: 'https://shop.example.com/api' }]
  paths:
    /orders:
      get: { security: [{ bearer: [] }], responses: { '200': { description: ok } } }
      post: { security: [{ bearer: [] }], responses: { '201': { description: created } } }
    /health:
      get: { security: [], responses: { '200': { description: ok } } }
  components:
    securitySchemes:
      bearer: { type: http, scheme: bearer }`;

const auth = ts`
  export function requireAuth(req: any, res: any, next: any) {
    if (!req.headers.authorization) return res.status(401).json({ error: 'unauthorized' });
    next();
  }`;

ruleTester(rule, {
  valid: [
    {
      name: 'every route the spec secures runs requireAuth',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': spec, 'src/auth.ts': auth },
      code: ts`
        import express from 'express';
        import { requireAuth } from './auth';
        const app = express();
        app.get('/api/health', (req, res) => res.json({ ok: true }));
        app.get('/api/orders', requireAuth, (req, res) => res.json([]));
        app.post('/api/orders', requireAuth, (req, res) => res.sendStatus(201));`,
    },
  ],
  invalid: [
    {
      name: 'the spec requires bearer for POST /orders, the code runs no authentication',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': spec, 'src/auth.ts': auth },
      code: ts`
        import express from 'express';
        import { requireAuth } from './auth';
        const app = express();
        app.get('/api/orders', requireAuth, (req, res) => res.json([]));
        app.post('/api/orders', (req, res) => res.sendStatus(201));`,
      errors: [{ messageId: 'notEnforced', line: 5 }],
    },
  ],
});
