/**
 * Preloaded (`node --expose-gc -r …/heap-probe.js`) into the language server by the memory
 * benchmark: on SIGUSR2 it runs a full GC and writes the retained heap to
 * $API_WARDEN_BENCH_HEAP, so a long session is judged on what the server keeps, not on RSS
 * that rises and falls with garbage collection.
 */
import * as fs from 'fs';

const target = process.env.API_WARDEN_BENCH_HEAP;
const gc = (globalThis as { gc?: () => void }).gc;
if (target && gc) {
  let seq = 0;
  process.on('SIGUSR2', () => {
    gc();
    gc();
    const m = process.memoryUsage();
    fs.writeFileSync(target, JSON.stringify({ seq: ++seq, heapUsedMB: m.heapUsed / 1048576, rssMB: m.rss / 1048576 }));
  });
}
