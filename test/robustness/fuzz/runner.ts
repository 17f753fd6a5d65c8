/**
 * The mutation fuzzer: seeded, time- or count-limited, and shared by the short run in
 * `npm test` (fuzz.test.ts) and the long run (`npm run fuzz`, scripts/fuzz.mjs).
 *
 * Each input is one corpus file with 1-4 random mutations, linted by a long-lived engine
 * through `setFile` (as the language server does on every keystroke); every 8th input also
 * runs a whole audit of the file's project. An input fails when the engine throws, a rule
 * crashes, a result breaks an invariant (ranges inside the file, ...), or the call takes
 * longer than a bound derived from that file's own baseline in this run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createEngine, MemoryFileSystem, type Engine } from '../../../server/src/engine';
import { boundFor, invariantViolations, now } from '../support';
import { kindOf, type CorpusItem } from './corpus';
import { applyMutation, describeMutation, randomMutation, type Mutation } from './mutate';
import { Random } from './random';

export interface FuzzOptions {
  seed: number;
  items: readonly CorpusItem[];
  /** Stop after this long (measuring each file's baseline on first use is part of it). */
  seconds?: number;
  /** Stop after this many inputs. */
  maxInputs?: number;
  /** Progress lines (every ~5 s) and notes. */
  log?: (line: string) => void;
  /** Stop at the first failure (for quick reproduction). */
  stopOnFailure?: boolean;
}

export interface FuzzFailure {
  seed: number;
  index: number;
  item: string;
  file: string;
  mutations: Mutation[];
  reason: string;
  ms?: number;
  boundMs?: number;
  /** The mutated text (what to feed the engine to reproduce). */
  text: string;
}

export interface ItemStats {
  inputs: number;
  maxMs: number;
  baselineMs: number;
  boundMs: number;
  auditBaselineMs: number;
  auditBoundMs: number;
}

export interface FuzzStats {
  seed: number;
  inputs: number;
  audits: number;
  seconds: number;
  perSecond: number;
  failures: FuzzFailure[];
  byItem: Map<string, ItemStats>;
}

interface Prepared {
  item: CorpusItem;
  engine: Engine;
  stats: ItemStats;
}

/** Same text with a harmless difference, so the engine's parse cache misses. */
function variant(item: CorpusItem, text: string, n: number): string {
  if (item.kind === 'json') return text + '\n'.repeat(n + 1);
  return text + (item.kind === 'yaml' ? `\n# variant ${n}\n` : `\n// variant ${n}\n`);
}

/** A broken copy that sends the whole file down the slower error-tolerant path. */
function broken(item: CorpusItem, text: string, n: number): string {
  if (item.kind === 'json') return text.replace(/\}\s*$/, '') + ' '.repeat(n);
  return text + (item.kind === 'yaml' ? `\nbroken${n}: [: {\n` : `\nconst broken${n} = (\n`);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = now();
  await fn();
  return now() - t;
}

/** Baselines for one item, measured in this run, and the bounds derived from them. */
async function prepare(item: CorpusItem): Promise<Prepared> {
  const engine = createEngine({ fs: new MemoryFileSystem(item.files), roots: [item.root] });
  const original = item.files[item.file];
  const lint = async (text: string) => {
    engine.setFile(item.file, text);
    return timed(() => engine.lintFile(item.file));
  };
  await lint(variant(item, original, 99)); // warm-up: JIT, lazy requires
  // The larger of two runs: a single slow one (GC) only makes the bound more generous.
  const normal = Math.max(await lint(variant(item, original, 0)), await lint(variant(item, original, 1)));
  const tolerant = Math.max(await lint(broken(item, original, 0)), await lint(broken(item, original, 1)));
  engine.setFile(item.file, variant(item, original, 10));
  const audit = await timed(() => engine.audit());
  engine.setFile(item.file, undefined);
  const baselineMs = Math.max(normal, tolerant);
  const auditBaselineMs = Math.max(audit, baselineMs);
  return {
    item,
    engine,
    stats: { inputs: 0, maxMs: 0, baselineMs, boundMs: boundFor(baselineMs), auditBaselineMs, auditBoundMs: boundFor(auditBaselineMs) },
  };
}

/** Regenerates input #index of a run: which item, which mutations, the resulting text. */
export function generateInput(seed: number, index: number, items: readonly CorpusItem[]): { item: CorpusItem; mutations: Mutation[]; text: string } {
  const rng = Random.forInput(seed, index);
  const item = rng.pick(items);
  let text = item.files[item.file];
  const mutations: Mutation[] = [];
  const count = rng.pick([1, 1, 1, 2, 2, 3, 4]);
  for (let i = 0; i < count; i++) {
    const m = randomMutation(rng, text);
    mutations.push(m);
    text = applyMutation(text, m);
  }
  return { item, mutations, text };
}

/** Runs one input through a prepared engine; returns what went wrong (empty when fine). */
async function check(p: Prepared, text: string, audit: boolean): Promise<{ problems: string[]; ms: number; boundMs: number }> {
  const { engine, item } = p;
  const problems: string[] = [];
  engine.setFile(item.file, text);
  const texts = (f: string) => (f === item.file ? text : item.files[f]);
  let ms = 0;
  let boundMs = p.stats.boundMs;
  try {
    const t = now();
    const r = await engine.lintFile(item.file);
    ms = now() - t;
    problems.push(...invariantViolations(r.findings, texts));
    for (const f of r.failures) problems.push(`rule ${f.ruleId} crashed: ${f.message}`);
    if (ms > p.stats.boundMs) problems.push(`lintFile took ${ms.toFixed(0)} ms, over the bound of ${p.stats.boundMs.toFixed(0)} ms`);
    if (audit) {
      const t2 = now();
      const a = await engine.audit();
      const ams = now() - t2;
      ms = Math.max(ms, ams);
      boundMs = p.stats.auditBoundMs;
      problems.push(...invariantViolations(a.findings, texts));
      for (const f of a.failures) problems.push(`rule ${f.ruleId} crashed during audit on ${f.file}: ${f.message}`);
      if (ams > p.stats.auditBoundMs) problems.push(`audit took ${ams.toFixed(0)} ms, over the bound of ${p.stats.auditBoundMs.toFixed(0)} ms`);
    }
  } catch (e) {
    problems.push(`engine threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } finally {
    engine.setFile(item.file, undefined);
  }
  // Warnings are emitted on a later tick: let them arrive before blaming this input.
  await new Promise((resolve) => setImmediate(resolve));
  for (const w of warnings.splice(0)) problems.push(`process warning (printed to the server's stderr): ${w}`);
  return { problems: [...new Set(problems)], ms, boundMs };
}

/** Process warnings seen while an input ran (a library printing to stderr is a leak too). */
const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);

export async function runFuzz(options: FuzzOptions): Promise<FuzzStats> {
  process.on('warning', onWarning);
  try {
    return await fuzzLoop(options);
  } finally {
    process.off('warning', onWarning);
  }
}

async function fuzzLoop(options: FuzzOptions): Promise<FuzzStats> {
  const log = options.log ?? (() => undefined);
  // Baselines are measured when a file is first picked, inside the run's time: a short run
  // over a large corpus then costs what it says, and every file still gets its own bound.
  const prepared = new Map<string, Prepared>();
  const preparedFor = async (item: CorpusItem): Promise<Prepared> => {
    let p = prepared.get(item.name);
    if (!p) {
      p = await prepare(item);
      prepared.set(item.name, p);
      log(`baseline ${item.name}: ${p.stats.baselineMs.toFixed(1)} ms (bound ${p.stats.boundMs.toFixed(0)} ms), audit ${p.stats.auditBaselineMs.toFixed(1)} ms`);
    }
    return p;
  };
  const failures: FuzzFailure[] = [];
  const start = now();
  const deadline = options.seconds !== undefined ? start + options.seconds * 1000 : Infinity;
  const maxInputs = options.maxInputs ?? Infinity;
  let inputs = 0;
  let audits = 0;
  let lastLog = start;
  for (let index = 0; index < maxInputs && now() < deadline; index++) {
    const { item, mutations, text } = generateInput(options.seed, index, options.items);
    const p = await preparedFor(item);
    const audit = index % 8 === 7;
    const { problems, ms, boundMs } = await check(p, text, audit);
    inputs++;
    if (audit) audits++;
    p.stats.inputs++;
    p.stats.maxMs = Math.max(p.stats.maxMs, ms);
    if (problems.length) {
      failures.push({ seed: options.seed, index, item: item.name, file: item.file, mutations, reason: problems.join('\n'), ms, boundMs, text });
      log(`FAIL #${index} ${item.name} [${mutations.map(describeMutation).join('; ')}]: ${problems[0].split('\n')[0]}`);
      if (options.stopOnFailure) break;
    }
    if (now() - lastLog > 5000) {
      lastLog = now();
      log(`${inputs} inputs, ${(inputs / ((lastLog - start) / 1000)).toFixed(1)}/s, ${failures.length} failing`);
    }
  }
  const seconds = (now() - start) / 1000;
  const byItem = new Map([...prepared].map(([k, v]) => [k, v.stats] as const));
  return { seed: options.seed, inputs, audits, seconds, perSecond: inputs / Math.max(seconds, 1e-9), failures, byItem };
}

/**
 * Writes a failing input where a person can open it: `<dir>/seed-<seed>-input-<n>.json` with
 * the seed, the mutation list and the reason, plus the mutated file itself next to it.
 */
export function saveReproducer(dir: string, f: FuzzFailure): string {
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `seed-${f.seed}-input-${f.index}`);
  const ext = path.extname(f.file) || '.txt';
  fs.writeFileSync(`${base}${ext}`, f.text);
  const record = {
    seed: f.seed,
    index: f.index,
    item: f.item,
    file: f.file,
    reason: f.reason,
    ms: f.ms,
    boundMs: f.boundMs,
    mutations: f.mutations,
    mutationsReadable: f.mutations.map(describeMutation),
    input: path.basename(`${base}${ext}`),
    replay: `npm run fuzz -- --replay ${path.relative(process.cwd(), base)}.json`,
  };
  fs.writeFileSync(`${base}.json`, JSON.stringify(record, null, 2) + '\n');
  return `${base}.json`;
}

/** Re-runs a saved reproducer's input (its text, in its corpus project when it still exists). */
export async function replay(record: { file: string; item: string }, text: string, items: readonly CorpusItem[]): Promise<string[]> {
  const item = items.find((i) => i.name === record.item) ?? { name: record.item, kind: kindOf(record.file) ?? 'yaml', file: record.file, root: path.posix.dirname(record.file), files: { [record.file]: text } };
  process.on('warning', onWarning);
  try {
    const p = await prepare(item);
    const lint = await check(p, text, false);
    const audit = await check(p, text, true);
    return [...new Set([...lint.problems, ...audit.problems])];
  } finally {
    process.off('warning', onWarning);
  }
}
