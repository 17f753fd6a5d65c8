/**
 * Hostile single documents: alias bombs, absurd nesting, documents over the size limit,
 * binary data and broken Unicode, and the line-ending/BOM/tab/duplicate-key cases where
 * positions usually drift. Every case must return (never throw), within a bound relative to
 * a baseline measured in this run, with findings whose ranges stay inside the file.
 */
import * as assert from 'assert';
import { FILE_SKIPPED, PARSE_ERROR, ruleById, type Finding } from '../../server/src/engine';
import { MAX_YAML_NESTING } from '../../server/src/engine/openapi/parse';
import { applyFix } from '../helpers';
import * as gen from './generators';
import { assertInvariants, boundFor, corpusText, lintText, median, memoryEngine, only, rangeText, ROOT } from './support';

const HTTP_RULE = 'spec-server-plain-http';

let baselineMs = 0;

/** Lints one file and checks what every hostile case must satisfy. */
async function hostile(file: string, text: string, settings = {}) {
  const r = await lintText(file, text, { settings });
  assert.ok(r.ms <= boundFor(baselineMs), `took ${r.ms.toFixed(0)} ms; bound ${boundFor(baselineMs).toFixed(0)} ms (baseline ${baselineMs.toFixed(1)} ms)`);
  assertInvariants(r.findings, { [file]: text });
  assert.deepStrictEqual(r.failures, [], 'no rule may crash');
  return r;
}

function parseErrors(findings: readonly Finding[]): Finding[] {
  return only(findings, PARSE_ERROR);
}

describe('robustness: hostile documents', function () {
  this.timeout(120_000);

  before(async () => {
    // Baseline: the seed spec, linted a few times (a fresh engine each time, as the cases are).
    const yamlSpec = corpusText('orders-api.yaml');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push((await lintText(`${ROOT}/openapi.yaml`, yamlSpec + `\n# ${i}\n`)).ms);
    baselineMs = median(times);
  });

  describe('YAML alias bombs', () => {
    it('billion laughs (9^10 nodes once expanded) is a parse error at the first alias, not a hang', async () => {
      const text = gen.aliasBomb(10, 9);
      const r = await hostile(`${ROOT}/bomb.yaml`, text);
      const errors = parseErrors(r.findings);
      assert.strictEqual(errors.length, 1);
      assert.strictEqual(rangeText(text, errors[0]), '*l0');
      assert.deepStrictEqual(only(r.findings, HTTP_RULE), [], 'the document is not analysed');
    });

    it('a bomb of block mappings is caught the same way', async () => {
      const text = gen.aliasBombBlockMappings(14, 4);
      const r = await hostile(`${ROOT}/bomb.yaml`, text);
      assert.strictEqual(parseErrors(r.findings).length, 1);
      assert.strictEqual(rangeText(text, parseErrors(r.findings)[0]), '*m0');
    });

    it('a bomb in a document that also has a syntax error (the tolerant parser) is caught too', async () => {
      const text = gen.aliasBomb(10, 9) + 'broken: [: {\n';
      const r = await hostile(`${ROOT}/bomb.yaml`, text);
      assert.ok(parseErrors(r.findings).length >= 1);
      assert.deepStrictEqual(only(r.findings, HTTP_RULE), []);
    });

    it('an alias inside its own anchor (a cycle) is a parse error, not an endless walk', async () => {
      for (const cycle of ['x-loop: &a [*a]\n', 'x-loop: &a {self: *a}\n', 'x-loop: &a\n  child:\n    back: *a\n']) {
        const text = gen.specHead(cycle);
        const r = await hostile(`${ROOT}/cycle.yaml`, text);
        assert.strictEqual(parseErrors(r.findings).length, 1, cycle);
        assert.strictEqual(rangeText(text, parseErrors(r.findings)[0]), '*a');
      }
    });

    it('ordinary aliases (shared responses, merge keys) are analysed as usual', async () => {
      const text = gen.mergeChain(50) + 'x-shared: &s {description: ok}\nx-uses: [*s, *s, *s]\n';
      const r = await hostile(`${ROOT}/aliases.yaml`, text);
      assert.deepStrictEqual(parseErrors(r.findings), []);
      assert.strictEqual(only(r.findings, HTTP_RULE).length, 1);
    });

    it('a long merge-key chain that expands quadratically past the limit is stopped', async () => {
      const text = gen.mergeChain(3000);
      const r = await hostile(`${ROOT}/merge.yaml`, text);
      assert.strictEqual(parseErrors(r.findings).length, 1);
    });
  });

  describe('10,000-level nesting', () => {
    const yamlCases: [string, (d: number) => string][] = [
      ['flow sequences', gen.yamlFlowSequences],
      ['flow mappings', gen.yamlFlowMappings],
      ['compact block sequences', gen.yamlCompactSequences],
    ];
    for (const [name, make] of yamlCases) {
      it(`YAML ${name}: one parse error where nesting passes ${MAX_YAML_NESTING} levels`, async () => {
        const text = make(10_000);
        const r = await hostile(`${ROOT}/deep.yaml`, text);
        const errors = parseErrors(r.findings);
        assert.strictEqual(errors.length, 1);
        // At the node that went one level too deep: well inside the nested value, not at 0.
        const deepStart = text.indexOf('x-deep');
        assert.ok(errors[0].range.start > deepStart + MAX_YAML_NESTING && errors[0].range.end > errors[0].range.start, JSON.stringify(errors[0].range));
        assert.deepStrictEqual(only(r.findings, HTTP_RULE), [], 'not analysed');
      });
    }

    it(`YAML block mappings past ${MAX_YAML_NESTING} levels (indentation grows quadratically, so 1,100)`, async () => {
      const r = await hostile(`${ROOT}/deep.yaml`, gen.yamlBlockMappings(MAX_YAML_NESTING + 100));
      assert.strictEqual(parseErrors(r.findings).length, 1);
    });

    it('YAML just under the limit is still analysed', async () => {
      const r = await hostile(`${ROOT}/deep.yaml`, gen.yamlFlowSequences(MAX_YAML_NESTING - 10));
      assert.deepStrictEqual(parseErrors(r.findings), []);
      assert.strictEqual(only(r.findings, HTTP_RULE).length, 1);
    });

    it('deep YAML after a syntax error (the recursive tolerant parser) gives a parse error, not a stack overflow', async () => {
      const text = gen.specHead('broken: [}\n') + `x-deep: ${'['.repeat(10_000)}\n`;
      const r = await hostile(`${ROOT}/deep.yaml`, text);
      assert.ok(parseErrors(r.findings).length >= 1);
    });

    for (const [name, make] of [['arrays', gen.jsonDeepArrays], ['objects', gen.jsonDeepObjects]] as const) {
      for (const depth of [10_000, 100_000]) {
        it(`valid JSON with ${depth.toLocaleString('en-US')} nested ${name} is analysed; findings survive`, async () => {
          const text = make(depth);
          const r = await hostile(`${ROOT}/deep.json`, text);
          assert.strictEqual(only(r.findings, HTTP_RULE).length, 1, 'the plain-HTTP server is still reported');
        });
      }
    }

    it('broken JSON nested 10,000 deep gives a parse error', async () => {
      const r = await hostile(`${ROOT}/deep.json`, gen.jsonDeepBroken(10_000));
      assert.ok(parseErrors(r.findings).length >= 1);
    });

    for (const [name, make] of Object.entries(gen.TS_NESTING)) {
      it(`TypeScript: 10,000 nested ${name} never throw (skipped with one finding when the parser cannot cope)`, async () => {
        const file = `${ROOT}/src/deep.ts`;
        const text = make(10_000);
        const r = await hostile(file, text);
        const skipped = only(r.findings, FILE_SKIPPED);
        assert.ok(skipped.length <= 1, 'said once');
        for (const f of skipped) assert.strictEqual(f.severity, 'info');
      });
    }
  });

  describe('parse errors after a stray token', () => {
    // One `}` at the top level makes `yaml` report every later token (the fuzzer's find: 17,000
    // errors in a 150 KB document, some quoting `{{{FIRST_NAME}}}` templates from its examples).
    const body = Array.from({ length: 400 }, (_, i) => `  op${i}:\n    example: 'Hello {{{FIRST_NAME|there}}} ${i}'\n`).join('');
    const text = `openapi: 3.0.3\n}\nx-first: 'Hi {{{NAME}}}'\ninfo: { title: t, version: '1' }\npaths: {}\nx-examples:\n${body}x-long: '${'y'.repeat(3000)}'\n`;

    it('lists the first 20, then one "more" with the count; messages stay brief and count as filled', async () => {
      const r = await hostile(`${ROOT}/openapi.yaml`, text);
      const errors = parseErrors(r.findings);
      assert.strictEqual(errors.length, 21);
      assert.ok(errors.slice(0, 20).every((e) => e.messageId === 'syntax'));
      assert.strictEqual(errors[20].messageId, 'more');
      assert.ok(errors[20].range.start >= errors[19].range.start, 'the summary sits where the unlisted errors begin');
      assert.match(rangeText(text, errors[0]), /^\}/, 'the first error is the stray brace');
      for (const e of errors) assert.ok(e.message.length <= 200, `a brief message: ${e.message.length} characters`);
    });
  });

  describe('size limit (maxFileBytes)', () => {
    const settings = { maxFileBytes: 20_000 };

    it('a spec over the limit gets one information finding and no analysis', async () => {
      const text = gen.specHead(`x-padding: "${'x'.repeat(30_000)}"\n`);
      const r = await hostile(`${ROOT}/big.yaml`, text, settings);
      assert.deepStrictEqual(r.findings.map((f) => [f.ruleId, f.severity]), [[FILE_SKIPPED, 'info']]);
    });

    it('a code file over the limit says so once, in lintFile and in an audit', async () => {
      const file = `${ROOT}/src/generated.ts`;
      const text = Array.from({ length: 2000 }, (_, i) => `export const value${i} = ${i};`).join('\n');
      const r = await hostile(file, text, settings);
      assert.deepStrictEqual(r.findings.map((f) => [f.ruleId, f.severity]), [[FILE_SKIPPED, 'info']]);
      const engine = memoryEngine({ [file]: text, [`${ROOT}/big.yaml`]: gen.specHead(`x-pad: "${'x'.repeat(30_000)}"\n`) }, { settings });
      const audit = await engine.audit();
      assert.strictEqual(audit.findings.filter((f) => f.file === file).length, 1);
      assert.strictEqual(audit.findings.filter((f) => f.file === `${ROOT}/big.yaml`).length, 1);
    });

    it('a spec just under the limit is analysed', async () => {
      const text = gen.specHead(`x-padding: "${'x'.repeat(15_000)}"\n`);
      const r = await hostile(`${ROOT}/ok.yaml`, text, settings);
      assert.strictEqual(only(r.findings, HTTP_RULE).length, 1);
    });
  });

  describe('binary data and broken Unicode', () => {
    for (let seed = 1; seed <= 5; seed++) {
      it(`binary noise after a spec header, as .yaml, .json and .ts (seed ${seed})`, async () => {
        // latin1 keeps every byte as one char: what a mis-detected binary file looks like in memory.
        const noise = gen.invalidUtf8(seed, 20_000).toString('latin1');
        const utf8 = gen.invalidUtf8(seed, 20_000).toString('utf8'); // U+FFFD where bytes are invalid
        await hostile(`${ROOT}/bin.yaml`, gen.specHead() + noise);
        await hostile(`${ROOT}/bin.yaml`, gen.specHead() + utf8);
        await hostile(`${ROOT}/bin.json`, `{\n"openapi": "3.0.0",\n${noise}`);
        await hostile(`${ROOT}/bin.ts`, `import express from 'express';\n${utf8}`);
      });
    }

    it('lone surrogates, NUL, bidi and escape characters in keys, values and comments', async () => {
      for (const c of gen.WEIRD_CHARS) {
        const text = gen.specHead(`paths:\n  /a${c}:\n    get:\n      summary: "x${c}y" # ${c}\n      responses: {'200': {description: ok}}\n`);
        await hostile(`${ROOT}/weird.yaml`, text);
        await hostile(`${ROOT}/weird.ts`, `import express from 'express';\nconst app = express();\napp.get('/a${c}', (q, s) => s.send('${c}')); // ${c}\n`);
      }
    });
  });

  describe('positions stay exact (BOM, CRLF, CR, tabs, duplicate keys, astral characters)', () => {
    const url = gen.HTTP_SERVER;
    const cases: [string, string, string][] = [
      ['LF', 'openapi.yaml', `openapi: 3.0.3\nservers:\n  - url: ${url}\n`],
      ['BOM + LF', 'openapi.yaml', `\uFEFFopenapi: 3.0.3\nservers:\n  - url: ${url}\n`],
      ['CRLF', 'openapi.yaml', `openapi: 3.0.3\r\nservers:\r\n  - url: ${url}\r\n`],
      ['BOM + CRLF', 'openapi.yaml', `\uFEFFopenapi: 3.0.3\r\nservers:\r\n  - url: ${url}\r\n`],
      ['CR only', 'openapi.yaml', `openapi: 3.0.3\rservers:\r  - url: ${url}\r`],
      ['tabs as separators', 'openapi.yaml', `openapi:\t3.0.3\nservers:\n  - url:\t${url}\t# tab\n`],
      ['tabs in flow collections', 'openapi.yaml', `openapi: 3.0.3\nservers: [\t{url:\t"${url}"\t}\t]\n`],
      ['duplicate keys (last wins)', 'openapi.yaml', `openapi: 3.0.3\nservers:\n  - url: http://first.example.com\n    url: ${url}\n`],
      ['duplicate servers keys', 'openapi.yaml', `openapi: 3.0.3\nservers:\n  - url: http://first.example.com\nservers:\n  - url: ${url}\n`],
      ['BOM + CRLF + duplicate keys', 'openapi.yaml', `\uFEFFopenapi: 3.0.3\r\nservers:\r\n  - url: http://first.example.com\r\n    url: ${url}\r\n`],
      ['astral characters before the finding', 'openapi.yaml', `openapi: 3.0.3\ninfo: {title: "😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀"}\nservers:\n  - url: ${url}\n`],
      ['quoted value and comment', 'openapi.yaml', `openapi: 3.0.3\nservers:\n  - url: "${url}" # http://not-this.example.com\n`],
      ['tolerant path (syntax error elsewhere) + BOM + CRLF', 'openapi.yaml', `\uFEFFopenapi: 3.0.3\r\nx-broken: [\r\nservers:\r\n  - url: ${url}\r\n`],
      ['JSON with BOM + CRLF', 'openapi.json', `\uFEFF{\r\n  "openapi": "3.0.3",\r\n  "servers": [{"url": "${url}"}]\r\n}\r\n`],
      ['JSON duplicate keys', 'openapi.json', `{\n  "openapi": "3.0.3",\n  "servers": [{"url": "http://first.example.com", "url": "${url}"}]\n}\n`],
      ['JSON with tabs', 'openapi.json', `{\n\t"openapi":\t"3.0.3",\n\t"servers":\t[{"url":\t"${url}"}]\n}\n`],
      ['broken JSON (tolerant path) with duplicate keys', 'openapi.json', `{\n  "openapi": "3.0.3",\n  "servers": [{"url": "http://first.example.com", "url": "${url}"}],\n}\n`],
    ];
    for (const [name, filename, text] of cases) {
      it(name, async () => {
        const file = `${ROOT}/${filename}`;
        const r = await hostile(file, text);
        const http = only(r.findings, HTTP_RULE);
        assert.strictEqual(http.length, 1, `one ${HTTP_RULE} finding`);
        const f = http[0];
        assert.strictEqual(rangeText(text, f).replace(/^(["'])(.*)\1$/, '$2'), url, 'the range covers the URL');
        if (f.fix) {
          // The rule's fix edits at the same offsets: the result differs by exactly one 's'.
          const fixed = applyFix(text, f.fix, file);
          assert.strictEqual(fixed, text.slice(0, f.range.start) + rangeText(text, f).replace('http://', 'https://') + text.slice(f.range.end));
        }
        assert.ok(ruleById(HTTP_RULE), 'the rule exists');
      });
    }
  });
});
