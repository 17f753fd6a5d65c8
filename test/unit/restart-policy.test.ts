import * as assert from 'assert';
import { RestartPolicy } from '../../client/src/restart-policy';

describe('client: restart policy for a crashing server', () => {
  it('restarts up to the limit within the window, then stays down', () => {
    const p = new RestartPolicy(3, 1000);
    assert.deepStrictEqual([0, 10, 20, 30].map((t) => p.onCrash(t).restart), [true, true, true, false]);
  });

  it('forgets crashes older than the window', () => {
    const p = new RestartPolicy(1, 1000);
    assert.strictEqual(p.onCrash(0).restart, true);
    assert.strictEqual(p.onCrash(500).restart, false);
    assert.strictEqual(p.onCrash(2000).restart, true);
  });

  it('starts afresh after a deliberate restart', () => {
    const p = new RestartPolicy(1, 1000);
    p.onCrash(0);
    assert.strictEqual(p.onCrash(1).restart, false);
    p.reset();
    assert.strictEqual(p.onCrash(2).restart, true);
  });
});
