/**
 * `api-warden audit`: resolves the paths, runs the engine over plain disk, builds the report
 * and decides the exit code.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadConfig } from '../engine/config';
import { createEngine, type AuditResult, type Engine } from '../engine/engine';
import { BASELINE_FILE, createBaseline, formatBaseline, parseBaseline } from '../engine/report/baseline';
import { commonFolder, reportFromAudit, withUnusedSuppressions } from '../engine/report/from-engine';
import { isAtOrAbove, type Report } from '../engine/report/model';
import type { Rule } from '../engine/rules/rule';
import { LineIndex } from '../engine/util/line-index';
import { toEnginePath } from '../engine/util/paths';
import { NodeFileSystem } from '../node-file-system';
import type { AuditArgs } from './args';
import { OutputError, writeOutputs } from './outputs';
import { Progress, useColor, type Streams } from './terminal';
import { ruleDocs, toolVersion } from './version';

/** An expected failure (bad path, unreadable baseline): message only, exit code 2. */
export class CliError extends Error {}

export interface AuditOptions {
  /** The rules to run (tests inject a crashing one); defaults to every registered rule. */
  rules?: readonly Rule[];
}

/**
 * Resolves the command's paths, loads the configuration that covers them (printing its problems)
 * and creates the engine over plain disk. Shared by `audit` and `inventory`.
 */
export function openWorkspace(
  inputs: readonly string[],
  configArg: string | undefined,
  io: Streams,
  rules?: readonly Rule[],
): { engine: Engine; root: string; fileSystem: NodeFileSystem } {
  const roots: string[] = [];
  const kinds: ('file' | 'directory')[] = [];
  for (const p of inputs) {
    const abs = path.resolve(io.cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new CliError(`no such file or folder: ${p}`);
    }
    roots.push(toEnginePath(abs));
    kinds.push(stat.isDirectory() ? 'directory' : 'file');
  }
  const root = commonFolder(roots.map((r, i) => (kinds[i] === 'file' ? parentOf(r) : r)));

  // Discovery reads each candidate to sniff it, the audit reads the documents again: once is enough.
  const fileSystem = new NodeFileSystem({ reuseUnchanged: true });
  let configFile: string | undefined;
  if (configArg !== undefined) {
    configFile = toEnginePath(path.resolve(io.cwd, configArg));
    if (fileSystem.readFile(configFile) === undefined) throw new CliError(`cannot read the configuration file ${configArg}`);
  }
  const config = loadConfig(fileSystem, root, { configFile, rules });
  for (const e of config.errors) {
    const text = fileSystem.readFile(e.file);
    const pos = text === undefined ? { line: 0, column: 0 } : new LineIndex(text).positionAt(e.range.start);
    io.stderr.write(`${display(io.cwd, e.file)}:${pos.line + 1}:${pos.column + 1}  ${e.severity}  ${e.message}\n`);
  }
  if (config.errors.some((e) => e.severity === 'error')) {
    throw new CliError(`invalid configuration in ${display(io.cwd, config.file ?? '')}; fix the errors above`);
  }
  return { engine: createEngine({ fs: fileSystem, roots, settings: config.settings, rules }), root, fileSystem };
}

export async function runAudit(args: AuditArgs, io: Streams, options: AuditOptions = {}): Promise<number> {
  const inputs = args.paths.length ? args.paths : ['.'];
  const { engine, root } = openWorkspace(inputs, args.config, io, options.rules);

  const progress = new Progress(io.stderr, io.stderr.isTTY === true);
  let result: AuditResult;
  try {
    result = await engine.audit({ onProgress: (done, total, file) => progress.update(done, total, relative(root, file)) });
  } finally {
    progress.clear();
  }

  for (const f of result.failures) {
    io.stderr.write(`api-warden: rule ${f.ruleId} crashed on ${relative(root, f.file)}: ${f.message}\n`);
  }

  // Stale suppressions are findings too (id `unused-suppression`, configurable like a rule).
  result = withUnusedSuppressions(engine, result);

  const baselinePath = args.baseline !== undefined ? path.resolve(io.cwd, args.baseline) : path.join(root, BASELINE_FILE);
  let baseline: Set<string> | undefined;
  if (!args.writeBaseline && !args.noBaseline && (args.baseline !== undefined || fs.existsSync(baselinePath))) {
    let text: string;
    try {
      text = fs.readFileSync(baselinePath, 'utf8');
    } catch {
      throw new CliError(`cannot read the baseline ${display(io.cwd, baselinePath)}`);
    }
    const parsed = parseBaseline(text);
    if ('error' in parsed) throw new CliError(`invalid baseline ${display(io.cwd, baselinePath)}: ${parsed.error}`);
    baseline = parsed.fingerprints;
  }

  const report = reportFromAudit(engine, result, { root, tool: { name: 'api-warden', version: toolVersion() }, ruleHelp: ruleDocs, baseline });

  if (args.writeBaseline) {
    const file = createBaseline(report);
    fs.mkdirSync(path.dirname(baselinePath), { recursive: true });
    fs.writeFileSync(baselinePath, formatBaseline(file), 'utf8');
    io.stdout.write(`Recorded ${file.findings.length} finding${file.findings.length === 1 ? '' : 's'} in ${display(io.cwd, baselinePath)}; later audits report only new ones.\n`);
    return 0;
  }

  const analysed = result.discovery.specs.length + result.discovery.code.length;
  if (analysed === 0) {
    io.stderr.write(`api-warden: no OpenAPI documents or JS/TS sources found in ${inputs.join(', ')}\n`);
  }

  let outputs: ReturnType<typeof writeOutputs>;
  try {
    outputs = writeOutputs(args.outputs, report, io.cwd, useColor(io.stdout, io.env, args.color));
  } catch (e) {
    if (e instanceof OutputError) throw new CliError(e.message);
    throw e;
  }
  const { stdout, written } = outputs;
  for (const w of written) if (io.stderr.isTTY) io.stderr.write(`Wrote ${path.relative(io.cwd, w) || w}\n`);
  if (stdout !== undefined) io.stdout.write(stdout);

  if (nothingAnalysed(result)) {
    io.stderr.write('api-warden: every analysed file hit a rule crash; the results cannot be trusted\n');
    return 2;
  }
  return exitCode(report, args);
}

export function exitCode(report: Report, args: Pick<AuditArgs, 'failOn' | 'maxWarnings'>): number {
  const { failOn, maxWarnings } = args;
  if (failOn !== 'none' && report.findings.some((f) => isAtOrAbove(f.severity, failOn))) return 1;
  if (maxWarnings !== undefined && report.summary.counts.warning > maxWarnings) return 1;
  return 0;
}

/**
 * Rule crashes are reported but do not decide the exit code, unless no file came through without
 * one (then a clean result would be a lie). Crashes while creating a code rule are attributed to
 * `<workspace>`; they do not make every code file count as failed.
 */
function nothingAnalysed(result: AuditResult): boolean {
  if (result.failures.length === 0) return false;
  const files = [...result.discovery.specs, ...result.discovery.code];
  const failed = new Set(result.failures.map((f) => f.file));
  return files.length > 0 && files.every((f) => failed.has(f));
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : /^[a-z]:$/i.test(p.slice(0, i)) ? p.slice(0, i + 1) : p.slice(0, i);
}

/** A path for messages: relative to the working folder when inside it, else absolute. */
export function display(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.replace(/\\/g, '/') : file;
}

function relative(root: string, file: string): string {
  const r = root.endsWith('/') ? root : root + '/';
  return file.startsWith(r) ? file.slice(r.length) : file;
}
