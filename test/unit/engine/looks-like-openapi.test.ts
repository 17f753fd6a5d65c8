import * as assert from 'assert';
import { looksLikeOpenApi } from '../../../server/src/engine/openapi/document';

// Generated documents often sort their keys: the version key then comes after `components`,
// far past the first few KB (Stripe's 4 MB YAML has it on line 40,015).
const padding = 'components:\n  schemas:\n' + Array.from({ length: 400 }, (_, i) => `    S${i}:\n      type: object\n`).join('');

describe('looksLikeOpenApi', () => {
  it('recognises the version key at the top', () => {
    assert.ok(looksLikeOpenApi('openapi: 3.0.3\ninfo: {}\n'));
    assert.ok(looksLikeOpenApi('{\n  "swagger": "2.0"\n}'));
  });

  it('recognises a top-level version key after sorted keys (YAML)', () => {
    assert.ok(padding.length > 4096);
    assert.ok(looksLikeOpenApi(padding + 'openapi: 3.0.0\npaths: {}\n'));
  });

  it('recognises a version key after sorted keys (JSON, even minified)', () => {
    const schemas = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`S${i}`, { type: 'object' }]));
    assert.ok(looksLikeOpenApi(JSON.stringify({ components: { schemas }, openapi: '3.1.0' })));
    assert.ok(looksLikeOpenApi(JSON.stringify({ components: { schemas }, openapi: '3.1.0' }, null, 2)));
  });

  it('does not take other YAML for OpenAPI', () => {
    assert.ok(!looksLikeOpenApi('name: app\non:\n  push: {}\n'));
    assert.ok(!looksLikeOpenApi(padding + 'kind: Deployment\n'));
    // An indented key is not the document's version key.
    assert.ok(!looksLikeOpenApi(padding + '    openapi: 3.0.0\n'));
  });
});
