/**
 * An engine's audit turned into the report every front end shows: the CLI's formats and the
 * editor's report view both come through here, so they count and fingerprint the same findings
 * (including unused suppressions).
 */
import type { AuditResult, Engine } from '../engine';
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
