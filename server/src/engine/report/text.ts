/**
 * Terminal output in the ESLint/Spectral manner: one line per finding,
 * `file:line:col  severity  message  rule-id` (the location is clickable in terminals and
 * editors), findings grouped by file with a blank line between files, then a summary.
 * Colour is decided by the caller (TTY, NO_COLOR), never here.
 */
import { escapeTerminal } from './escape';
import type { Report, ReportFinding } from './model';
import type { Severity } from '../types';

export interface TextOptions {
  color?: boolean;
}

type Style = (s: string) => string;

const ansi = (open: number, close: number): Style => (s) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain: Style = (s) => s;

function styles(color: boolean) {
  return {
    dim: color ? ansi(2, 22) : plain,
    bold: color ? ansi(1, 22) : plain,
    underline: color ? ansi(4, 24) : plain,
    error: color ? ansi(31, 39) : plain,
    warning: color ? ansi(33, 39) : plain,
    info: color ? ansi(34, 39) : plain,
    hint: color ? ansi(90, 39) : plain,
    green: color ? ansi(32, 39) : plain,
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function formatText(report: Report, options: TextOptions = {}): string {
  const s = styles(options.color ?? false);
  const lines: string[] = [];
  const groups = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    const g = groups.get(f.file);
    if (g) g.push(f);
    else groups.set(f.file, [f]);
  }
  for (const [file, findings] of groups) {
    const locs = findings.map((f) => `${escapeTerminal(file)}:${f.range.start.line}:${f.range.start.column}`);
    const locWidth = Math.max(...locs.map((l) => l.length));
    const sevWidth = Math.max(...findings.map((f) => f.severity.length));
    findings.forEach((f, i) => {
      const sev = s[f.severity](f.severity.padEnd(sevWidth));
      lines.push(`${s.underline(locs[i])}${' '.repeat(locWidth - locs[i].length)}  ${sev}  ${escapeTerminal(oneLine(f.message))}  ${s.dim(f.ruleId)}`);
    });
    lines.push('');
  }
  lines.push(...summaryLines(report, s));
  return lines.join('\n') + '\n';
}

function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, ' ');
}

function summaryLines(report: Report, s: ReturnType<typeof styles>): string[] {
  const { counts, total, files, suppressed, baselined, score } = report.summary;
  const analysed = `${plural(files.specs, 'spec')}, ${plural(files.code, 'source file')}`;
  const extras: string[] = [];
  if (suppressed) extras.push(`${suppressed} suppressed`);
  if (baselined) extras.push(`${baselined} baselined`);
  if (files.skipped) extras.push(`${files.skipped} skipped`);
  extras.push(`score ${score.score}/100`);
  const stale = report.baseline?.unmatched ?? 0;
  const head =
    total === 0
      ? s.green(`✔ No problems (${analysed})`)
      : worst(counts)(
          s.bold(
            `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info, ${plural(counts.hint, 'hint')}) in ${analysed}`,
          ),
        );
  const out = [head, s.dim(`  ${extras.join(' · ')}`)];
  if (stale) out.push(s.dim(`  ${plural(stale, 'baseline entry', 'baseline entries')} no longer match a finding (fixed or changed): refresh the baseline with --write-baseline`));
  if (report.summary.cancelled) out.push(s.warning('  The audit was cancelled: results are partial.'));

  function worst(c: Record<Severity, number>) {
    return c.error ? s.error : c.warning ? s.warning : s.info;
  }
  return out;
}
