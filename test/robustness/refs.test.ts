/**
 * `$ref`s that loop, dangle, point at nonsense or at the network. Resolution must terminate,
 * never throw, and never fetch anything: every case runs with the network tripwires installed.
 * The cross-file cases exercise multi-file resolution (a spec and the files it references).
 */
import * as assert from 'assert';
import { createEngine, MemoryFileSystem, type Engine } from '../../server/src/engine';
import { specHead } from './generators';
import { assertInvariants, boundFor, corpusText, median, now, ROOT } from './support';
import { installTripwires } from './tripwires';

let baselineMs = 0;

/** Lints every file and audits the workspace, with the tripwires armed; returns the engine. */
async function resolveSafely(files: Record<string, string>, base = baselineMs): Promise<Engine> {
  const engine = createEngine({ fs: new MemoryFileSystem(files), roots: [ROOT] });
  const wires = installTripwires();
  try {
    for (const file of Object.keys(files)) {
      const t = now();
      const r = await engine.lintFile(file);
      assert.ok(now() - t <= boundFor(base), `lintFile ${file}: ${(now() - t).toFixed(0)} ms`);
      assertInvariants(r.findings, files);
      assert.deepStrictEqual(r.failures, [], `no rule may crash on ${file}`);
    }
    const t = now();
    const audit = await engine.audit();
    assert.ok(now() - t <= boundFor(base * Object.keys(files).length), `audit: ${(now() - t).toFixed(0)} ms`);
    assertInvariants(audit.findings, files);
    assert.deepStrictEqual(audit.failures, []);
  } finally {
    wires.restore();
  }
  assert.deepStrictEqual(wires.attempts, [], 'nothing was fetched, spawned or loaded');
  return engine;
}

/** A spec whose one operation's response schema is `schema`, plus extra components. */
function withSchema(schema: string, components = ''): string {
  return specHead(
    [
      'paths:',
      '  /a:',
      '    get:',
      '      responses:',
      "        '200':",
      '          description: ok',
      '          content:',
      `            application/json: {schema: ${schema}}`,
      'components:',
      '  schemas:',
      components,
    ].join('\n') + '\n',
  );
}

describe('robustness: $ref cycles, dangling and remote references', function () {
  this.timeout(120_000);

  before(async () => {
    const text = corpusText('orders-api.yaml');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const engine = createEngine({ fs: new MemoryFileSystem({ [`${ROOT}/openapi.yaml`]: text + `\n# ${i}\n` }), roots: [ROOT] });
      const t = now();
      await engine.lintFile(`${ROOT}/openapi.yaml`);
      times.push(now() - t);
    }
    baselineMs = median(times);
  });

  describe('within one document', () => {
    const cases: Record<string, string> = {
      'a schema that is its own $ref': withSchema("{$ref: '#/components/schemas/A'}", "    A: {$ref: '#/components/schemas/A'}"),
      'two schemas that refer to each other': withSchema("{$ref: '#/components/schemas/A'}", "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}"),
      'a recursive schema (items, properties, allOf, additionalProperties)': withSchema(
        "{$ref: '#/components/schemas/Node'}",
        "    Node:\n      type: object\n      properties:\n        children: {type: array, items: {$ref: '#/components/schemas/Node'}}\n        parent: {$ref: '#/components/schemas/Node'}\n      allOf: [{$ref: '#/components/schemas/Node'}]\n      additionalProperties: {$ref: '#/components/schemas/Node'}\n      not: {$ref: '#/components/schemas/Node'}",
      ),
      'a $ref to the whole document': withSchema("{$ref: '#'}", "    A: {$ref: '#'}"),
      'a path item that refers to itself': specHead("paths:\n  /a: {$ref: '#/paths/~1a'}\n  /b: {$ref: '#/paths/~1c'}\n  /c: {$ref: '#/paths/~1b'}\n"),
      'a security scheme, parameter and response that refer to themselves': specHead(
        [
          'security: [{loop: []}]',
          'paths:',
          '  /a:',
          '    get:',
          "      parameters: [{$ref: '#/components/parameters/P'}]",
          "      responses: {'200': {$ref: '#/components/responses/R'}}",
          'components:',
          "  securitySchemes: {loop: {$ref: '#/components/securitySchemes/loop'}}",
          "  parameters: {P: {$ref: '#/components/parameters/P'}}",
          "  responses: {R: {$ref: '#/components/responses/R'}}",
          '',
        ].join('\n'),
      ),
      'dangling, malformed and non-string refs': withSchema(
        "{oneOf: [{$ref: '#/components/schemas/Nope'}, {$ref: '#/a%zz'}, {$ref: '#components'}, {$ref: ''}, {$ref: 42}, {$ref: {}}, {$ref: [1]}, {$ref: '#/components/schemas/A/properties/x/items/0'}]}",
        '    A: {type: object}',
      ),
    };
    for (const [name, text] of Object.entries(cases)) {
      it(name, async () => {
        await resolveSafely({ [`${ROOT}/openapi.yaml`]: text });
      });
    }

    for (const [name, last] of [['ending in a loop', 'S0'], ['ending in a schema', 'End']]) {
      it(`a chain of 10,000 schemas, each the $ref of the next, ${name} (it took minutes: quadratic)`, async () => {
        // Baseline: the same number of schemas without references, linted in this run.
        const plain = Array.from({ length: 10_000 }, (_, i) => `    S${i}: {type: object}`).join('\n');
        const file = `${ROOT}/openapi.yaml`;
        const engine = createEngine({ fs: new MemoryFileSystem({ [file]: withSchema("{$ref: '#/components/schemas/S0'}", plain) }), roots: [ROOT] });
        const t = now();
        await engine.lintFile(file);
        const base = now() - t;
        const lines: string[] = [];
        for (let i = 0; i < 10_000; i++) lines.push(`    S${i}: {$ref: '#/components/schemas/${i === 9_999 ? last : `S${i + 1}`}'}`);
        lines.push('    End: {type: object}');
        await resolveSafely({ [file]: withSchema("{$ref: '#/components/schemas/S0'}", lines.join('\n')) }, base);
      });
    }

    it('a schema nested 500 levels deep through properties', async () => {
      let schema = '{type: string}';
      for (let i = 0; i < 500; i++) schema = `{type: object, properties: {p: ${schema}}}`;
      await resolveSafely({ [`${ROOT}/openapi.yaml`]: withSchema(schema, '    A: {type: object}') });
    });
  });

  describe('to missing files and remote URLs (never fetched)', () => {
    it('remote, protocol-relative, file:, data: and javascript: references', async () => {
      const refs = [
        'https://evil.example/spec.yaml#/components/schemas/A',
        'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
        'HTTP://EVIL.EXAMPLE/x',
        '//evil.example/x.yaml',
        'file:///etc/passwd',
        'ftp://evil.example/x.yaml',
        'data:application/json,{"type":"string"}',
        'javascript:alert(1)',
        'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66',
      ];
      await resolveSafely({ [`${ROOT}/openapi.yaml`]: withSchema(`{oneOf: [${refs.map((r) => `{$ref: '${r}'}`).join(', ')}]}`, '    A: {type: object}') });
    });

    it('missing files, folders, code files, files outside the workspace, over the size limit', async () => {
      const refs = ['./nope.yaml', './nope.yaml#/components/schemas/A', '../../../../../../etc/passwd', '/etc/shadow#/x', './folder/', './src/app.ts#/x', './big.yaml#/x', './bin.yaml#/x', '%zz.yaml', './a%2Fb.yaml'];
      await resolveSafely({
        [`${ROOT}/openapi.yaml`]: withSchema(`{oneOf: [${refs.map((r) => `{$ref: '${r}'}`).join(', ')}]}`, '    A: {type: object}'),
        [`${ROOT}/folder/x.yaml`]: 'type: string\n',
        [`${ROOT}/src/app.ts`]: corpusText('express-app.ts.txt'),
        [`${ROOT}/bin.yaml`]: '\u0000\u0001\uFFFD\uD800 binary',
        [`${ROOT}/big.yaml`]: `x: "${'x'.repeat(100_000)}"\n`,
      });
    });
  });

  describe('across files', () => {
    it('two files whose schemas refer to each other', async () => {
      await resolveSafely({
        [`${ROOT}/openapi.yaml`]: withSchema("{$ref: './schemas.yaml#/A'}", '    Local: {type: object}'),
        [`${ROOT}/schemas.yaml`]: "A: {type: object, properties: {b: {$ref: '#/B'}, back: {$ref: './openapi.yaml#/components/schemas/Loop'}}}\nB: {$ref: '#/A'}\n",
        [`${ROOT}/other.yaml`]: "Loop: {$ref: './schemas.yaml#/A'}\n",
      });
    });

    it('a spec that refers to itself by file name, and to itself as a whole', async () => {
      await resolveSafely({
        [`${ROOT}/openapi.yaml`]: withSchema("{$ref: './openapi.yaml#/components/schemas/A'}", "    A: {$ref: './openapi.yaml#/components/schemas/A'}\n    B: {$ref: './openapi.yaml'}\n    C: {$ref: 'openapi.yaml#'}"),
      });
    });

    it('a ring of 200 files, each referring to the next', async () => {
      const files: Record<string, string> = { [`${ROOT}/openapi.yaml`]: withSchema("{$ref: './ring/f0.yaml#/S'}", '    A: {type: object}') };
      for (let i = 0; i < 200; i++) files[`${ROOT}/ring/f${i}.yaml`] = `S: {type: object, properties: {next: {$ref: './f${(i + 1) % 200}.yaml#/S'}}}\n`;
      await resolveSafely(files);
    });

    it('two specs that refer to each other’s paths and components', async () => {
      await resolveSafely({
        [`${ROOT}/a.yaml`]: specHead("paths:\n  /a: {$ref: './b.yaml#/paths/~1b'}\ncomponents:\n  schemas:\n    A: {$ref: './b.yaml#/components/schemas/B'}\n"),
        [`${ROOT}/b.yaml`]: specHead("paths:\n  /b: {$ref: './a.yaml#/paths/~1a'}\ncomponents:\n  schemas:\n    B: {$ref: './a.yaml#/components/schemas/A'}\n"),
      });
    });
  });
});
