/**
 * The OpenAPI structure validators generated at build time (scripts/gen-validators.mjs, ajv's
 * standalone code) must be exactly what the runtime fallback compiles, or precompiled and
 * fallback runs would report different problems.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import standalone from 'ajv/dist/standalone';
import { compileOasValidator, OAS_VERSIONS } from '../../../server/src/engine/openapi/oas-schemas';

// out/test/unit/engine -> out/server/src/engine/openapi/generated (an index and one file per version)
const GENERATED_DIR = path.resolve(__dirname, '../../../server/src/engine/openapi/generated');
const GENERATED = path.join(GENERATED_DIR, 'oas-validators.js');

describe('precompiled OpenAPI structure validators', () => {
  it('are generated next to the compiled validate.js (npm run compile)', () => {
    assert.ok(fs.existsSync(GENERATED), `${GENERATED} is missing: run \`npm run compile\` (it runs scripts/gen-validators.mjs)`);
  });

  for (const version of OAS_VERSIONS) {
    it(`hold the code ajv compiles for OpenAPI ${version} now (not stale)`, function () {
      this.timeout(60_000);
      const { ajv, validate } = compileOasValidator(version, true);
      const text = fs.readFileSync(path.join(GENERATED_DIR, `oas-validator-${version}.js`), 'utf8');
      assert.ok(text.includes(standalone(ajv, validate)), `the generated ${version} validator differs from a fresh compile: run \`node scripts/gen-validators.mjs\``);
    });
  }

  it('are the ones validate.ts uses', () => {
    // A plain require: the generated module is JavaScript outside the TypeScript project.
    const mod = require(GENERATED) as { validatorFor(v: string): unknown };
    for (const version of OAS_VERSIONS) assert.strictEqual(typeof mod.validatorFor(version), 'function');
    assert.strictEqual(mod.validatorFor('4.0'), undefined);
  });
});
