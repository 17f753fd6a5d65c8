import * as assert from 'assert';
import * as fs from 'fs';
import * as jsyaml from 'js-yaml';
import * as path from 'path';
import { parseText, type ParsedText } from '../../../server/src/engine/openapi/parse';
import type { PositionIndex } from '../../../server/src/engine/openapi/position-index';
import { reparseEdit } from '../../../server/src/engine/openapi/reparse';
import { yaml } from '../../helpers';

/** Every node of both indexes, walked in parallel: same ranges, keys, kinds and children. */
function assertSameIndex(actual: PositionIndex, expected: PositionIndex, text: string): void {
  const describe = (ix: PositionIndex, id: number) =>
    `${ix.keyOf(id) ?? '-'} [${ix.keyStartOf(id)},${ix.keyEndOf(id)}) kind ${ix.kindOf(id)} [${ix.startOf(id)},${ix.endOf(id)})`;
  const same = (a: number, e: number) =>
    actual.keyOf(a) === expected.keyOf(e) && actual.keyStartOf(a) === expected.keyStartOf(e) && actual.keyEndOf(a) === expected.keyEndOf(e) &&
    actual.kindOf(a) === expected.kindOf(e) && actual.startOf(a) === expected.startOf(e) && actual.endOf(a) === expected.endOf(e);
  const stack: [number, number][] = [[actual.root, expected.root]];
  while (stack.length) {
    const [a, e] = stack.pop()!;
    if (!same(a, e)) {
      assert.fail(`index differs at ${JSON.stringify(text.slice(expected.startOf(e), expected.startOf(e) + 40))}: ${describe(actual, a)} != ${describe(expected, e)}`);
    }
    let ca = actual.firstChildOf(a);
    let ce = expected.firstChildOf(e);
    while (ca !== -1 || ce !== -1) {
      if (ca === -1 || ce === -1) assert.fail(`children differ under ${describe(expected, e)}`);
      stack.push([ca, ce]);
      ca = actual.nextSiblingOf(ca);
      ce = expected.nextSiblingOf(ce);
    }
  }
}

/** Reparse must give exactly the full parse, or decline. Returns what to continue from. */
function check(previous: ParsedText, oldText: string, text: string): { parsed: ParsedText; reparsed: boolean; valid: boolean } {
  const re = reparseEdit(previous, oldText, text);
  // Broken YAML would take the slow tolerant parse; js-yaml alone says whether it is broken.
  try {
    jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: true });
  } catch {
    assert.strictEqual(re, undefined, 'reparsed an edit that makes the YAML invalid');
    return { parsed: previous, reparsed: false, valid: false };
  }
  const full = parseText(text, 'yaml');
  if (!re) return { parsed: full, reparsed: false, valid: true };
  assert.strictEqual(full.errors.length, 0, `reparsed an edit the full parse rejects: ${full.errors[0]?.message}`);
  // Same values, same key order (JSON text compares both, and fast on large documents).
  const a = JSON.stringify(re.value);
  const b = JSON.stringify(full.value);
  if (a !== b) {
    let i = 0;
    while (a[i] === b[i]) i++;
    let j = 0;
    while (j < oldText.length && oldText[j] === text[j]) j++;
    assert.fail(`value differs after the edit at ${j} (${JSON.stringify(oldText.slice(j - 30, j + 30))} -> ${JSON.stringify(text.slice(j - 30, j + 30))}): ` +
      `${JSON.stringify(a.slice(i - 80, i + 80))} != ${JSON.stringify(b.slice(i - 80, i + 80))}`);
  }
  assertSameIndex(re.positions(), full.positions(), text);
  return { parsed: re, reparsed: true, valid: true };
}

const edit = (text: string, at: number, remove: number, insert: string) => text.slice(0, at) + insert + text.slice(at + remove);

const DOC = yaml`
  openapi: 3.0.3
  info:
    title: Shop
    version: '1'
  paths:
    /orders:
      get:
        operationId: listOrders
        description: |
          Lists orders.
        responses:
          '200':
            description: ok
      # a comment between operations
      post:
        operationId: createOrder
        responses: {'201': {description: created}}
    /orders/{id}:
      get:
        operationId: getOrder
        parameters:
          - name: id
            in: path
        responses:
          '200':
            description: ok
  components:
    schemas:
      Order:
        type: object
        properties:
          id: {type: string}
          total:
            type: number
`;

describe('reparseEdit (YAML edits re-parse only the entry they touch)', () => {
  it('re-parses an edit inside an operation and matches a full parse', () => {
    const prev = parseText(DOC, 'yaml');
    const at = DOC.indexOf('getOrder') + 'getOrder'.length;
    const r = check(prev, DOC, edit(DOC, at, 0, 'ById'));
    assert.ok(r.reparsed);
  });

  it('renames a key in place (order kept) and matches a full parse', () => {
    const prev = parseText(DOC, 'yaml');
    const at = DOC.indexOf('/orders/{id}:');
    const text = edit(DOC, at, '/orders/{id}'.length, '/orders/{orderId}');
    const r = check(prev, DOC, text);
    assert.ok(r.reparsed);
    assert.deepStrictEqual(Object.keys((r.parsed.value as { paths: object }).paths), ['/orders', '/orders/{orderId}']);
  });

  it('updates the ends of the ancestors when the last entry of the document changes', () => {
    const prev = parseText(DOC, 'yaml');
    const at = DOC.lastIndexOf('number') + 'number'.length;
    for (const insert of ['x', '   ', '\n          format: double', '  # trailing comment']) {
      const r = check(prev, DOC, edit(DOC, at, 0, insert));
      assert.ok(r.reparsed, JSON.stringify(insert));
    }
  });

  it('handles lines added and removed inside an entry, and chains of edits', () => {
    let text = DOC;
    let prev = parseText(text, 'yaml');
    let reparsed = 0;
    const line = DOC.slice(DOC.lastIndexOf('\n', DOC.indexOf('operationId: createOrder')) + 1, DOC.indexOf('operationId: createOrder'));
    for (let i = 0; i < 30; i++) {
      const anchor = text.indexOf('operationId: createOrder') + 'operationId: createOrder'.length;
      const added = (n: number) => `\n${line}summary: step ${n}`;
      const next = i % 2 === 0 ? edit(text, anchor, 0, added(i)) : edit(text, anchor, added(i - 1).length, '');
      const r = check(prev, text, next);
      if (r.reparsed) reparsed++;
      prev = r.parsed;
      text = next;
    }
    // A small document re-parses fully now and then: the replaced nodes left in the index
    // may not outgrow the live ones.
    assert.ok(reparsed >= 20, `${reparsed} of 30`);
  });

  it('declines what it cannot do exactly: new top-level lines, anchors, keep chomping, collisions, broken YAML', () => {
    const prev = parseText(DOC, 'yaml');
    const at = DOC.indexOf('  /orders/{id}:');
    const cases: [string, string][] = [
      ['a sibling entry added', edit(DOC, at, 0, '  /carts:\n    get: {}\n')],
      ['an anchor', edit(DOC, DOC.indexOf('ok') + 2, 0, ' &x')],
      ['keep chomping', edit(DOC, DOC.indexOf('description: |'), 'description: |'.length, 'description: |+')],
      ['a key that collides with a sibling', edit(DOC, DOC.indexOf('post:'), 4, 'get')],
      ['an unclosed quote', edit(DOC, DOC.indexOf('getOrder'), 0, '"')],
      ['a tab', edit(DOC, DOC.indexOf('        operationId: getOrder'), 0, '\t')],
    ];
    for (const [name, text] of cases) {
      const full = parseText(text, 'yaml');
      const re = reparseEdit(prev, DOC, text);
      if (re) {
        // Declining is not required when the result is still exactly right.
        assert.strictEqual(full.errors.length, 0, name);
        assert.deepStrictEqual(re.value, full.value, name);
      }
    }
  });

  it('a key with an empty value does not own the lines after it (deleting the next key re-parents its lines)', () => {
    // The spec-edit differential test's find: `parameters:` (null) followed by `get:`; deleting the
    // `get:` line puts get's lines under `parameters`, which only a parse of both entries sees.
    const text = 'parameters:\nget:\n  responses:\n    200: { description: ok }\ndelete:\n  responses: {}\n';
    for (const [from, to] of [['get:\n', ''], ['get:\n', '# get:\n'], ['parameters:\n', '']]) {
      check(parseText(text, 'yaml'), text, text.replace(from, to));
    }
    const nested = 'paths:\n  /a:\n    parameters:\n    # a comment\n\n    get:\n      responses: {}\n';
    check(parseText(nested, 'yaml'), nested, nested.replace('    get:\n', ''));
    check(parseText(nested, 'yaml'), nested, nested.replace('    parameters:\n', '    parameters: []\n'));
  });

  it('random line deletions and duplications of the bundled descriptions match a full parse', () => {
    const repo = path.resolve(__dirname, '../../../..');
    const files = ['examples/demo-shop/openapi.yaml', 'test/fixtures/workspaces/spec-code-drift/openapi.yaml', 'test/fixtures/workspaces/split-spec-drift/paths/customer.yaml'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let reparsed = 0;
    let checked = 0;
    for (const f of [DOC, ...files.map((rel) => fs.readFileSync(path.join(repo, rel), 'utf8'))]) {
      let text = f;
      let prev = parseText(text, 'yaml');
      for (let i = 0; i < 150; i++) {
        const lines = text.split('\n');
        const at = random(lines.length);
        if (random(2) === 0) lines.splice(at, 1);
        else lines.splice(at, 0, lines[at]);
        // now and then back to the original, so the edits do not wear the document down
        const next = random(10) === 0 ? f : lines.join('\n');
        const r = check(prev, text, next);
        checked++;
        if (r.reparsed) reparsed++;
        if (r.valid) {
          prev = r.parsed;
          text = next;
        }
      }
    }
    assert.ok(reparsed > checked / 10, `some edits were re-parsed: ${reparsed} of ${checked}`);
  });

  it('never reuses a document that has aliases, or one parsed with errors', () => {
    const withAlias = 'a: &x {b: 1}\nc: *x\nd:\n  e: 1\n';
    const prev = parseText(withAlias, 'yaml');
    assert.strictEqual(reparseEdit(prev, withAlias, withAlias.replace('e: 1', 'e: 2')), undefined);
  });

  // Random edits of real descriptions: whenever reparse answers, it equals a full parse.
  const specs = path.resolve(__dirname, '../../../../..', 'shared', 'specs');
  const file = process.env.REPARSE_FILE ?? path.join(specs, 'twilio-messaging_v1.yaml');
  const real = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  (real ? it : it.skip)(`random edits of a real document match a full parse${real ? '' : ' (skipped: ../shared/specs is absent)'}`, function () {
    this.timeout(0);
    // REPARSE_EDITS / REPARSE_SEED / REPARSE_FILE make a longer stress run of the same check.
    const EDITS = Number(process.env.REPARSE_EDITS ?? 200);
    let text = real!;
    let prev = parseText(text, 'yaml');
    let seed = Number(process.env.REPARSE_SEED ?? 42);
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const inserts = ['x', ' ', 'Y1', ': ', '#', ' # c', '"', "'", '{', '[a', '-', '&a ', '*a', '|', '\n', '\n      extra: 1', '\n  - item', '\t'];
    let reparsed = 0;
    for (let i = 0; i < EDITS; i++) {
      const lines = text.split('\n');
      const line = random(lines.length);
      let lineStart = 0;
      for (let j = 0; j < line; j++) lineStart += lines[j].length + 1;
      const lineText = lines[line];
      const kind = random(3);
      let next: string;
      if (kind === 0) next = edit(text, lineStart + lineText.length, 0, inserts[random(inserts.length)]);
      else if (kind === 1 && lineText.length > 0) next = edit(text, lineStart + random(lineText.length), 1, '');
      else next = edit(text, lineStart + random(lineText.length + 1), 0, inserts[random(inserts.length)]);
      const r = check(prev, text, next);
      if (r.reparsed) reparsed++;
      // Keep going from valid texts only, so the walk stays in documents worth editing.
      if (r.valid && r.parsed.errors.length === 0) {
        prev = r.parsed;
        text = next;
      }
    }
    assert.ok(reparsed > EDITS / 3, `only ${reparsed} of ${EDITS} edits were re-parsed incrementally`);
  });
});
