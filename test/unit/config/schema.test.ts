/**
 * schemas/api-warden.schema.json (shipped for VS Code completion and validation) is the schema
 * generated from the rule registry. Like rust-analyzer's generated files, the test keeps it up
 * to date: locally it rewrites the file when a rule was added (commit the change); in CI
 * (CI=true) a stale file fails the test, so a stale schema never ships.
 */
import * as assert from 'assert';
import Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { ALL_RULES } from '../../../server/src/engine';
import { configSchema } from '../../../server/src/engine/config';

const FILE = path.resolve(__dirname, '../../../../schemas/api-warden.schema.json');

describe('configuration JSON Schema', () => {
  const expected = JSON.stringify(configSchema(ALL_RULES), null, 2) + '\n';

  it('schemas/api-warden.schema.json is up to date with the rule registry', () => {
    const current = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : undefined;
    if (current === expected) return;
    if (process.env.CI) assert.fail('schemas/api-warden.schema.json is stale: run the unit tests locally (they regenerate it) and commit it');
    fs.writeFileSync(FILE, expected);
  });

  it('lists every rule id for completion, and accepts the documented examples', () => {
    const schema = JSON.parse(fs.readFileSync(FILE, 'utf8')) as { properties: { rules: { properties: Record<string, unknown> } } };
    for (const r of ALL_RULES) assert.ok(schema.properties.rules.properties[r.meta.id], r.meta.id);
    const validate = new Ajv({ strict: false }).compile(schema);
    const example = YAML.parse(`
      extends: strict
      rules:
        spec-server-plain-http: off
        route-without-authentication: [warning, { x: 1 }]
        spec-http-basic-auth: { severity: error }
        unused-suppression: info
      authMiddleware: [requireUser]
      publicRoutes: [/health]
      ignore: [legacy/**]
      pairing: [{ spec: api/openapi.yaml, code: src/**, basePath: /api }]
    `) as unknown;
    assert.ok(validate(example), JSON.stringify(validate.errors));
    assert.strictEqual(validate({ extends: 'eslint:recommended' }), false);
    assert.strictEqual(validate({ rules: { 'spec-server-plain-http': 'warn' } }), false);
  });
});
