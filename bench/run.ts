/**
 * `npm run bench`: the performance figures of issue 8, measured in one run, printed as tables
 * and written to bench/results/<date>.json (git-ignored). Not part of `npm test`.
 *
 * Every figure comes from a fresh child process (clean peak RSS, no state carried over):
 *   specs     per document in ../shared/specs: full audit through the engine and through the
 *             built CLI, `yaml` parseDocument of the same text, and their ratio
 *   editor    through the real language server over stdio: first diagnostics of a newly opened
 *             4 MB document, edit -> fresh diagnostics in Stripe and a 0.4 MB document
 *   code      generated Express and NestJS projects (100, 1,000, 5,000 routes): audit, memory,
 *             single-file edit -> diagnostics (engine and language server)
 *   memory    1,000 edits: retained heap (engine, after GC) and server RSS (language server)
 *   audit     requests answered while a workspace audit runs; cancelling it
 *   rules     where analysis time goes: each OpenAPI rule alone, warm, on Stripe and GitHub
 *   peers     (--peers) Spectral + OWASP ruleset and Redocly CLI on the same documents
 *
 * Options:
 *   --runs N           cold runs per audit figure (default 3; the median is reported)
 *   --only a,b         sections: specs,editor,code,memory,audit,rules,peers (default: all but peers)
 *   --docs substr      only the documents whose name contains substr (comma-separated)
 *   --sizes 100,1000   code project sizes (default 100,1000,5000)
 *   --quick            1 run, sizes 100,1000, fewer edits (a smoke run, not for the record)
 *   --peers            also run the peers (installs them once into ~/.cache/api-warden-bench)
 *   --peer-timeout S   per peer run (default 300)
 *   --out FILE         where to write the JSON (default bench/results/<date>.json)
 *   --report FILE      print a saved run again (targets recomputed), measure nothing
 */
import { execFileSync, execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateProject, type Framework, type GeneratedProject } from './generate-code';
import { runChild } from './lib/child';
import { growthMB } from './lib/memory';
import { runProcess } from './lib/process';
import { median, summarize, type Summary } from './lib/stats';
import { fmtMB, fmtMs, fmtRatio, fmtSize, table, type Cell } from './lib/table';
import { ensurePeers, PEER_DIR, PEER_VERSIONS, runPeer, type PeerName, type PeerRun } from './peers';

const REPO = path.resolve(__dirname, '..', '..');
const SPECS = path.join(path.resolve(REPO, '../shared'), 'specs');
const CLI = path.join(REPO, 'dist', 'cli.js');
const SERVER = path.join(REPO, 'dist', 'server.js');
const WORK = path.join(os.tmpdir(), 'api-warden-bench');

// ------------------------------------------------------------------ options

type Section = 'specs' | 'editor' | 'code' | 'memory' | 'audit' | 'rules' | 'peers';

interface Options {
  runs: number;
  only: Set<Section>;
  docs?: string[];
  sizes: number[];
  quick: boolean;
  peerTimeoutMs: number;
  out?: string;
}

function parseOptions(argv: string[]): Options {
  const get = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
  };
  const quick = argv.includes('--quick');
  const only = new Set<Section>((get('only')?.split(',') ?? ['specs', 'editor', 'code', 'memory', 'audit', 'rules']) as Section[]);
  if (argv.includes('--peers')) only.add('peers');
  return {
    runs: Number(get('runs') ?? (quick ? 1 : 3)),
    only,
    docs: get('docs')?.split(','),
    sizes: (get('sizes') ?? (quick ? '100,1000' : '100,1000,5000')).split(',').map(Number),
    quick,
    peerTimeoutMs: Number(get('peer-timeout') ?? 300) * 1000,
    out: get('out'),
  };
}

// ------------------------------------------------------------------ results

interface Timed {
  ms: number;
  cpuMs?: number;
  peakRssMB?: number;
}

interface Measured {
  /** Medians over the runs. */
  ms: number;
  cpuMs?: number;
  peakRssMB?: number;
  runs: number[];
}

interface SpecResult {
  file: string;
  bytes: number;
  operations?: number;
  findings?: number;
  engine?: Measured;
  cli?: Measured;
  yaml?: Measured;
  /** engine / yaml, wall time (and CPU time). */
  ratio?: number;
  cpuRatio?: number;
  peers?: Partial<Record<PeerName, PeerRun & { speedup?: number }>>;
  error?: string;
}

interface EditorResult {
  file: string;
  bytes: number;
  lsp?: { openMs: number; edit: Summary; pushOpenMs: number; pushEdit: Summary; serverPeakRssMB?: number };
  engine?: { openMs: number; edit: Summary };
  error?: string;
}

interface CodeResult {
  framework: Framework;
  size: number;
  routes: number;
  routesFound?: number;
  files: number;
  bytes: number;
  audit?: Measured;
  msPerRoute?: number;
  findings?: number;
  edit?: Summary;
  lsp?: { openMs: number; edit: Summary; serverPeakRssMB?: number };
  /** The same project with its API description (written from the code), in the language server. */
  withSpec?: { specBytes: number; specEdit?: { openMs: number; edit: Summary }; codeEdit?: { openMs: number; edit: Summary }; error?: string };
  error?: string;
}

interface MemoryResult {
  what: string;
  edits: number;
  edit?: Summary;
  growthMB?: number;
  measure: string;
  samples?: unknown[];
  peakRssMB?: number;
  error?: string;
}

interface AuditResult {
  workspace: string;
  auditMs?: number;
  files?: unknown;
  duringAudit?: Summary;
  /** The same edit with no audit running. */
  editIdle?: Summary;
  /** A cheap request (an unchanged document's pull) during an audit, and that audit's time. */
  requestDuringAudit?: Summary;
  quietAuditMs?: number;
  /** The audit alone in a fresh server. */
  coldAuditMs?: number;
  /** Its CPU time, every thread of the server. */
  coldAuditCpuMs?: number;
  cancel?: { afterMs: number; responseMs: number; cancelled: boolean };
  error?: string;
}

interface RuleCosts {
  file: string;
  parseMs: number;
  allMs: number;
  modelMs: number;
  rules: number;
  byRule: { rule: string; ms: number }[];
}

interface Target {
  target: string;
  measured: string;
  met: boolean | undefined;
}

interface Results {
  date: string;
  commit: string;
  dirty: boolean;
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  totalMemoryMB: number;
  loadavg: { start: number[]; end?: number[] };
  options: Omit<Options, 'only'> & { only: string[] };
  specs: SpecResult[];
  editor: EditorResult[];
  code: CodeResult[];
  memory: MemoryResult[];
  audit?: AuditResult;
  ruleCosts: RuleCosts[];
  peers?: { versions: typeof PEER_VERSIONS; dir: string; error?: string };
  targets: Target[];
  notes: string[];
  durationMs?: number;
}

// ------------------------------------------------------------------ helpers

const log = (m: string) => process.stderr.write(m + '\n');
const errorOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

function measured(list: Timed[]): Measured | undefined {
  if (!list.length) return undefined;
  const rss = list.map((t) => t.peakRssMB).filter((x): x is number => x !== undefined);
  const cpu = list.map((t) => t.cpuMs).filter((x): x is number => x !== undefined);
  return {
    ms: median(list.map((t) => t.ms)),
    ...(cpu.length ? { cpuMs: median(cpu) } : {}),
    ...(rss.length ? { peakRssMB: Math.max(...rss) } : {}),
    runs: list.map((t) => Math.round(t.ms * 10) / 10),
  };
}

function specFiles(options: Options): string[] {
  if (!fs.existsSync(SPECS)) return [];
  return fs.readdirSync(SPECS)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .filter((f) => !options.docs || options.docs.some((d) => f.includes(d)))
    .map((f) => path.join(SPECS, f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
}

function gitInfo(): { commit: string; dirty: boolean } {
  try {
    const commit = execSync('git rev-parse --short HEAD', { cwd: REPO, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: REPO, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

// ------------------------------------------------------------------ sections

async function specsSection(files: string[], options: Options, results: Results): Promise<void> {
  const haveCli = fs.existsSync(CLI);
  if (!haveCli) results.notes.push(`${CLI} is missing (run \`npm run build\`): CLI figures skipped.`);
  for (const file of files) {
    const name = path.basename(file);
    const r: SpecResult = { file: name, bytes: fs.statSync(file).size };
    results.specs.push(r);
    log(`specs: ${name}`);
    try {
      const engine: Timed[] = [];
      const yaml: Timed[] = [];
      const cli: Timed[] = [];
      // Interleaved, so a burst of load elsewhere on the machine hits every column alike.
      for (let i = 0; i < options.runs; i++) {
        const e = await runChild<Timed & { operations: number; findings: number }>('measure/spec-audit.js', ['engine', file], { timeoutMs: 180_000 });
        engine.push(e);
        r.operations = e.operations;
        r.findings = e.findings;
        yaml.push(await runChild<Timed>('measure/spec-audit.js', ['yaml', file], { timeoutMs: 180_000 }));
        if (haveCli) {
          const c = await runProcess(process.execPath, [CLI, 'audit', file, '--format', 'json', '--output', path.join(WORK, 'cli-report.json'), '--fail-on', 'none', '--no-baseline'], {
            timeoutMs: 180_000, probe: true,
          });
          if (c.code !== 0) throw new Error(`CLI exited ${c.code}: ${c.stderr.trim().split('\n').slice(-2).join(' | ')}`);
          cli.push({ ms: c.ms, cpuMs: c.cpuMs, peakRssMB: c.peakRssMB });
        }
      }
      r.engine = measured(engine);
      r.yaml = measured(yaml);
      r.cli = measured(cli);
      if (r.engine && r.yaml) {
        r.ratio = r.engine.ms / r.yaml.ms;
        if (r.engine.cpuMs && r.yaml.cpuMs) r.cpuRatio = r.engine.cpuMs / r.yaml.cpuMs;
      }
    } catch (e) {
      r.error = errorOf(e);
      log(`  failed: ${r.error}`);
    }
  }
}

async function editorSection(options: Options, results: Results): Promise<void> {
  const edits = options.quick ? 10 : 20;
  const docs = ['stripe-spec3.2023-09-12.yaml', 'twilio-messaging_v1.yaml'].map((f) => path.join(SPECS, f)).filter((f) => fs.existsSync(f));
  if (docs.length < 2) results.notes.push('editor: Stripe or Twilio Messaging document missing from ../shared/specs; skipped what is missing.');
  for (const file of docs) {
    const r: EditorResult = { file: path.basename(file), bytes: fs.statSync(file).size };
    results.editor.push(r);
    log(`editor: ${r.file}`);
    try {
      r.engine = await runChild('measure/spec-edit.js', [file, String(edits)], { timeoutMs: 300_000, nodeArgs: ['--expose-gc'] });
      if (fs.existsSync(SERVER)) r.lsp = await runChild('measure/lsp.js', ['spec', file, String(edits)], { timeoutMs: 300_000 });
      else results.notes.push(`${SERVER} is missing (run \`npm run build\`): language-server figures skipped.`);
    } catch (e) {
      r.error = errorOf(e);
      log(`  failed: ${r.error}`);
    }
  }
}

function projectFor(framework: Framework, size: number, cache: Map<string, GeneratedProject>): GeneratedProject {
  const key = `${framework}-${size}`;
  let p = cache.get(key);
  if (!p) {
    p = generateProject(framework, size, path.join(WORK, 'projects', key));
    cache.set(key, p);
  }
  return p;
}

async function codeSection(options: Options, results: Results, projects: Map<string, GeneratedProject>): Promise<void> {
  const edits = options.quick ? 10 : 20;
  for (const framework of ['express', 'nestjs'] as const) {
    for (const size of options.sizes) {
      const p = projectFor(framework, size, projects);
      const r: CodeResult = { framework, size, routes: p.routes, files: p.files, bytes: p.bytes };
      results.code.push(r);
      log(`code: ${framework} ${size} routes (${p.files} files)`);
      try {
        const audits: Timed[] = [];
        for (let i = 0; i < options.runs; i++) {
          const c = await runChild<{ auditMs: number; auditPeakRssMB: number; routes: number; findings: number; edit: Summary }>(
            'measure/code-project.js', [p.root, String(i === 0 ? edits : 1)], { timeoutMs: 600_000, nodeArgs: ['--expose-gc'] });
          audits.push({ ms: c.auditMs, peakRssMB: c.auditPeakRssMB });
          if (i === 0) {
            r.edit = c.edit;
            r.routesFound = c.routes;
            r.findings = c.findings;
          }
        }
        r.audit = measured(audits);
        if (r.audit) r.msPerRoute = r.audit.ms / p.routes;
        if (fs.existsSync(SERVER)) r.lsp = await runChild('measure/lsp.js', ['code', p.root, String(edits)], { timeoutMs: 600_000 });
        if (fs.existsSync(SERVER) && size <= 1000) r.withSpec = await withSpecFigures(framework, size, edits);
      } catch (e) {
        r.error = errorOf(e);
        log(`  failed: ${r.error}`);
      }
    }
  }
}

/**
 * The product's own case: code and the spec that documents it in one workspace. Every spec edit
 * also re-pairs the spec with the routes and re-runs the drift and spec-aware code rules; every
 * code edit re-pairs too. The spec is written from the code by the CLI (`inventory --format openapi`).
 */
async function withSpecFigures(framework: Framework, size: number, edits: number): Promise<NonNullable<CodeResult['withSpec']>> {
  const p = generateProject(framework, size, path.join(WORK, 'projects', `${framework}-${size}-with-spec`));
  const spec = path.join(p.root, 'openapi.yaml');
  const r: NonNullable<CodeResult['withSpec']> = { specBytes: 0 };
  try {
    execFileSync(process.execPath, [CLI, 'inventory', p.root, '--format', 'openapi', '--output', spec], { stdio: 'ignore', timeout: 300_000 });
    r.specBytes = fs.statSync(spec).size;
    r.specEdit = await runChild('measure/lsp.js', ['project-spec', p.root, String(edits)], { timeoutMs: 600_000 });
    r.codeEdit = await runChild('measure/lsp.js', ['code', p.root, String(edits)], { timeoutMs: 600_000 });
  } catch (e) {
    r.error = errorOf(e);
    log(`  with its spec: failed: ${r.error}`);
  }
  return r;
}

async function memorySection(options: Options, results: Results, projects: Map<string, GeneratedProject>): Promise<void> {
  const edits = options.quick ? 200 : 1000;
  const twilio = path.join(SPECS, 'twilio-messaging_v1.yaml');
  const stripe = path.join(SPECS, 'stripe-spec3.2023-09-12.yaml');
  const jobs: { what: string; measure: string; edits: number; run: () => Promise<MemoryResult> }[] = [];
  for (const framework of ['express', 'nestjs'] as const) {
    const size = options.sizes.includes(1000) ? 1000 : options.sizes[0];
    jobs.push({
      what: `${framework} ${size} routes, engine`, measure: 'heap after GC', edits,
      run: async () => {
        const p = projectFor(framework, size, projects);
        const c = await runChild<{ edit: Summary; heapGrowthMB: number; memory: unknown[]; peakRssMB: number }>(
          'measure/code-project.js', [p.root, String(edits)], { timeoutMs: 1_200_000, nodeArgs: ['--expose-gc'] });
        return { what: '', measure: '', edits, edit: c.edit, growthMB: c.heapGrowthMB, samples: c.memory, peakRssMB: c.peakRssMB };
      },
    });
  }
  if (fs.existsSync(twilio)) {
    jobs.push({
      what: 'twilio-messaging_v1.yaml, engine', measure: 'heap after GC', edits,
      run: async () => {
        const c = await runChild<{ edit: Summary; heapGrowthMB: number; memory: unknown[]; peakRssMB: number }>(
          'measure/spec-edit.js', [twilio, String(edits)], { timeoutMs: 1_200_000, nodeArgs: ['--expose-gc'] });
        return { what: '', measure: '', edits, edit: c.edit, growthMB: c.heapGrowthMB, samples: c.memory, peakRssMB: c.peakRssMB };
      },
    });
    if (fs.existsSync(SERVER)) {
      jobs.push({
        what: 'twilio-messaging_v1.yaml, language server', measure: 'server heap after GC', edits,
        run: async () => {
          const c = await runChild<{ edit: Summary; heapGrowthMB: number; samples: unknown[]; serverPeakRssMB: number }>(
            'measure/lsp.js', ['memory', twilio, String(edits)], { timeoutMs: 1_200_000 });
          return { what: '', measure: '', edits, edit: c.edit, growthMB: c.heapGrowthMB, samples: c.samples, peakRssMB: c.serverPeakRssMB };
        },
      });
    }
  }
  if (fs.existsSync(stripe) && !options.quick) {
    const n = 100;
    jobs.push({
      what: 'stripe-spec3.2023-09-12.yaml, engine', measure: 'heap after GC', edits: n,
      run: async () => {
        const c = await runChild<{ edit: Summary; heapGrowthMB: number; memory: unknown[]; peakRssMB: number }>(
          'measure/spec-edit.js', [stripe, String(n)], { timeoutMs: 1_200_000, nodeArgs: ['--expose-gc'] });
        return { what: '', measure: '', edits: n, edit: c.edit, growthMB: c.heapGrowthMB, samples: c.memory, peakRssMB: c.peakRssMB };
      },
    });
  }
  for (const job of jobs) {
    log(`memory: ${job.what}, ${job.edits} edits`);
    try {
      results.memory.push({ ...(await job.run()), what: job.what, measure: job.measure });
    } catch (e) {
      results.memory.push({ what: job.what, measure: job.measure, edits: job.edits, error: errorOf(e) });
      log(`  failed: ${errorOf(e)}`);
    }
  }
}

async function auditSection(files: string[], options: Options, results: Results): Promise<void> {
  const small = path.join(SPECS, 'twilio-insights_v2.yaml');
  if (!fs.existsSync(SERVER) || !fs.existsSync(small)) {
    results.notes.push('audit responsiveness: needs dist/server.js and twilio-insights_v2.yaml; skipped.');
    return;
  }
  const size = options.sizes.includes(1000) ? 1000 : options.sizes[0];
  const ws = path.join(WORK, 'audit-workspace');
  fs.rmSync(ws, { recursive: true, force: true });
  fs.mkdirSync(ws, { recursive: true });
  const entries = [...new Set([...files, small])];
  for (const f of entries) fs.symlinkSync(f, path.join(ws, path.basename(f)));
  // Generated inside the workspace: discovery follows symlinked folders only within the root.
  for (const fw of ['express', 'nestjs'] as const) generateProject(fw, size, path.join(ws, `${fw}-${size}`));
  const r: AuditResult = { workspace: `${entries.length} documents + Express and NestJS projects of ${size} routes` };
  results.audit = r;
  log(`audit: ${r.workspace}`);
  try {
    Object.assign(r, await runChild<AuditResult>('measure/lsp.js', ['audit', ws, small], { timeoutMs: 600_000 }));
  } catch (e) {
    r.error = errorOf(e);
    log(`  failed: ${r.error}`);
  }
}

async function rulesSection(options: Options, results: Results): Promise<void> {
  for (const name of ['stripe-spec3.2023-09-12.yaml', 'github-api.github.com.yaml']) {
    const file = path.join(SPECS, name);
    if (!fs.existsSync(file)) continue;
    log(`rules: ${name}`);
    try {
      const r = await runChild<RuleCosts>('measure/rule-costs.js', [file, String(options.quick ? 1 : 3)], { timeoutMs: 600_000 });
      results.ruleCosts.push({ ...r, file: name, byRule: r.byRule.slice(0, 12) });
    } catch (e) {
      results.notes.push(`rules: ${name}: ${errorOf(e)}`);
    }
  }
}

async function peersSection(files: string[], options: Options, results: Results): Promise<void> {
  results.peers = { versions: PEER_VERSIONS, dir: PEER_DIR };
  const why = ensurePeers(log);
  if (why) {
    results.peers.error = why;
    results.notes.push(`peers: ${why}`);
    return;
  }
  for (const file of files) {
    const r = results.specs.find((s) => s.file === path.basename(file));
    if (!r) continue;
    r.peers = {};
    for (const peer of ['redocly', 'spectral-owasp'] as const) {
      log(`peers: ${peer} on ${r.file} (timeout ${options.peerTimeoutMs / 1000} s)`);
      const run = await runPeer(peer, file, options.peerTimeoutMs);
      // Against the CLI: both are whole programs started from a shell.
      const ours = r.cli?.ms ?? r.engine?.ms;
      r.peers[peer] = { ...run, ...(run.ok && ours ? { speedup: run.ms / ours } : {}) };
    }
  }
}

// ------------------------------------------------------------------ targets and output

function targets(results: Results): Target[] {
  const t: Target[] = [];
  const spec = (name: string) => results.specs.find((s) => s.file === name);
  const within = (v: number | undefined, limit: number) => (v === undefined ? undefined : v < limit);
  const ratios = results.specs.filter((s) => s.ratio !== undefined);
  if (ratios.length) {
    const over = ratios.filter((s) => s.ratio! > 0.5);
    t.push({
      target: 'audit ≤ ½ × `yaml` parseDocument, every document',
      measured: over.length ? `over on ${over.map((s) => `${s.file} (${fmtRatio(s.ratio)})`).join(', ')}` : `max ratio ${fmtRatio(Math.max(...ratios.map((s) => s.ratio!)))}`,
      met: over.length === 0,
    });
  }
  for (const [name, limit] of [['github-api.github.com.yaml', 2000], ['stripe-spec3.2023-09-12.yaml', 600], ['github-api.github.com.json', 1000]] as const) {
    const s = spec(name);
    if (s?.engine) t.push({ target: `${name} audit < ${fmtMs(limit)}`, measured: `${fmtMs(s.engine.ms)} engine, ${fmtMs(s.cli?.ms)} CLI`, met: within(s.engine.ms, limit) });
  }
  for (const name of ['github-api.github.com.yaml', 'github-api.github.com.json']) {
    const s = spec(name);
    const peak = Math.max(s?.engine?.peakRssMB ?? 0, s?.cli?.peakRssMB ?? 0);
    if (s?.engine) t.push({ target: `${name} peak memory < 600 MB`, measured: `${fmtMB(s.engine.peakRssMB)} engine, ${fmtMB(s.cli?.peakRssMB)} CLI`, met: peak < 600 });
  }
  const peerRuns = results.specs.flatMap((s) => (s.peers?.['spectral-owasp']?.ok ? [{ s, p: s.peers['spectral-owasp']! }] : []));
  if (peerRuns.length) {
    const slow = peerRuns.filter((x) => (x.p.speedup ?? 0) < 100);
    t.push({
      target: '≥ 100× faster than Spectral + OWASP where both finish',
      measured: `${Math.round(Math.min(...peerRuns.map((x) => x.p.speedup ?? 0)))}× to ${Math.round(Math.max(...peerRuns.map((x) => x.p.speedup ?? 0)))}× (${peerRuns.length} documents)`,
      met: slow.length === 0,
    });
  }
  const stripeEd = results.editor.find((e) => e.file.startsWith('stripe'));
  const smallEd = results.editor.find((e) => e.file.startsWith('twilio-messaging'));
  if (stripeEd?.lsp) {
    t.push({ target: 'Stripe edit -> fresh diagnostics p95 < 250 ms (LSP)', measured: `p95 ${fmtMs(stripeEd.lsp.edit.p95)}, median ${fmtMs(stripeEd.lsp.edit.median)}`, met: stripeEd.lsp.edit.p95 < 250 });
    t.push({ target: 'first diagnostics, newly opened 4 MB document < 1 s (LSP)', measured: fmtMs(stripeEd.lsp.openMs), met: stripeEd.lsp.openMs < 1000 });
  }
  if (smallEd?.lsp) t.push({ target: '0.4 MB document edit -> diagnostics p95 < 50 ms (LSP)', measured: `p95 ${fmtMs(smallEd.lsp.edit.p95)}, median ${fmtMs(smallEd.lsp.edit.median)}`, met: smallEd.lsp.edit.p95 < 50 });
  for (const fw of ['express', 'nestjs'] as const) {
    const rows = results.code.filter((c) => c.framework === fw && c.audit);
    const big = rows.find((c) => c.size === 5000);
    const mid = rows.find((c) => c.size === 1000);
    if (big?.audit) t.push({ target: `${fw} 5,000 routes audited < 15 s`, measured: fmtMs(big.audit.ms), met: big.audit.ms < 15_000 });
    if (big?.msPerRoute && mid?.msPerRoute) {
      const growth = big.msPerRoute / mid.msPerRoute;
      t.push({ target: `${fw}: time linear in size (per-route time at 5,000 ≤ 1.5× at 1,000)`, measured: `${fmtRatio(growth)}×`, met: growth <= 1.5 });
    }
    if (mid?.edit) t.push({ target: `${fw} 1,000 routes: single-file edit p95 < 150 ms (engine)`, measured: `p95 ${fmtMs(mid.edit.p95)}, median ${fmtMs(mid.edit.median)}`, met: mid.edit.p95 < 150 });
    if (mid?.lsp) t.push({ target: `${fw} 1,000 routes: single-file edit p95 < 150 ms (LSP)`, measured: `p95 ${fmtMs(mid.lsp.edit.p95)}, median ${fmtMs(mid.lsp.edit.median)}`, met: mid.lsp.edit.p95 < 150 });
  }
  for (const m of results.memory.filter((m) => m.growthMB !== undefined && m.edits >= 1000)) {
    t.push({ target: `bounded memory over ${m.edits} edits: ${m.what} (growth over the second half < 5 MB)`, measured: `${m.growthMB! >= 0 ? '+' : ''}${m.growthMB!.toFixed(1)} MB ${m.measure}`, met: m.growthMB! < 5 });
  }
  if (results.audit?.requestDuringAudit) {
    const q = results.audit.requestDuringAudit;
    t.push({ target: 'answers while an audit runs (a cheap request p95 < 250 ms)', measured: `p95 ${fmtMs(q.p95)}, max ${fmtMs(q.max)}`, met: q.p95 < 250 });
  } else if (results.audit?.duringAudit) {
    t.push({ target: 'answers while an audit runs (edit -> diagnostics p95 < 250 ms)', measured: `p95 ${fmtMs(results.audit.duringAudit.p95)}, max ${fmtMs(results.audit.duringAudit.max)}`, met: results.audit.duringAudit.p95 < 250 });
  }
  if (results.audit?.cancel) {
    t.push({ target: 'a cancelled audit stops < 1 s', measured: `${fmtMs(results.audit.cancel.responseMs)} (cancelled: ${results.audit.cancel.cancelled})`, met: results.audit.cancel.cancelled && results.audit.cancel.responseMs < 1000 });
  }
  return t;
}

export function report(results: Results): string {
  const out: string[] = [];
  const load = (l?: number[]) => (l ? l.map((x) => x.toFixed(2)).join(' ') : '–');
  out.push(`API Warden bench — ${results.date}, commit ${results.commit}${results.dirty ? ' (+ uncommitted changes)' : ''}`);
  out.push(`Node ${results.node}, ${results.platform}, ${results.cpus} × ${results.cpuModel}, ${results.totalMemoryMB} MB; load average at start ${load(results.loadavg.start)}, at end ${load(results.loadavg.end)}`);
  out.push(`Medians of ${results.options.runs} cold run(s) per figure; each in a fresh process.`);
  if (results.specs.length) {
    out.push('', '### OpenAPI documents: full audit vs `yaml` parseDocument', '');
    const errors = results.specs.some((s) => s.error);
    const rows: Cell[][] = results.specs.map((s) => [
      s.file, fmtSize(s.bytes), s.operations, fmtMs(s.engine?.ms), fmtMs(s.cli?.ms), fmtMs(s.yaml?.ms), fmtRatio(s.ratio), fmtRatio(s.cpuRatio),
      fmtMB(s.engine?.peakRssMB), fmtMB(s.cli?.peakRssMB), ...(errors ? [s.error ? `error: ${s.error.slice(0, 80)}` : ''] : []),
    ]);
    out.push(table(['document', 'size', 'ops', 'audit (engine)', 'audit (CLI)', 'yaml parse', 'ratio', 'CPU ratio', 'peak RSS engine', 'peak RSS CLI', ...(errors ? ['error'] : [])], rows));
  }
  if (results.specs.some((s) => s.peers)) {
    out.push('', '### Peers on the same documents (whole programs; ratio = peer / our CLI)', '');
    out.push(table(['document', 'Redocly lint', '× our CLI', 'Spectral + OWASP', '× our CLI', '× our engine', 'Spectral peak RSS'], results.specs.filter((s) => s.peers).map((s) => {
      const r = s.peers!.redocly;
      const sp = s.peers!['spectral-owasp'];
      const cell = (p?: PeerRun) => (!p ? '–' : p.ok ? fmtMs(p.ms) : p.note ?? 'failed');
      const times = (x?: number) => (x === undefined ? '–' : x < 10 ? `${x.toFixed(1)}×` : `${Math.round(x)}×`);
      const vsEngine = sp?.ok && s.engine ? sp.ms / s.engine.ms : undefined;
      return [s.file, cell(r), times(r?.speedup), cell(sp), times(sp?.speedup), times(vsEngine), fmtMB(sp?.peakRssMB)];
    })));
  }
  if (results.editor.length) {
    out.push('', '### Editor: edit one line in a path item -> fresh diagnostics', '');
    out.push(table(['document', 'size', 'first diagnostics (LSP)', 'edit LSP pull median', 'p95', 'edit LSP push median', 'p95', 'edit engine median', 'p95', 'server peak RSS'],
      results.editor.map((e) => [
        e.file, fmtSize(e.bytes), fmtMs(e.lsp?.openMs), fmtMs(e.lsp?.edit.median), fmtMs(e.lsp?.edit.p95), fmtMs(e.lsp?.pushEdit.median), fmtMs(e.lsp?.pushEdit.p95),
        fmtMs(e.engine?.edit.median), fmtMs(e.engine?.edit.p95), fmtMB(e.lsp?.serverPeakRssMB),
      ])));
  }
  if (results.code.length) {
    out.push('', '### Code: generated projects', '');
    out.push(table(['project', 'routes', 'found', 'files', 'audit', 'per route', 'peak RSS', 'edit engine median', 'p95', 'first diag. LSP', 'edit LSP median', 'p95'],
      results.code.map((c) => [
        `${c.framework} ${c.size}`, c.routes, c.routesFound, c.files, fmtMs(c.audit?.ms), c.msPerRoute ? `${c.msPerRoute.toFixed(2)} ms` : '–', fmtMB(c.audit?.peakRssMB),
        fmtMs(c.edit?.median), fmtMs(c.edit?.p95), fmtMs(c.lsp?.openMs), fmtMs(c.lsp?.edit.median), fmtMs(c.lsp?.edit.p95),
      ])));
    const withSpec = results.code.filter((c) => c.withSpec);
    if (withSpec.length) {
      out.push('', '### Code with the spec that documents it (language server; spec written by `api-warden inventory --format openapi`)', '');
      out.push(table(['project', 'spec size', 'open spec -> diagnostics', 'spec edit median', 'p95', 'code edit median', 'p95'], withSpec.map((c) => {
        const w = c.withSpec!;
        return [`${c.framework} ${c.size}`, fmtSize(w.specBytes), fmtMs(w.specEdit?.openMs), fmtMs(w.specEdit?.edit.median), fmtMs(w.specEdit?.edit.p95),
          w.error ? `error: ${w.error.slice(0, 60)}` : fmtMs(w.codeEdit?.edit.median), fmtMs(w.codeEdit?.edit.p95)];
      })));
    }
    const errs = results.code.filter((c) => c.error);
    for (const c of errs) out.push(`  ${c.framework} ${c.size}: ${c.error}`);
  }
  if (results.memory.length) {
    out.push('', '### Long editing sessions', '');
    out.push(table(['session', 'edits', 'edit median', 'p95', 'growth, 2nd half', 'measured as', 'peak RSS'], results.memory.map((m) => [
      m.what, m.edits, fmtMs(m.edit?.median), fmtMs(m.edit?.p95), m.growthMB === undefined ? (m.error ? `error: ${m.error.slice(0, 60)}` : '–') : `${m.growthMB >= 0 ? '+' : ''}${m.growthMB.toFixed(1)} MB`, m.measure, fmtMB(m.peakRssMB),
    ])));
  }
  if (results.audit) {
    const a = results.audit;
    out.push('', '### Responsiveness during a workspace audit (language server)', '');
    out.push(table(['workspace', 'audit', 'edit -> diagnostics during audit median', 'p95', 'max', 'n', 'cancel -> response'], [[
      a.workspace, fmtMs(a.auditMs), fmtMs(a.duringAudit?.median), fmtMs(a.duringAudit?.p95), fmtMs(a.duringAudit?.max), a.duringAudit?.n,
      a.cancel ? `${fmtMs(a.cancel.responseMs)}${a.cancel.cancelled ? '' : ' (not cancelled)'}` : a.error ? `error: ${a.error.slice(0, 60)}` : '–',
    ]]));
    if (a.requestDuringAudit || a.editIdle) {
      out.push('', `Same workspace: a cheap request (an unchanged document's pull) while an audit runs; the edit above with no audit running; the audit alone.`, '');
      out.push(table(['request during audit median', 'p95', 'max', 'n', 'edit, no audit, median', 'max', 'audit (cheap requests only)', 'audit, fresh server', 'CPU'], [[
        fmtMs(a.requestDuringAudit?.median), fmtMs(a.requestDuringAudit?.p95), fmtMs(a.requestDuringAudit?.max), a.requestDuringAudit?.n,
        fmtMs(a.editIdle?.median), fmtMs(a.editIdle?.max), fmtMs(a.quietAuditMs), fmtMs(a.coldAuditMs), fmtMs(a.coldAuditCpuMs),
      ]]));
    }
  }
  if (results.ruleCosts.length) {
    out.push('', '### Where analysis time goes (warm, CPU ms, median; each rule alone includes the shared model it needs)', '');
    const docs = results.ruleCosts;
    const rows: Cell[][] = [
      ['parse (engine)', ...docs.map((d) => fmtMs(d.parseMs))],
      [`all ${docs[0].rules} OpenAPI rules together`, ...docs.map((d) => fmtMs(d.allMs))],
      ['shared semantic model alone', ...docs.map((d) => fmtMs(d.modelMs))],
    ];
    const ids = [...new Set(docs.flatMap((d) => d.byRule.slice(0, 8).map((r) => r.rule)))];
    for (const id of ids) rows.push([id, ...docs.map((d) => fmtMs(d.byRule.find((r) => r.rule === id)?.ms))]);
    out.push(table(['', ...docs.map((d) => d.file)], rows));
  }
  if (results.targets.length) {
    out.push('', '### Targets', '');
    out.push(table(['target', 'measured', 'met'], results.targets.map((t) => [t.target, t.measured, t.met === undefined ? '?' : t.met ? 'yes' : 'NO'])));
  }
  if (results.notes.length) out.push('', ...results.notes.map((n) => `note: ${n}`));
  return out.join('\n');
}

/** `--report <results.json>`: prints a saved run again (growth and targets recomputed). */
function reprint(file: string): void {
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
  results.ruleCosts ??= [];
  for (const m of results.memory) {
    const samples = (m.samples ?? []) as { heapUsedMB?: number }[];
    if (samples.length >= 2 && samples.every((s) => typeof s.heapUsedMB === 'number')) m.growthMB = growthMB(samples as { heapUsedMB: number }[]);
  }
  results.targets = targets(results);
  process.stdout.write(report(results) + '\n');
}

async function main(): Promise<void> {
  const saved = process.argv.indexOf('--report');
  if (saved >= 0) return reprint(process.argv[saved + 1]);
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  fs.mkdirSync(WORK, { recursive: true });
  const cpus = os.cpus();
  const results: Results = {
    date: new Date().toISOString(),
    ...gitInfo(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryMB: Math.round(os.totalmem() / 1048576),
    loadavg: { start: os.loadavg() },
    options: { ...options, only: [...options.only] },
    specs: [],
    editor: [],
    code: [],
    memory: [],
    ruleCosts: [],
    targets: [],
    notes: [],
  };
  const files = specFiles(options);
  if (!files.length) {
    const why = `No documents in ${SPECS} (the shared real-world specs are not present): OpenAPI and editor figures skipped.`;
    results.notes.push(why);
    log(why);
  }
  const projects = new Map<string, GeneratedProject>();
  if (options.only.has('specs') && files.length) await specsSection(files, options, results);
  if (options.only.has('editor') && files.length) await editorSection(options, results);
  if (options.only.has('code')) await codeSection(options, results, projects);
  if (options.only.has('memory')) await memorySection(options, results, projects);
  if (options.only.has('audit') && files.length) await auditSection(files, options, results);
  if (options.only.has('rules') && files.length) await rulesSection(options, results);
  if (options.only.has('peers') && files.length) await peersSection(files, options, results);
  results.loadavg.end = os.loadavg();
  results.targets = targets(results);
  results.durationMs = performance.now() - started;

  const text = report(results);
  process.stdout.write(text + '\n');
  const out = options.out ?? path.join(REPO, 'bench', 'results', `${results.date.replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(out.replace(/\.json$/, '.md'), text + '\n');
  log(`\nwrote ${path.relative(process.cwd(), out)} (and .md) in ${fmtMs(results.durationMs)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
