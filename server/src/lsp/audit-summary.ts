/**
 * An engine audit turned into the `apiWarden/audit` answer. Shared by the two places an audit
 * runs (the worker thread, and the main thread when no worker can start), so both answer
 * exactly the same summary for the same workspace.
 */
import { relativePath, type AuditResult, type Engine, type FilePath, type OwaspCategory, type Severity } from '../engine';
import { reportFromAudit, withUnusedSuppressions } from '../engine/report/from-engine';
import type { AuditSummary } from '../protocol';
import { toAuditFinding, toAuditOperation, type PositionsOf } from './convert';

export interface SummaryContext {
  roots: FilePath[];
  rootUris: string[];
  positionsOf: PositionsOf;
  version?: string;
  durationMs: number;
}

export function summariseAudit(engine: Engine, raw: AuditResult, ctx: SummaryContext): AuditSummary {
  const result = withUnusedSuppressions(engine, raw);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const byOwasp: Partial<Record<OwaspCategory, number>> = {};
  const findings: AuditSummary['findings'] = [];
  let suppressed = 0;
  for (const f of result.findings) {
    if (f.suppressed) {
      suppressed++;
      continue;
    }
    const at = ctx.positionsOf(f.file);
    if (!at) continue; // the file vanished between the audit and now
    counts[f.severity]++;
    for (const c of f.owasp) byOwasp[c] = (byOwasp[c] ?? 0) + 1;
    findings.push(toAuditFinding(f, at.uri, at.positions));
  }
  const operations = result.operations.flatMap((op) => {
    const at = ctx.positionsOf(op.at.file);
    return at ? [toAuditOperation(op, at.uri, at.positions)] : [];
  });
  return {
    roots: ctx.rootUris,
    files: { specs: result.discovery.specs.length, code: result.discovery.code.length, skipped: result.discovery.skipped.length },
    counts,
    byOwasp,
    findings,
    operations,
    suppressed,
    cancelled: result.cancelled,
    durationMs: ctx.durationMs,
    report: reportFromAudit(engine, result, { tool: { name: 'api-warden', version: ctx.version ?? '0.0.0' } }),
  };
}

/**
 * The engine's progress callback as work-done progress: a percentage and the file's path
 * relative to its root, sent only when the percentage changes (thousands of files would
 * otherwise mean thousands of notifications).
 */
export function progressCallback(roots: FilePath[], report: (percent: number, message: string) => void): (done: number, total: number, file: FilePath) => void {
  let lastPercent = -1;
  return (done, total, file) => {
    const percent = total ? Math.floor((done / total) * 100) : 100;
    if (percent === lastPercent) return;
    lastPercent = percent;
    const root = roots.find((r) => file.startsWith(r + '/'));
    report(percent, root ? relativePath(root, file) : file);
  };
}
