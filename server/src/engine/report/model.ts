/**
 * The report model: an AuditResult turned into display-ready plain data (1-based line/column,
 * paths relative to the report root, fingerprints, per-operation counts, summary and score).
 * Every output format (text, json, sarif, markdown, html) renders this one model, so they
 * always agree. Building it is pure: file texts come from the injected `readFile`.
 */
import type { AuditResult } from '../engine';
import { isPublicRoute } from '../code/public-routes';
import { authOf } from '../model/endpoints';
import type { Operation, OperationSource } from '../model/operation';
import type { RuleFailure } from '../run/collector';
import type { Rule } from '../rules/rule';
import { OWASP_CATEGORIES, SEVERITY_ORDER, type Finding, type OwaspCategory, type Severity } from '../types';
import { LineIndex } from '../util/line-index';
import { relativePath } from '../util/paths';
import { fingerprints } from './fingerprint';
import { computeScore, type ScoreBreakdown } from './score';

export const REPORT_SCHEMA_VERSION = 1;

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (what editors and SARIF count). */
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type AuthStatus = 'required' | 'public' | 'missing' | 'unknown';

export interface ReportFinding {
  ruleId: string;
  messageId: string;
  owasp: OwaspCategory[];
  cwe?: number[];
  severity: Severity;
  message: string;
  /** Relative to the report root, '/'-separated. */
  file: string;
  /** Absolute engine path, for front ends that open the file. */
  absoluteFile: string;
  range: Range;
  operation?: { method: string; path: string };
  fingerprint: string;
  suppressed?: { kind: 'comment' | 'extension' | 'baseline'; reason?: string };
}

export interface ReportOperation {
  method: string;
  path: string;
  source: OperationSource;
  file: string;
  absoluteFile: string;
  range: Range;
  auth: AuthStatus;
  /** Schemes, middleware or guards that enforce or declare authentication. */
  authBy: string[];
  authEvidence: string;
  /** Active findings about this operation. */
  findings: number;
}

export type SeverityCounts = Record<Severity, number>;

export interface ReportSummary {
  files: { specs: number; code: number; skipped: number };
  /** Active findings (not suppressed, not baselined) by severity. */
  counts: SeverityCounts;
  total: number;
  byOwasp: Record<OwaspCategory, number>;
  /** Suppressed in the source (comment or `x-api-warden-ignore`). */
  suppressed: number;
  /** Matched by the baseline file. */
  baselined: number;
  /** Rule crashes (the rest of the analysis still ran). */
  failures: number;
  score: ScoreBreakdown;
  cancelled: boolean;
}

export interface RuleInfo {
  id: string;
  description: string;
  owasp: OwaspCategory[];
  cwe?: number[];
  severity: Severity;
  docsUrl?: string;
  recommended?: boolean;
  /** The rule's documentation page (markdown), when the front end can read it. */
  helpMarkdown?: string;
}

export interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
  /** Absolute, '/'-separated. */
  root: string;
  /** Active findings, sorted by file and position. */
  findings: ReportFinding[];
  /** Suppressed and baselined findings (SARIF lists them as suppressed; other formats count them). */
  suppressedFindings: ReportFinding[];
  operations: ReportOperation[];
  failures: RuleFailure[];
  /** Metadata of every rule that produced a finding or ran (SARIF `tool.driver.rules`). */
  rules: RuleInfo[];
  summary: ReportSummary;
  /** Present when a baseline was applied. */
  baseline?: { entries: number; matched: number; unmatched: number };
}

export interface BuildOptions {
  root: string;
  readFile(file: string): string | undefined;
  tool?: { name: string; version: string };
  rules?: readonly Rule[];
  /** Fingerprints recorded in a baseline: matching findings are moved out of `findings`. */
  baseline?: ReadonlySet<string>;
  /** Public-by-design route patterns, so the endpoint table shows them as public. */
  publicRoutes?: readonly string[];
  docsUrl?(ruleId: string): string;
  /** The docs page of a rule (markdown), for SARIF `help`. */
  ruleHelp?(ruleId: string): string | undefined;
}

export const emptyCounts = (): SeverityCounts => ({ error: 0, warning: 0, info: 0, hint: 0 });

export function emptyOwaspCounts(): Record<OwaspCategory, number> {
  return Object.fromEntries(OWASP_CATEGORIES.map((c) => [c, 0])) as Record<OwaspCategory, number>;
}

/** Orders by file, then position, then severity (most severe first), then rule id. */
export function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    cmp(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] ||
    cmp(a.ruleId, b.ruleId)
  );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

class TextCache {
  private readonly entries = new Map<string, { text: string; lines: LineIndex } | null>();
  constructor(private readonly read: (file: string) => string | undefined) {}

  get(file: string): { text: string; lines: LineIndex } | undefined {
    let e = this.entries.get(file);
    if (e === undefined) {
      const text = this.read(file);
      e = text === undefined ? null : { text, lines: new LineIndex(text) };
      this.entries.set(file, e);
    }
    return e ?? undefined;
  }

  range(file: string, start: number, end: number): { range: Range; lineText: string } {
    const e = this.get(file);
    if (!e) return { range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, lineText: '' };
    const s = e.lines.positionAt(start);
    const t = e.lines.positionAt(Math.max(start, end));
    return {
      range: { start: { line: s.line + 1, column: s.column + 1 }, end: { line: t.line + 1, column: t.column + 1 } },
      lineText: e.text.slice(e.lines.lineStart(s.line), e.lines.lineEnd(s.line)),
    };
  }
}

export function authStatus(op: Operation, publicRoutes: readonly string[] = []): { auth: AuthStatus; by: string[]; evidence: string } {
  const { status, by, evidence } = authOf(op);
  // Configured public routes are public by design in the report too (the rules skip them).
  const auth = status === 'missing' && op.source !== 'openapi' && isPublicRoute(op.path, publicRoutes) ? 'public' : status;
  return { auth, by, evidence };
}

export function buildReport(result: AuditResult, options: BuildOptions): Report {
  const texts = new TextCache(options.readFile);
  const root = options.root;

  const located = result.findings.map((f) => ({ f, ...texts.range(f.file, f.range.start, f.range.end), file: relativePath(root, f.file) }));
  located.sort((a, b) => cmp(a.file, b.file) || a.f.range.start - b.f.range.start || a.f.range.end - b.f.range.end || cmp(a.f.ruleId, b.f.ruleId));
  const prints = fingerprints(located.map((l) => ({ ruleId: l.f.ruleId, messageId: l.f.messageId, file: l.file, operation: l.f.operation, lineText: l.lineText })));

  const active: ReportFinding[] = [];
  const suppressed: ReportFinding[] = [];
  located.forEach((l, i) => {
    const rf = toReportFinding(l.f, l.file, l.range, prints[i]);
    if (l.f.suppressed) {
      suppressed.push({ ...rf, suppressed: { kind: l.f.suppressed.kind, ...(l.f.suppressed.reason ? { reason: l.f.suppressed.reason } : {}) } });
    } else if (options.baseline?.has(rf.fingerprint)) {
      suppressed.push({ ...rf, suppressed: { kind: 'baseline', reason: 'recorded in the baseline' } });
    } else {
      active.push(rf);
    }
  });
  active.sort(compareFindings);
  suppressed.sort(compareFindings);

  const operations = result.operations.map<ReportOperation>((op) => {
    const { range } = texts.range(op.at.file, op.at.range.start, op.at.range.end);
    const a = authStatus(op, options.publicRoutes);
    return {
      method: op.method.toUpperCase(),
      path: op.path,
      source: op.source,
      file: relativePath(root, op.at.file),
      absoluteFile: op.at.file,
      range,
      auth: a.auth,
      authBy: a.by,
      authEvidence: a.evidence,
      findings: 0,
    };
  });
  countOperationFindings(operations, active);
  operations.sort((a, b) => cmp(a.path, b.path) || cmp(a.method, b.method) || cmp(a.source, b.source) || cmp(a.file, b.file));

  const counts = emptyCounts();
  const byOwasp = emptyOwaspCounts();
  for (const f of active) {
    counts[f.severity]++;
    for (const c of f.owasp) byOwasp[c]++;
  }
  const baselined = suppressed.filter((f) => f.suppressed?.kind === 'baseline');
  const matched = new Set(baselined.map((f) => f.fingerprint));
  const score = computeScore([...active, ...baselined], operations.length);

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: options.tool ?? { name: 'api-warden', version: '0.0.0' },
    root,
    findings: active,
    suppressedFindings: suppressed,
    operations,
    failures: result.failures,
    rules: ruleInfos(options, [...active, ...suppressed]),
    summary: {
      files: { specs: result.discovery.specs.length, code: result.discovery.code.length, skipped: result.discovery.skipped.length },
      counts,
      total: active.length,
      byOwasp,
      suppressed: suppressed.length - baselined.length,
      baselined: baselined.length,
      failures: result.failures.length,
      score,
      cancelled: result.cancelled,
    },
    ...(options.baseline ? { baseline: { entries: options.baseline.size, matched: matched.size, unmatched: options.baseline.size - matched.size } } : {}),
  };
}

function toReportFinding(f: Finding, file: string, range: Range, fingerprint: string): ReportFinding {
  return {
    ruleId: f.ruleId,
    messageId: f.messageId,
    owasp: [...f.owasp],
    ...(f.cwe?.length ? { cwe: [...f.cwe] } : {}),
    severity: f.severity,
    message: f.message,
    file,
    absoluteFile: f.file,
    range,
    ...(f.operation ? { operation: { method: f.operation.method.toUpperCase(), path: f.operation.path } } : {}),
    fingerprint,
  };
}

/**
 * A finding counts for the operations with its method and path in its own file (the usual
 * case); when no operation of its file matches (a cross-file rule), for every operation with
 * that method and path.
 */
function countOperationFindings(operations: ReportOperation[], findings: readonly ReportFinding[]): void {
  const byKey = new Map<string, ReportOperation[]>();
  for (const op of operations) {
    const key = `${op.method} ${op.path}`;
    const list = byKey.get(key);
    if (list) list.push(op);
    else byKey.set(key, [op]);
  }
  for (const f of findings) {
    if (!f.operation) continue;
    const ops = byKey.get(`${f.operation.method} ${f.operation.path}`);
    if (!ops) continue;
    const sameFile = ops.filter((o) => o.file === f.file);
    for (const o of sameFile.length ? sameFile : ops) o.findings++;
  }
}

function ruleInfos(options: BuildOptions, findings: readonly ReportFinding[]): RuleInfo[] {
  const out = new Map<string, RuleInfo>();
  for (const r of options.rules ?? []) {
    out.set(r.meta.id, {
      id: r.meta.id,
      description: r.meta.description,
      owasp: [...r.meta.owasp],
      ...(r.meta.cwe?.length ? { cwe: [...r.meta.cwe] } : {}),
      severity: r.meta.severity,
      recommended: r.meta.recommended,
      ...(options.docsUrl ? { docsUrl: options.docsUrl(r.meta.id) } : {}),
    });
    const help = options.ruleHelp?.(r.meta.id);
    if (help) out.get(r.meta.id)!.helpMarkdown = help;
  }
  // Engine-produced findings (parse errors, skipped files, unused suppressions) have no rule module.
  for (const f of findings) {
    if (!out.has(f.ruleId)) out.set(f.ruleId, { id: f.ruleId, description: ENGINE_RULES[f.ruleId] ?? f.ruleId, owasp: f.owasp, severity: f.severity });
  }
  return [...out.values()].sort((a, b) => cmp(a.id, b.id));
}

const ENGINE_RULES: Record<string, string> = {
  'parse-error': 'The file could not be parsed; the rest of it was still analysed where possible.',
  'file-skipped': 'The file was not analysed (too large, minified or bundled).',
  'analysis-stopped': 'The rules used up the per-file time budget (analysisBudgetMs); findings for the file may be incomplete.',
  'unused-suppression': 'A suppression comment or `x-api-warden-ignore` entry that no longer matches any finding.',
};

export function isAtOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER[severity] >= SEVERITY_ORDER[threshold];
}
