/**
 * Markdown for a pull-request comment (GitHub-flavoured): a headline with the score, counts per
 * severity and OWASP category, then the findings in a table (capped, so the comment stays far
 * below GitHub's 65,536-character limit). Workspace strings are escaped: a path or message can
 * never inject markup or links into the comment.
 */
import { OWASP_CATEGORIES, type Severity } from '../types';
import { escapeMarkdown } from './escape';
import type { Report } from './model';
import { owaspName, owaspUrl } from './owasp';

export interface MarkdownOptions {
  /** Most findings listed; the rest are counted. */
  maxFindings?: number;
}

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', info: '🔵', hint: '⚪' };

export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const max = options.maxFindings ?? 100;
  const { summary } = report;
  const out: string[] = [];
  out.push(`### API Warden: score ${summary.score.score}/100 (${summary.score.grade})`, '');

  const files = `${summary.files.specs} spec${summary.files.specs === 1 ? '' : 's'} and ${summary.files.code} source file${summary.files.code === 1 ? '' : 's'}`;
  const notes = [
    summary.suppressed ? `${summary.suppressed} suppressed` : '',
    summary.baselined ? `${summary.baselined} baselined` : '',
    summary.failures ? `⚠️ ${summary.failures} rule crash${summary.failures === 1 ? '' : 'es'}` : '',
    summary.cancelled ? '⚠️ cancelled, partial results' : '',
  ].filter(Boolean);
  if (summary.total === 0) {
    out.push(`✅ **No problems** in ${files}.${notes.length ? ` ${notes.join(' · ')}.` : ''}`, '');
  } else {
    const c = summary.counts;
    const parts = (['error', 'warning', 'info', 'hint'] as const).filter((s) => c[s]).map((s) => `${ICON[s]} ${c[s]} ${s}${c[s] === 1 || s === 'info' ? '' : 's'}`);
    out.push(`**${summary.total} problem${summary.total === 1 ? '' : 's'}** (${parts.join(', ')}) in ${files}.${notes.length ? ` ${notes.join(' · ')}.` : ''}`, '');
  }

  const categories = OWASP_CATEGORIES.filter((c) => summary.byOwasp[c] > 0);
  if (categories.length) {
    out.push('| OWASP API Security Top 10 (2023) | Findings |', '|---|---:|');
    for (const c of categories) out.push(`| [${c}](${owaspUrl(c)}) ${owaspName(c)} | ${summary.byOwasp[c]} |`);
    out.push('');
  }

  if (report.findings.length) {
    const docs = new Map(report.rules.map((r) => [r.id, r.docsUrl] as const));
    out.push(`<details${report.findings.length <= 20 ? ' open' : ''}><summary>Findings (${report.findings.length})</summary>`, '');
    out.push('| Severity | Location | Finding | Rule |', '|---|---|---|---|');
    for (const f of report.findings.slice(0, max)) {
      const loc = escapeMarkdown(`${f.file}:${f.range.start.line}:${f.range.start.column}`);
      const url = docs.get(f.ruleId);
      const rule = url ? `[${escapeMarkdown(f.ruleId)}](${url})` : escapeMarkdown(f.ruleId);
      out.push(`| ${ICON[f.severity]} ${f.severity} | ${loc} | ${escapeMarkdown(f.message)} | ${rule} |`);
    }
    if (report.findings.length > max) out.push('', `…and ${report.findings.length - max} more (see the full report).`);
    out.push('', '</details>', '');
  }
  return out.join('\n');
}
