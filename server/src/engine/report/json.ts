/**
 * The JSON report, as the product contract defines it:
 * `{ schemaVersion, tool, root, findings, operations, summary }` with 1-based ranges and paths
 * relative to `root`. Suppressed and baselined findings are counted in `summary`, not listed.
 */
import type { Report } from './model';

export function formatJson(report: Report): string {
  const out = {
    schemaVersion: report.schemaVersion,
    tool: report.tool,
    root: report.root,
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      owasp: f.owasp,
      ...(f.cwe ? { cwe: f.cwe } : {}),
      severity: f.severity,
      message: f.message,
      file: f.file,
      range: f.range,
      ...(f.operation ? { operation: f.operation } : {}),
    })),
    operations: report.operations.map((o) => ({
      method: o.method,
      path: o.path,
      source: o.source,
      file: o.file,
      range: o.range,
      auth: o.auth,
      ...(o.authBy.length ? { authBy: o.authBy } : {}),
      findings: o.findings,
    })),
    summary: {
      files: report.summary.files,
      total: report.summary.total,
      counts: report.summary.counts,
      byOwasp: report.summary.byOwasp,
      suppressed: report.summary.suppressed,
      baselined: report.summary.baselined,
      failures: report.summary.failures,
      score: report.summary.score.score,
      ...(report.summary.cancelled ? { cancelled: true } : {}),
    },
  };
  return JSON.stringify(out, null, 2) + '\n';
}
