#!/usr/bin/env node
/**
 * The long fuzz run: `npm run fuzz -- --seconds 600 --seed 42`.
 *
 * Mutates the seed corpus, the fixture projects and (when ../shared/specs exists) the real-world
 * specs, runs each input through the engine, and reports inputs per second. Every failing input
 * is saved under test-results/fuzz/ (git-ignored) as the mutated file plus a JSON record with
 * the seed, the input number and the mutation list; `--replay <record.json>` re-runs one.
 *
 * Options:
 *   --seconds N      how long to fuzz (default 60)
 *   --seed S         the run's seed (default: random, printed so the run can be repeated)
 *   --max-bytes B    skip documents larger than B bytes (default: no limit)
 *   --inputs N       stop after N inputs
 *   --no-shared      leave out ../shared/specs
 *   --stop           stop at the first failure
 *   --replay FILE    re-run a saved reproducer and print what still fails
 *   --no-compile     do not run `tsc -b` first (the suite runs from out/)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const out = { seconds: 60, seed: undefined, maxBytes: Infinity, inputs: undefined, shared: true, stop: false, replay: undefined, compile: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--seconds') out.seconds = Number(value());
    else if (a === '--seed') out.seed = Number(value());
    else if (a === '--max-bytes') out.maxBytes = Number(value());
    else if (a === '--inputs') out.inputs = Number(value());
    else if (a === '--no-shared') out.shared = false;
    else if (a === '--stop') out.stop = true;
    else if (a === '--replay') out.replay = value();
    else if (a === '--no-compile') out.compile = false;
    else if (a === '-h' || a === '--help') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith(' *')).map((l) => l.slice(3)).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  for (const [k, v] of Object.entries(out)) if (typeof v === 'number' && Number.isNaN(v)) throw new Error(`--${k} must be a number`);
  return out;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`fuzz: ${e.message} (see --help)`);
  process.exit(2);
}

if (args.compile) {
  // Type errors elsewhere in the tree do not stop tsc from emitting: report and go on.
  const tsc = spawnSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: repo, stdio: 'inherit' });
  if (tsc.status !== 0) console.warn('fuzz: tsc -b reported errors; fuzzing what it emitted');
}
const runnerPath = join(repo, 'out/test/robustness/fuzz/runner.js');
if (!existsSync(runnerPath)) {
  console.error(`fuzz: ${runnerPath} is missing: run \`npm run compile\` first`);
  process.exit(2);
}
const { runFuzz, saveReproducer, replay } = require(runnerPath);
const { loadCorpus } = require(join(repo, 'out/test/robustness/fuzz/corpus.js'));

const { items, notes } = loadCorpus({ maxBytes: args.maxBytes, includeShared: args.shared });
for (const n of notes) console.log(`note: ${n}`);

if (args.replay) {
  const record = JSON.parse(readFileSync(args.replay, 'utf8'));
  const text = readFileSync(join(dirname(resolve(args.replay)), record.input), 'utf8');
  const problems = await replay(record, text, items);
  console.log(problems.length ? `still failing:\n${problems.join('\n')}` : 'passes now');
  process.exit(problems.length ? 1 : 0);
}

const seed = args.seed ?? Math.floor(Math.random() * 2 ** 31);
console.log(`fuzz: seed ${seed}, ${args.seconds} s, ${items.length} files (${items.filter((i) => i.kind === 'code').length} code, ${items.filter((i) => i.kind !== 'code').length} specs)`);
const stats = await runFuzz({
  seed,
  items,
  seconds: args.seconds,
  maxInputs: args.inputs,
  stopOnFailure: args.stop,
  log: (line) => console.log(line),
});

const rows = [...stats.byItem].sort((a, b) => b[1].inputs - a[1].inputs);
console.log('\nper file: inputs, baseline ms, slowest ms, bound ms');
for (const [name, s] of rows) console.log(`  ${name}: ${s.inputs}, ${s.baselineMs.toFixed(1)}, ${s.maxMs.toFixed(1)}, ${s.boundMs.toFixed(0)}`);
console.log(`\n${stats.inputs} inputs (${stats.audits} with an audit) in ${stats.seconds.toFixed(1)} s: ${stats.perSecond.toFixed(1)} inputs/s, ${stats.failures.length} failing (seed ${seed})`);
const outDir = join(repo, 'test-results', 'fuzz');
for (const f of stats.failures) console.log(`saved ${saveReproducer(outDir, f)}`);
process.exit(stats.failures.length ? 1 : 0);
