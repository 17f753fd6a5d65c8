/** Pointers reach into flow collections wherever they sit (js-yaml wraps some of them twice). */
import * as assert from 'assert';
import { parseText } from '../../../server/src/engine/openapi/parse';

const at = (text: string, pointer: (string | number)[]) => {
  const loc = parseText(text, 'yaml').positions().locate(pointer);
  assert.ok(loc?.exact, `${pointer.join('/')} not found in ${JSON.stringify(text)}`);
  return text.slice(loc.value.start, loc.value.end);
};

describe('openapi position index', () => {
  it('locates inside a flow mapping that is a block sequence item', () => {
    assert.strictEqual(at('p:\n  - { name: id, in: path }\n', ['p', 0, 'in']), 'path');
    assert.strictEqual(at('p:\n  - [a, b]\n  - c\n', ['p', 0, 1]), 'b');
    assert.strictEqual(at('p:\n  - - {a: 1}\n', ['p', 0, 0, 'a']), '1');
  });

  it('locates inside a document whose root is a flow collection (JSON saved as .yaml)', () => {
    assert.strictEqual(at('{a: {b: 1}}\n', ['a', 'b']), '1');
    assert.strictEqual(at('[1, {a: 2}]\n', [1, 'a']), '2');
    assert.strictEqual(at('{"openapi": "3.0.0", "paths": {"/a": {}}}', ['paths', '/a']), '{}');
  });
});
