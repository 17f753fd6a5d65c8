/**
 * Structural validation: readable problems at precise locations, and invalid documents still
 * get the security rules' findings.
 */
import * as assert from 'assert';
import { ALL_RULES, createEngine, MemoryFileSystem } from '../../../server/src/engine';
import { parseOpenApi } from '../../../server/src/engine/openapi/document';
import { validateStructure } from '../../../server/src/engine/openapi/validate';
import { yaml } from '../../helpers';

describe('openapi structural validation', () => {
  it('merges the alternatives of oneOf branches into one problem per location', () => {
    const doc = parseOpenApi('/x.yaml', yaml`
      swagger: '2.0'
      info: { title: t, version: '1' }
      paths:
        /a:
          get:
            parameters:
              - { name: q, in: query }
            responses: { '200': { description: ok } }`);
    assert.deepStrictEqual(validateStructure(doc).map((p) => [p.pointer.join('/'), p.message]), [['paths//a/get/parameters/0', "missing required property 'schema' or 'type'"]]);
  });

  it('caps a hopeless document at a readable number of problems', () => {
    const paths = Array.from({ length: 80 }, (_, i) => `  /p${i}:\n    get: { bogus${i}: 1, responses: { '200': { description: ok } } }\n`).join('');
    const problems = validateStructure(parseOpenApi('/x.yaml', `openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n${paths}`));
    assert.strictEqual(problems.length, 50);
    assert.match(problems[49].message, /and 30 more structural problems/);
  });

  it('keeps the security rules running on an invalid document', async () => {
    const text = yaml`
      openapi: 3.0.3
      info: { title: t }
      paths:
        /orders:
          get:
            security: [{ key: [] }]
            responses: { '200': { description: ok } }
          post:
            responses: { '201': { descriptio: created } }
      components:
        securitySchemes:
          key: { type: apiKey, in: query, name: api_key }`;
    const engine = createEngine({ fs: new MemoryFileSystem({ '/ws/openapi.yaml': text }), roots: ['/ws'], rules: ALL_RULES.filter((r) => r.meta.kind === 'openapi') });
    const result = await engine.lintFile('/ws/openapi.yaml');
    assert.deepStrictEqual(result.failures, []);
    const ids = new Set(result.findings.map((f) => f.ruleId));
    for (const id of ['spec-invalid-structure', 'spec-operation-without-security', 'spec-api-key-in-url', 'spec-missing-api-version']) assert.ok(ids.has(id), `${id} in ${[...ids].join(', ')}`);
  });
});
