/**
 * Heap samples over a long editing session. Each sample is taken after a full GC (the child runs
 * with --expose-gc), so what is left is what the engine retains; growth between the early and
 * the last sample is what a leak would look like.
 */
export interface MemorySample {
  edit: number;
  heapUsedMB: number;
  rssMB: number;
}

export function sampleMemory(edit: number): MemorySample {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { edit, heapUsedMB: m.heapUsed / 1048576, rssMB: m.rss / 1048576 };
}

/** Edits after which the heap is sampled (the first sample is taken once caches are warm). */
export function checkpoints(edits: number): Set<number> {
  const s = new Set<number>([Math.min(10, edits), edits]);
  for (const f of [0.25, 0.5, 0.75]) s.add(Math.round(edits * f));
  s.delete(0);
  return s;
}

/**
 * Heap retained at the end minus at the halfway checkpoint (MB): the steady state. The first
 * few hundred edits fill caches and compiled code once (a step of a few MB, visible in the
 * samples); a leak keeps growing through the second half too.
 */
export function growthMB(samples: readonly { heapUsedMB: number }[]): number {
  if (samples.length < 2) return 0;
  const from = samples[Math.floor((samples.length - 1) / 2)];
  return samples[samples.length - 1].heapUsedMB - from.heapUsedMB;
}
