/**
 * Shared helpers for the hostile-input suite: where the inputs live, how to run the engine on
 * one text, the invariants every result must keep, and time bounds relative to a baseline
 * measured in the same run (never a fixed wall-clock limit: machines and CI differ).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ALL_RULES, createEngine, MemoryFileSystem, SEVERITY_ORDER,
  type Engine, type EngineOptions, type Finding, type Logger,
} from '../../server/src/engine';

function findRepoRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'test'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no repository root above ${start}`);
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = findRepoRoot(__dirname);
export const CORPUS_DIR = path.join(REPO_ROOT, 'test', 'robustness', 'corpus');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'fixtures');
export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');
export const SPECS_DIR = path.join(SHARED_DIR, 'specs');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

/** The real-world specs in ../shared/specs, or undefined (with the reason) when absent. */
export function sharedSpecs(): string[] | undefined {
  if (!fs.existsSync(SPECS_DIR)) return undefined;
  return fs.readdirSync(SPECS_DIR).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort().map((f) => path.join(SPECS_DIR, f));
}

export const SHARED_ABSENT = `skipped: ${SPECS_DIR} is absent (the real-world specs live outside the repository)`;

export function corpusText(name: string): string {
  return fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8');
}

export const now = (): number => performance.now();

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

/**
 * A generous per-input bound from a baseline measured in this run: hostile inputs may take
 * the slower error-tolerant parser (about 12x on large YAML), so the factor is large, and the
 * constant absorbs GC pauses on tiny inputs. This catches hangs and blow-ups, not slowness.
 */
export function boundFor(baselineMs: number, factor = 25, slackMs = 1000): number {
  return factor * baselineMs + slackMs;
}

export class RecordingLogger implements Logger {
  readonly lines: { level: 'info' | 'warn' | 'error'; message: string }[] = [];
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  matching(re: RegExp): string[] {
    return this.lines.filter((l) => re.test(l.message)).map((l) => l.message);
  }
}

export const ROOT = '/ws';

export function memoryEngine(files: Record<string, string>, options: Partial<EngineOptions> = {}): Engine {
  return createEngine({ fs: new MemoryFileSystem(files), roots: [ROOT], ...options });
}

/** Lints one in-memory file (a fresh engine), timing the call. */
export async function lintText(
  file: string,
  text: string,
  options: Partial<EngineOptions> & { files?: Record<string, string> } = {},
): Promise<{ findings: Finding[]; failures: { ruleId: string; message: string }[]; ms: number; kind: string }> {
  const { files, ...engineOptions } = options;
  const engine = memoryEngine({ ...(files ?? {}), [file]: text }, engineOptions);
  const t = now();
  const r = await engine.lintFile(file);
  return { findings: r.findings, failures: r.failures, ms: now() - t, kind: r.kind };
}

const TEMPLATES = new Map(ALL_RULES.map((r) => [r.meta.id, r.meta.messages as Record<string, string>] as const));

/**
 * A placeholder of the finding's message template left in its message as written (the rule passed
 * no value for it). Messages may quote the document, and documents hold `{{…}}` templates of their
 * own (a parse error quoting `'Hello {{{FIRST_NAME}}}'`), so only the template's own count.
 */
function unfilledPlaceholder(f: Finding): boolean {
  const template = TEMPLATES.get(f.ruleId)?.[f.messageId];
  return template !== undefined && [...template.matchAll(/\{\{\s*\w+\s*\}\}/g)].some((m) => f.message.includes(m[0]));
}

/**
 * What every result must satisfy, whatever the input: ranges inside the file, filled messages,
 * known severities, no contained crash (`file-skipped`/`failed` means the engine caught one).
 * Returns the violations (empty when fine) so the fuzzer can report instead of throwing.
 */
export function invariantViolations(findings: readonly Finding[], texts: (file: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const f of findings) {
    const where = `${f.ruleId}/${f.messageId} in ${f.file} at ${f.range.start}-${f.range.end}`;
    const text = texts(f.file);
    if (!Number.isInteger(f.range.start) || !Number.isInteger(f.range.end) || f.range.start < 0 || f.range.end < f.range.start) {
      out.push(`bad range: ${where}`);
    } else if (text !== undefined && f.range.end > text.length) {
      out.push(`range past the end of the file (${text.length}): ${where}`);
    }
    if (!(f.severity in SEVERITY_ORDER)) out.push(`unknown severity ${String(f.severity)}: ${where}`);
    if (typeof f.message !== 'string' || unfilledPlaceholder(f)) out.push(`unfilled message: ${where}`);
    if (f.ruleId === 'file-skipped' && f.messageId === 'failed') out.push(`contained crash: ${f.message}`);
    for (const fix of [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])]) {
      for (const e of fix.edits) {
        const t = texts(e.file);
        if (e.range.start < 0 || e.range.end < e.range.start || (t !== undefined && e.range.end > t.length)) out.push(`fix edit out of range: ${where}`);
      }
    }
  }
  return out;
}

export function assertInvariants(findings: readonly Finding[], texts: Record<string, string>): void {
  const v = invariantViolations(findings, (f) => texts[f]);
  assert.deepStrictEqual(v, [], v.join('\n'));
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `api-warden-${prefix}-`));
}

export function removeDir(dir: string): void {
  // Restore permissions first: a chmod-000 entry would stop the removal.
  const walk = (p: string) => {
    try {
      const st = fs.lstatSync(p);
      if (st.isSymbolicLink()) return;
      fs.chmodSync(p, 0o755);
      if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    } catch {
      // already gone
    }
  };
  walk(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Engine paths are absolute and '/'-separated. */
export function enginePath(p: string): string {
  return p.replace(/\\/g, '/');
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

export function rangeText(text: string, f: Finding): string {
  return text.slice(f.range.start, f.range.end);
}

export function only(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}
