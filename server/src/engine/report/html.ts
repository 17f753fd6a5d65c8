/**
 * The audit report as one self-contained HTML page: the same page is written by
 * `api-warden audit --format html` and shown in VS Code's report webview.
 *
 * Security: nothing is loaded from anywhere (`default-src 'none'`), the one <style> and the one
 * <script> run only under a per-render nonce, and every string that comes from the workspace
 * (paths, messages, operation paths, reasons) goes through `escapeHtml`. The script filters
 * rows the server rendered; it never turns strings into markup.
 */
import { OWASP_CATEGORIES, type OwaspCategory, type Severity } from '../types';
import { escapeHtml as h } from './escape';
import { REPORT_CSS, REPORT_JS } from './html-assets';
import type { Report, ReportFinding, ReportOperation } from './model';
import { owaspName, owaspUrl } from './owasp';
import { SCORE_MIN_SIZE, SCORE_WEIGHTS } from './score';

export interface HtmlOptions {
  /** A fresh random value per render (base64 or hex); it gates the inline style and script. */
  nonce: string;
  /** Extra CSP source for styles (a webview's `cspSource`). */
  cspSource?: string;
  /** Webview mode: findings and endpoints are buttons that post "open" messages, plus export buttons. */
  interactive?: boolean;
  title?: string;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export function contentSecurityPolicy(nonce: string, cspSource?: string): string {
  const extra = cspSource ? ` ${cspSource}` : '';
  return `default-src 'none'; img-src data:${extra}; style-src 'nonce-${nonce}'${extra}; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
}

export function formatHtml(report: Report, options: HtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(options.nonce)) throw new Error('the HTML report needs a random nonce of at least 16 characters');
  const nonce = h(options.nonce);
  const title = options.title ?? 'API Warden report';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(contentSecurityPolicy(options.nonce, options.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(title)}</title>
<style nonce="${nonce}">${REPORT_CSS}</style>
</head>
<body>
${header(report, title, options)}
${overview(report)}
${owaspTable(report)}
${endpoints(report, options)}
${findings(report, options)}
${suppressed(report, options)}
${failures(report)}
<script nonce="${nonce}">${REPORT_JS}</script>
</body>
</html>
`;
}

function header(report: Report, title: string, options: HtmlOptions): string {
  const exportsBar = options.interactive
    ? `<div class="exports" role="toolbar" aria-label="Export">${['html', 'markdown', 'sarif', 'json']
        .map((f) => `<button type="button" data-export="${f}">Export ${f === 'sarif' ? 'SARIF' : f === 'json' ? 'JSON' : f === 'html' ? 'HTML' : 'Markdown'}</button>`)
        .join('')}</div>`
    : '';
  return `<header>
<h1>${h(title)}</h1>
<div class="muted">Root <code>${h(report.root)}</code> · ${h(report.tool.name)} ${h(report.tool.version)}${report.summary.cancelled ? ' · <strong>cancelled: partial results</strong>' : ''}</div>
${exportsBar}
</header>`;
}

function overview(report: Report): string {
  const s = report.summary;
  const cards = [
    `<div class="card score" id="aw-score" title="${h(scoreFormula(report))}"><div class="muted">Score</div><div class="value grade-${s.score.grade}">${s.score.score}</div><div class="muted">of 100 · grade ${s.score.grade}</div></div>`,
    ...SEVERITIES.map((sev) => `<div class="card"><div class="muted">${cap(sev)}</div><div class="value sev-${sev}" data-count="${sev}">${s.counts[sev]}</div></div>`),
    `<div class="card"><div class="muted">Endpoints</div><div class="value">${report.operations.length}</div></div>`,
    `<div class="card"><div class="muted">Files</div><div class="value">${s.files.specs + s.files.code}</div><div class="muted">${s.files.specs} spec · ${s.files.code} code${s.files.skipped ? ` · ${s.files.skipped} skipped` : ''}</div></div>`,
  ];
  const notes = [s.suppressed ? `${s.suppressed} suppressed` : '', s.baselined ? `${s.baselined} baselined` : ''].filter(Boolean).join(' · ');
  return `<section id="overview"><div class="cards">${cards.join('')}</div>${notes ? `<p class="muted">${notes}</p>` : ''}</section>`;
}

function scoreFormula(report: Report): string {
  const w = SCORE_WEIGHTS;
  return `score = round(100 × size / (size + penalty)); penalty = ${w.error}·errors + ${w.warning}·warnings + ${w.info}·info = ${report.summary.score.penalty}; size = max(${SCORE_MIN_SIZE}, endpoints) = ${report.summary.score.size}`;
}

function owaspTable(report: Report): string {
  const max = Math.max(1, ...OWASP_CATEGORIES.map((c) => report.summary.byOwasp[c]));
  const rows = OWASP_CATEGORIES.map((c) => {
    const n = report.summary.byOwasp[c];
    const bySev = SEVERITIES.map((sev) => report.findings.filter((f) => f.severity === sev && f.owasp.includes(c)).length);
    return `<tr data-owasp="${c}"><td><a href="${owaspUrl(c)}">${c}</a> ${h(owaspName(c))}</td>${bySev.map((x) => `<td class="num">${x || ''}</td>`).join('')}<td class="num">${n}${n ? `<span class="bar" data-width="${Math.round((n / max) * 100)}"></span>` : ''}</td></tr>`;
  });
  return `<section id="owasp"><h2>OWASP API Security Top 10 (2023)</h2>
<table><thead><tr><th>Category</th>${SEVERITIES.map((s) => `<th class="num">${cap(s)}</th>`).join('')}<th class="num">Total</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

function location(file: string, absoluteFile: string, range: ReportFinding['range'], interactive: boolean | undefined): string {
  const text = `${h(file)}:${range.start.line}:${range.start.column}`;
  if (!interactive) return `<span class="mono loc">${text}</span>`;
  return `<button type="button" class="link mono loc" data-open="${h(absoluteFile)}" data-line="${range.start.line}" data-column="${range.start.column}" data-end-line="${range.end.line}" data-end-column="${range.end.column}">${text}</button>`;
}

function endpoints(report: Report, options: HtmlOptions): string {
  if (!report.operations.length) return `<section id="endpoints"><h2>Endpoints</h2><p class="muted">No endpoints found.</p></section>`;
  const rows = report.operations.map(
    (o: ReportOperation) =>
      `<tr class="endpoint"><td class="mono">${h(o.method)}</td><td class="mono">${h(o.path)}</td><td>${h(o.source)}</td><td>${location(o.file, o.absoluteFile, o.range, options.interactive)}</td><td class="auth-${o.auth}" title="${h(o.authEvidence)}">${authLabel(o)}</td><td class="num">${o.findings || ''}</td></tr>`,
  );
  return `<section id="endpoints"><h2>Endpoints (${report.operations.length})</h2>
<table><thead><tr><th>Method</th><th>Path</th><th>Source</th><th>Location</th><th>Authentication</th><th class="num">Findings</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

function authLabel(o: ReportOperation): string {
  switch (o.auth) {
    case 'required':
      return `required${o.authBy.length ? ` <span class="muted">(${h(o.authBy.join(', '))})</span>` : ''}`;
    case 'public':
      return 'public by design';
    case 'missing':
      return 'missing';
    default:
      return 'unknown';
  }
}

function findingRow(f: ReportFinding, options: HtmlOptions, docs: ReadonlyMap<string, string | undefined>): string {
  const url = docs.get(f.ruleId);
  const rule = url ? `<a href="${h(url)}">${h(f.ruleId)}</a>` : h(f.ruleId);
  return `<tr class="finding" data-severity="${f.severity}" data-owasp="${h(f.owasp.join(' '))}" data-rule="${h(f.ruleId)}"><td class="sev sev-${f.severity}">${f.severity}</td><td>${location(f.file, f.absoluteFile, f.range, options.interactive)}</td><td>${h(f.message)}${f.operation ? `<div class="muted mono">${h(f.operation.method)} ${h(f.operation.path)}</div>` : ''}</td><td class="mono">${rule}</td></tr>`;
}

function findings(report: Report, options: HtmlOptions): string {
  const docs = new Map(report.rules.map((r) => [r.id, r.docsUrl] as const));
  const groups = new Map<OwaspCategory | 'other', ReportFinding[]>();
  for (const f of report.findings) {
    const key = f.owasp[0] ?? 'other';
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const order: (OwaspCategory | 'other')[] = [...OWASP_CATEGORIES, 'other'];
  const sections = order
    .filter((k) => groups.has(k))
    .map((k) => {
      const list = groups.get(k)!;
      const heading = k === 'other' ? 'Other (parse errors, skipped files)' : `${k} ${h(owaspName(k))}`;
      return `<section class="group" data-group="${k}"><h3>${heading} <span class="muted">(${list.length})</span></h3>
<table><thead><tr><th>Severity</th><th>Location</th><th>Finding</th><th>Rule</th></tr></thead>
<tbody>${list.map((f) => findingRow(f, options, docs)).join('\n')}</tbody></table></section>`;
    });
  const filters = `<div class="filters" role="search">
<input type="search" id="aw-search" placeholder="Search findings" aria-label="Search findings">
<select id="aw-category" aria-label="OWASP category"><option value="">All categories</option>${OWASP_CATEGORIES.filter((c) => report.summary.byOwasp[c]).map((c) => `<option value="${c}">${c} ${h(owaspName(c))}</option>`).join('')}</select>
${SEVERITIES.map((s) => `<label><input type="checkbox" data-severity="${s}" checked> ${cap(s)}</label>`).join(' ')}
<span class="muted"><span id="aw-shown">${report.findings.length}</span> shown</span>
</div>`;
  const body = report.findings.length ? filters + sections.join('\n') : '<p class="muted">No problems found.</p>';
  return `<section id="findings"><h2>Findings (${report.findings.length})</h2>${body}</section>`;
}

function suppressed(report: Report, options: HtmlOptions): string {
  if (!report.suppressedFindings.length) return '';
  const rows = report.suppressedFindings.map(
    (f) =>
      `<tr><td class="sev sev-${f.severity}">${f.severity}</td><td>${location(f.file, f.absoluteFile, f.range, options.interactive)}</td><td>${h(f.message)}</td><td class="mono">${h(f.ruleId)}</td><td>${h(f.suppressed?.kind ?? '')}${f.suppressed?.reason ? `: ${h(f.suppressed.reason)}` : ''}</td></tr>`,
  );
  return `<section id="suppressed"><details><summary class="h2">Suppressed and baselined (${report.suppressedFindings.length})</summary>
<table><thead><tr><th>Severity</th><th>Location</th><th>Finding</th><th>Rule</th><th>Why</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></details></section>`;
}

function failures(report: Report): string {
  if (!report.failures.length) return '';
  return `<section id="failures"><h2>Rule crashes (${report.failures.length})</h2><p class="muted">These rules failed on some files; the rest of the analysis ran.</p><ul>${report.failures
    .map((f) => `<li><code>${h(f.ruleId)}</code> on <code>${h(f.file)}</code>: ${h(f.message)}</li>`)
    .join('')}</ul></section>`;
}

const cap = (s: string): string => s[0].toUpperCase() + s.slice(1);
