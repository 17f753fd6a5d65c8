/**
 * The short fuzz run inside `npm test`: a fixed seed (so a failure reproduces), about 20 s of
 * inputs over the seed files, the fixture projects and the smaller real-world specs. Any
 * failing input is saved under test-results/fuzz/ with its seed and mutation list.
 * FUZZ_SEED and FUZZ_SECONDS override the defaults; `npm run fuzz` is the long run.
 */
import * as assert from 'assert';
import * as path from 'path';
import { RESULTS_DIR } from './support';
import { loadCorpus } from './fuzz/corpus';
import { runFuzz, saveReproducer } from './fuzz/runner';

const SEED = Number(process.env.FUZZ_SEED ?? 20250601);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 20);
/** Documents up to this size join the short run; the big ones belong to `npm run fuzz`. */
const MAX_BYTES = 512 * 1024;

describe('robustness: mutation fuzzing (short run)', function () {
  // Time-limited (baselines are measured inside the run); the rest is slack for a slow machine.
  this.timeout((SECONDS + 120) * 1000);

  it(`never throws, crashes a rule, breaks an invariant or exceeds its time bound (seed ${SEED}, ${SECONDS} s)`, async () => {
    // Two files per fixture project keep the short run's inputs spread over many kinds of file.
    const { items, notes } = loadCorpus({ maxBytes: MAX_BYTES, maxPerProject: 2 });
    for (const n of notes) console.log(`      note: ${n}`);
    assert.ok(items.length >= 4, 'the seed corpus is always there');
    const stats = await runFuzz({ seed: SEED, items, seconds: SECONDS });
    console.log(`      ${stats.inputs} inputs (${stats.audits} with an audit) over ${items.length} files in ${stats.seconds.toFixed(1)} s: ${stats.perSecond.toFixed(1)} inputs/s`);
    const saved = stats.failures.slice(0, 20).map((f) => saveReproducer(path.join(RESULTS_DIR, 'fuzz'), f));
    assert.ok(stats.inputs > 0, 'no input ran');
    assert.deepStrictEqual(
      stats.failures.map((f) => `#${f.index} ${f.item}: ${f.reason.split('\n')[0]}`),
      [],
      `failing inputs saved as:\n${saved.join('\n')}`,
    );
  });
});
