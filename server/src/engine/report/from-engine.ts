/**
 * An engine's audit turned into the report every front end shows: the CLI's formats and the
 * editor's report view both come through here, so they count and fingerprint the same findings
 * (including unused suppressions).
 */
import type { AuditResult, Engine, LintResult } from '../engine';
import type { Finding } from '../types';
import { docsUrl } from '../rules/rule';
import { buildReport, type Report } from './model';
import { unusedSuppressions } from './unused-suppressions';

export interface ReportFromAuditOptions {
  /** Folder paths are shown relative to; defaults to the common folder of the result's roots. */
  root?: string;
  tool?: { name: string; version: string };
  baseline?: ReadonlySet<string>;
  ruleHelp?(ruleId: string): string | undefined;
}

/** The audit's findings plus its unused suppressions (a new result; the input is not changed). */
export function withUnusedSuppressions(engine: Engine, result: AuditResult): AuditResult {
  const unused = unusedSuppressions(result, { readFile: (f) => engine.readFile(f), settings: engine.settings, rules: engine.rules });
  return unused.length ? { ...result, findings: [...result.findings, ...unused] } : result;
}

/** Unused suppressions of one linted file (the editor shows them with the file's diagnostics). */
export function unusedSuppressionsInFile(engine: Engine, lint: LintResult): Finding[] {
  if (lint.kind === 'other') return [];
  const discovery = { specs: lint.kind === 'openapi' ? [lint.file] : [], code: lint.kind === 'code' ? [lint.file] : [], skipped: [] };
  const result: AuditResult = { roots: [], discovery, findings: lint.findings, operations: [], failures: lint.failures, cancelled: false };
  return unusedSuppressions(result, { readFile: (f) => engine.readFile(f), settings: engine.settings, rules: engine.rules });
}

export function reportFromAudit(engine: Engine, result: AuditResult, options: ReportFromAuditOptions = {}): Report {
  return buildReport(result, {
    root: options.root ?? commonFolder(result.roots),
    readFile: (f) => engine.readFile(f),
    tool: options.tool,
    rules: engine.rules,
    publicRoutes: engine.settings.publicRoutes,
    docsUrl,
    ruleHelp: options.ruleHelp,
    baseline: options.baseline,
  });
}

/** The deepest folder containing every path (engine paths, '/'-separated). */
export function commonFolder(folders: readonly string[]): string {
  if (folders.length === 0) return '/';
  let parts = folders[0].split('/');
  for (const f of folders.slice(1)) {
    const other = f.split('/');
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  const joined = parts.join('/');
  return joined === '' ? '/' : /^[a-z]:$/i.test(joined) ? joined + '/' : joined;
}
