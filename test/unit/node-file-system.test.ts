import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NodeFileSystem } from '../../server/src/node-file-system';
// The module object itself (not an import's read-only view), so a read can be counted.
import nodeFs = require('fs');

describe('NodeFileSystem reusing unchanged files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-nfs-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Sets the file's times in the past, as for a file nobody has touched for a while. */
  function age(file: string): void {
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
  }

  it('returns the kept text of a file unchanged since it was read, the new text after a write', () => {
    const file = path.join(dir, 'a.yaml');
    fs.writeFileSync(file, 'one: 1\n');
    age(file);
    const nfs = new NodeFileSystem({ reuseUnchanged: true });
    // utimes changed ctime just now: the first reads are not settled and read the disk
    const first = nfs.readFile(file);
    assert.strictEqual(first, 'one: 1\n');
    fs.writeFileSync(file, 'two: 2\n'); // same size, immediately
    assert.strictEqual(nfs.readFile(file), 'two: 2\n', 'a same-size write right after the read is seen');
    fs.writeFileSync(file, 'three: 3\n');
    assert.strictEqual(nfs.readFile(file), 'three: 3\n');
    fs.rmSync(file);
    assert.strictEqual(nfs.readFile(file), undefined, 'a deleted file is gone');
    fs.writeFileSync(file, 'back: 1\n');
    assert.strictEqual(nfs.readFile(file), 'back: 1\n');
  });

  it('answers a settled file from memory, and still sees a replaced file (new inode)', () => {
    const file = path.join(dir, 'b.json');
    fs.writeFileSync(file, '{"a":1}');
    const nfs = new NodeFileSystem({ reuseUnchanged: true });
    // A settled entry, as if read long after its last change: the kept string itself comes back.
    const settledNow = Date.now;
    Date.now = () => settledNow() + 10_000;
    try {
      const first = nfs.readFile(file);
      const realRead = nodeFs.readFileSync;
      let reads = 0;
      (nodeFs as { readFileSync: unknown }).readFileSync = (...args: Parameters<typeof fs.readFileSync>) => (reads++, realRead(...args));
      try {
        assert.strictEqual(nfs.readFile(file), first);
      } finally {
        nodeFs.readFileSync = realRead;
      }
      assert.strictEqual(reads, 0, 'answered without reading the file');
      // an atomic save (write elsewhere, rename over) is another inode
      const tmp = path.join(dir, 'b.json.tmp');
      fs.writeFileSync(tmp, '{"a":2}');
      fs.renameSync(tmp, file);
      assert.strictEqual(nfs.readFile(file), '{"a":2}');
    } finally {
      Date.now = settledNow;
    }
  });

  it('keeps at most maxKeptChars, dropping the least recently read', () => {
    const nfs = new NodeFileSystem({ reuseUnchanged: true, maxKeptChars: 10 });
    for (const name of ['x', 'y', 'z']) fs.writeFileSync(path.join(dir, name), '12345');
    for (const name of ['x', 'y', 'z']) assert.strictEqual(nfs.readFile(path.join(dir, name)), '12345');
    const kept = (nfs as unknown as { kept: Map<string, unknown> }).kept;
    assert.deepStrictEqual([...kept.keys()].map((p) => path.basename(p)), ['y', 'z']);
  });

  it('without the option keeps nothing', () => {
    const file = path.join(dir, 'c.txt');
    fs.writeFileSync(file, 'c');
    const nfs = new NodeFileSystem();
    assert.strictEqual(nfs.readFile(file), 'c');
    assert.strictEqual((nfs as unknown as { kept?: unknown }).kept, undefined);
  });
});
