/** Format-preserving edits for quick fixes: appended entries keep the document's style. */
import * as assert from 'assert';
import { parseOpenApi } from '../../../server/src/engine/openapi/document';
import { addNested, appendEntry, appendItem, ignoreExtensionEdit, tabStop } from '../../../server/src/engine/openapi/edit';
import { createEngine, MemoryFileSystem, type TextEdit } from '../../../server/src/engine';
import rule from '../../../server/src/engine/rules/openapi/spec-api-key-in-url';
import { applyEdits, applyFix, yaml } from '../../helpers';

function apply(file: string, text: string, make: (doc: ReturnType<typeof parseOpenApi>) => TextEdit | undefined): string {
  const edit = make(parseOpenApi(file, text));
  assert.ok(edit, 'expected an edit');
  return applyEdits(text, [edit]);
}

describe('openapi edits', () => {
  it('appends to a YAML block mapping after a trailing comment, at the keys’ column', () => {
    const text = yaml`
      a:
        name:
          type: string # the name
        other: 1`;
    assert.strictEqual(
      apply('/x.yaml', text, (d) => appendEntry(d, ['a', 'name'], 'maxLength', tabStop(1, 256), { snippet: true })),
      yaml`
        a:
          name:
            type: string # the name
            maxLength: \${1:256}
          other: 1`,
    );
  });

  it('appends to a YAML flow mapping and to a mapping inside a sequence item', () => {
    assert.strictEqual(apply('/x.yaml', 'a: { type: string }\n', (d) => appendEntry(d, ['a'], 'maxLength', 10)), 'a: { type: string, maxLength: 10 }\n');
    assert.strictEqual(apply('/x.yaml', 'a: {}\n', (d) => appendEntry(d, ['a'], 'b', { c: 1 })), 'a: { b: { c: 1 } }\n');
    assert.strictEqual(
      apply('/x.yaml', 'p:\n  - name: x\n    in: query\n', (d) => appendEntry(d, ['p', 0], 'schema', { type: 'integer', maximum: 100 })),
      'p:\n  - name: x\n    in: query\n    schema:\n      type: integer\n      maximum: 100\n',
    );
  });

  it('appends to multi-line and single-line JSON objects', () => {
    const text = '{\n  "a": {\n    "type": "string"\n  }\n}\n';
    assert.strictEqual(
      apply('/x.json', text, (d) => appendEntry(d, ['a'], 'maxLength', tabStop(1, 256), { snippet: true })),
      '{\n  "a": {\n    "type": "string",\n    "maxLength": ${1:256}\n  }\n}\n',
    );
    assert.strictEqual(
      apply('/x.json', text, (d) => appendEntry(d, ['a'], 'headers', { 'Retry-After': { schema: { type: 'integer' } } })),
      '{\n  "a": {\n    "type": "string",\n    "headers": {\n      "Retry-After": {\n        "schema": {\n          "type": "integer"\n        }\n      }\n    }\n  }\n}\n',
    );
    assert.strictEqual(apply('/x.json', '{"a": {"b": 1}}', (d) => appendEntry(d, ['a'], 'c', [1, 2])), '{"a": {"b": 1, "c": [1, 2]}}');
    assert.strictEqual(apply('/x.json', '{"a": {}}', (d) => appendEntry(d, ['a'], 'c', true)), '{"a": { "c": true }}');
  });

  it('creates missing nested mappings', () => {
    const text = yaml`
      get:
        responses:
          '200': { description: ok }`;
    assert.strictEqual(
      apply('/x.yaml', text, (d) => addNested(d, ['get'], ['responses', '429'], { description: 'Too many requests' })),
      yaml`
        get:
          responses:
            '200': { description: ok }
            '429':
              description: Too many requests`,
    );
    assert.strictEqual(
      apply('/x.yaml', 'get:\n  summary: s\n', (d) => addNested(d, ['get'], ['responses', '401'], { description: 'No' })),
      "get:\n  summary: s\n  responses:\n    '401':\n      description: \"No\"\n",
    );
  });

  it('appends to sequences in block, flow and JSON style', () => {
    assert.strictEqual(apply('/x.yaml', 'r:\n  - a\n  - b\nz: 1\n', (d) => appendItem(d, ['r'], 'c')), 'r:\n  - a\n  - b\n  - c\nz: 1\n');
    assert.strictEqual(apply('/x.yaml', 'r: [a]\n', (d) => appendItem(d, ['r'], { k: [] })), 'r: [a, { k: [] }]\n');
    assert.strictEqual(apply('/x.json', '{\n  "r": [\n    "a"\n  ]\n}', (d) => appendItem(d, ['r'], 'b')), '{\n  "r": [\n    "a",\n    "b"\n  ]\n}');
    assert.strictEqual(apply('/x.json', '{"r": []}', (d) => appendItem(d, ['r'], 'b')), '{"r": ["b"]}');
  });

  it('escapes snippet syntax outside placeholders', () => {
    assert.strictEqual(
      apply('/x.yaml', 'a:\n  b: 1\n', (d) => appendEntry(d, ['a'], 'pattern', 'a$b}', { snippet: true })),
      'a:\n  b: 1\n  pattern: "a\\$b\\}"\n',
    );
  });

  it('adds x-api-warden-ignore with a reason placeholder, or extends an existing one', () => {
    assert.strictEqual(
      apply('/x.json', '{\n  "get": {\n    "summary": "s"\n  }\n}', (d) => ignoreExtensionEdit(d, ['get'], 'spec-x')),
      '{\n  "get": {\n    "summary": "s",\n    "x-api-warden-ignore": {\n      "spec-x": ${1:"reason"}\n    }\n  }\n}',
    );
    assert.strictEqual(
      apply('/x.yaml', 'get:\n  x-api-warden-ignore: { spec-a: why }\n', (d) => ignoreExtensionEdit(d, ['get'], 'spec-b')),
      'get:\n  x-api-warden-ignore: { spec-a: why, spec-b: ${1:reason} }\n',
    );
  });

  it('ignores a finding in a JSON document with x-api-warden-ignore on its node, then re-lints it as suppressed', async () => {
    const json = JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { securitySchemes: { key: { type: 'apiKey', in: 'query', name: 'k' } } } }, null, 2);
    const fs = new MemoryFileSystem({ '/ws/openapi.json': json });
    const engine = createEngine({ fs, roots: ['/ws'], rules: [rule] });
    const [finding] = (await engine.lintFile('/ws/openapi.json')).findings;
    const fix = engine.ignoreFix(finding);
    assert.ok(fix?.isSnippet);
    const fixed = applyFix(json, fix, '/ws/openapi.json');
    assert.deepStrictEqual(JSON.parse(fixed).components.securitySchemes.key['x-api-warden-ignore'], { 'spec-api-key-in-url': 'reason' });
    engine.setFile('/ws/openapi.json', fixed);
    const again = (await engine.lintFile('/ws/openapi.json')).findings;
    assert.deepStrictEqual(again.map((f) => [f.ruleId, f.suppressed?.kind, f.suppressed?.reason]), [['spec-api-key-in-url', 'extension', 'reason']]);
  });
});
