import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { indexJson, indexValidJson } from '../../../server/src/engine/openapi/parse';
import type { PositionIndex } from '../../../server/src/engine/openapi/position-index';

/** Both indexes node by node: same ranges, keys, kinds and children. */
function assertSame(actual: PositionIndex, expected: PositionIndex): void {
  assert.strictEqual(actual.size, expected.size, 'node count');
  const stack: [number, number][] = [[actual.root, expected.root]];
  while (stack.length) {
    const [a, e] = stack.pop()!;
    const show = (ix: PositionIndex, id: number) => `${ix.keyOf(id)} [${ix.keyStartOf(id)},${ix.keyEndOf(id)}) ${ix.kindOf(id)} [${ix.startOf(id)},${ix.endOf(id)})`;
    if (show(actual, a) !== show(expected, e)) assert.fail(`${show(actual, a)} != ${show(expected, e)}`);
    let ca = actual.firstChildOf(a);
    let ce = expected.firstChildOf(e);
    while (ca !== -1 || ce !== -1) {
      if (ca === -1 || ce === -1) assert.fail(`children differ under ${show(expected, e)}`);
      stack.push([ca, ce]);
      ca = actual.nextSiblingOf(ca);
      ce = expected.nextSiblingOf(ce);
    }
  }
}

describe('JSON position index (fast path for valid JSON)', () => {
  it('matches the jsonc-parser visitor on tricky JSON', () => {
    const samples = [
      '{}', '[]', '"s"', '42', ' \n{ "a" : 1 , "b":[ true,false ,null,-1.5e+3, "x\\"y" ], "c\\u0041\\"d": {"": {}} }\r\n',
      '{"a":{"b":{"c":[[],[{}],[[1]]]}},"a":2}', '[{"k":"v\\\\"},{"k":"\\\\\\""}]', '{"emoji":"😀 é","nested":{"x":[1,2,{"y":"z"}]}}',
    ];
    for (const s of samples) {
      JSON.parse(s);
      assertSame(indexValidJson(s), indexJson(s));
    }
  });

  it('indexes nesting deeper than the recursive visitor can take', () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    assert.strictEqual(indexValidJson(deep).size, 20_000);
  });

  const specs = path.resolve(__dirname, '../../../../..', 'shared', 'specs');
  const files = fs.existsSync(specs) ? fs.readdirSync(specs).filter((f) => f.endsWith('.json')) : [];
  (files.length ? it : it.skip)(`matches the visitor on the real JSON documents${files.length ? '' : ' (skipped: ../shared/specs is absent)'}`, function () {
    this.timeout(120_000);
    for (const f of files) {
      const text = fs.readFileSync(path.join(specs, f), 'utf8');
      assertSame(indexValidJson(text), indexJson(text));
    }
  });
});
