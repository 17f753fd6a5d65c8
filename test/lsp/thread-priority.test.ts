/**
 * The audit worker's thread runs at a lower priority than the main thread (Linux: a nice value
 * per thread). Checked in a worker of its own, so the test's thread keeps its priority.
 */
import * as assert from 'assert';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { BACKGROUND_NICENESS } from '../../server/src/lsp/thread-priority';

const MODULE = path.resolve(__dirname, '../../server/src/lsp/thread-priority.js');

/** Runs lowerThisThreadsPriority in a new thread; the thread's nice value before and after. */
function inWorker(): Promise<{ lowered: boolean; before: number; after: number; main: number }> {
  const code = `
    const { parentPort, workerData } = require('worker_threads');
    const { readlinkSync } = require('fs');
    const { getPriority } = require('os');
    const { lowerThisThreadsPriority } = require(workerData.module);
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    const before = getPriority(tid);
    const lowered = lowerThisThreadsPriority();
    parentPort.postMessage({ lowered, before, after: getPriority(tid), main: getPriority(process.pid) });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { module: MODULE } });
    worker.once('message', (m: { lowered: boolean; before: number; after: number; main: number }) => {
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', reject);
  });
}

describe('background thread priority', () => {
  it('lowers the calling thread only (Linux)', async function () {
    if (process.platform !== 'linux') this.skip();
    const r = await inWorker();
    assert.strictEqual(r.lowered, true);
    assert.strictEqual(r.after, Math.min(19, r.before + BACKGROUND_NICENESS));
    assert.strictEqual(r.main, r.before, 'the main thread keeps its priority');
  });
});
