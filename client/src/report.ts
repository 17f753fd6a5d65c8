/**
 * Renders an AuditSummary as Markdown for a person to read: totals, OWASP categories, the
 * endpoint inventory with its auth status, and the most severe findings with file:line links.
 * Pure (no `vscode` import) so it can be tested without an editor.
 */
import type { AuditFinding, AuditOperation, AuditSummary, WardenSeverity } from '../../server/src/protocol';

export const OWASP_TITLES: Record<string, string> = {
  'API1:2023': 'Broken Object Level Authorization',
  'API2:2023': 'Broken Authentication',
  'API3:2023': 'Broken Object Property Level Authorization',
  'API4:2023': 'Unrestricted Resource Consumption',
  'API5:2023': 'Broken Function Level Authorization',
  'API6:2023': 'Unrestricted Access to Sensitive Business Flows',
  'API7:2023': 'Server Side Request Forgery',
  'API8:2023': 'Security Misconfiguration',
  'API9:2023': 'Improper Inventory Management',
  'API10:2023': 'Unsafe Consumption of APIs',
};

const SEVERITY_RANK: Record<WardenSeverity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const AUTH_LABELS: Record<AuditOperation['auth'], string> = {
  required: 'required',
  public: 'public (declared)',
  missing: '**missing**',
  unknown: 'unknown (could not tell)',
};

export interface ReportOptions {
  /** Workspace-relative display path for a URI. */
  relativePath(uri: string): string;
  /** How many findings to list (the rest are counted). */
  maxFindings?: number;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 errors, 3 warnings, 0 info, 1 hint": the one-line total used by the notification too. */
export function countsLine(counts: Record<WardenSeverity, number>): string {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info, ${plural(counts.hint, 'hint')}`;
}

export function renderAuditReport(summary: AuditSummary, options: ReportOptions): string {
  const max = options.maxFindings ?? 50;
  const out: string[] = ['# API Warden audit', ''];
  const { files } = summary;
  out.push(
    `${plural(files.specs + files.code, 'file')} analysed (${plural(files.specs, 'spec')}, ${files.code} code, ` +
      `${files.skipped} skipped) in ${summary.durationMs} ms.`,
    '',
    `**${plural(summary.findings.length, 'finding')}**: ${countsLine(summary.counts)}` +
      (summary.suppressed ? ` (${summary.suppressed} suppressed)` : '') + '.',
  );
  if (summary.cancelled) out.push('', '> The audit was cancelled: these results are incomplete.');

  out.push('', '## By OWASP API Security Top 10 (2023)', '');
  const categories = Object.entries(summary.byOwasp).filter(([, n]) => n > 0);
  if (categories.length === 0) {
    out.push('No findings.');
  } else {
    out.push('| Category | Findings |', '|---|---:|');
    categories.sort(([a], [b]) => owaspNumber(a) - owaspNumber(b));
    for (const [id, n] of categories) out.push(`| ${id} ${OWASP_TITLES[id] ?? ''} | ${n} |`);
  }

  out.push('', `## Endpoints (${summary.operations.length})`, '');
  if (summary.operations.length === 0) {
    out.push('No endpoints found.');
  } else {
    out.push('| Method | Path | Authentication | Source | Where |', '|---|---|---|---|---|');
    const ops = [...summary.operations].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
    for (const op of ops) {
      out.push(
        `| ${op.method.toUpperCase()} | \`${escapeCell(op.path)}\` | ${AUTH_LABELS[op.auth]} | ${op.source} | ` +
          `${link(op.uri, op.line, options)} |`,
      );
    }
  }

  out.push('', '## Findings', '');
  const findings = [...summary.findings].sort(compareFindings);
  if (findings.length === 0) out.push('No findings.');
  for (const f of findings.slice(0, max)) out.push(findingLine(f, options));
  if (findings.length > max) out.push('', `…and ${findings.length - max} more (see the Problems panel or run the CLI).`);
  out.push('');
  return out.join('\n');
}

function findingLine(f: AuditFinding, options: ReportOptions): string {
  const op = f.operation ? ` \`${f.operation.method.toUpperCase()} ${f.operation.path}\`` : '';
  const owasp = f.owasp.length ? ` (${f.owasp.join(', ')})` : '';
  return `- **${f.severity}** \`${f.ruleId}\`${owasp}${op}: ${oneLine(f.message)} (${link(f.uri, f.range.start.line, options)})`;
}

/** A Markdown link that the preview opens at the line (1-based in the label and the fragment). */
function link(uri: string, line0: number, options: ReportOptions): string {
  const label = `${options.relativePath(uri)}:${line0 + 1}`;
  return `[${escapeCell(label)}](${uri}#L${line0 + 1})`;
}

function compareFindings(a: AuditFinding, b: AuditFinding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.uri.localeCompare(b.uri) ||
    a.range.start.line - b.range.start.line
  );
}

function owaspNumber(id: string): number {
  const m = /^API(\d+)/.exec(id);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
