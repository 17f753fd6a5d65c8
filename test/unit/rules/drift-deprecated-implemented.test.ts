import rule from '../../../server/src/engine/rules/workspace/drift-deprecated-implemented';
import { ruleTester } from '../../rule-tester';
import { ts, yaml } from '../../helpers';

const spec = (deprecated: boolean) => yaml`
  openapi: 3.0.3
  info: { title: shop, version: '1' }
  paths:
    /v1/orders:
      get:
        deprecated: ${deprecated}
        security: []
        responses: { '200': { description: ok } }`;

const app = ts`
  import express from 'express';
  const app = express();
  app.get('/v1/orders', (req, res) => res.json([]));`;

ruleTester(rule, {
  valid: [{ name: 'a live operation that is implemented', filename: 'src/app.ts', files: { 'openapi.yaml': spec(false) }, code: app }],
  invalid: [
    {
      name: 'deprecated in the spec, still served',
      filename: 'src/app.ts',
      files: { 'openapi.yaml': spec(true) },
      code: app,
      errors: [{ messageId: 'stillServed', line: 3 }],
    },
  ],
});
