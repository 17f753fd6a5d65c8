/**
 * Engine data -> LSP data. The ONLY module that knows both the engine's Finding (offsets) and
 * LSP's Diagnostic (line/character): offsets become positions here and nowhere else.
 *
 * Positions come from a `Positions` source: the open TextDocument when there is one (the text
 * the user sees), else the engine's line index over the text the engine read.
 */
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Position,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { AuditFinding, AuditOperation } from '../protocol';
import { CONFIG_ERROR } from '../engine/config';
import { UNUSED_SUPPRESSION } from '../engine/report/unused-suppressions';
import { ANALYSIS_STOPPED, authOf, docsUrl, FILE_SKIPPED, PARSE_ERROR, type FilePath, type Finding, type LineIndex, type Operation, type Severity, type TextEdit, type TextRange } from '../engine';

export const SOURCE = 'api-warden';

/** Anything that turns a UTF-16 offset into an LSP position (a TextDocument does). */
export interface Positions {
  positionAt(offset: number): Position;
}

/** Resolves the positions (and URI) of another file, for related information and edits. */
export type PositionsOf = (file: FilePath) => { uri: string; positions: Positions } | undefined;

/** What a diagnostic carries so a code action can find its finding again. */
export interface DiagnosticData {
  ruleId: string;
  findingKey: string;
}

export function lineIndexPositions(index: LineIndex): Positions {
  return {
    positionAt(offset) {
      const p = index.positionAt(offset);
      return { line: p.line, character: p.column };
    },
  };
}

export function toRange(positions: Positions, range: TextRange): Range {
  return { start: positions.positionAt(range.start), end: positions.positionAt(range.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITY[severity];
}

/** `['API2:2023', 'API5:2023']` -> `[API2/API5] `; empty for engine findings without a category. */
export function owaspPrefix(owasp: readonly string[]): string {
  if (owasp.length === 0) return '';
  return `[${owasp.map((c) => c.replace(/:\d{4}$/, '')).join('/')}] `;
}

export function toDiagnostic(finding: Finding, positions: Positions, findingKey: string, positionsOf: PositionsOf): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, findingKey };
  const diagnostic: Diagnostic = {
    range: toRange(positions, finding.range),
    severity: toSeverity(finding.severity),
    code: finding.ruleId,
    source: SOURCE,
    message: owaspPrefix(finding.owasp) + finding.message,
    data,
  };
  // Engine-made findings (parse errors, skipped files) are not rules and have no docs page.
  if (finding.ruleId !== PARSE_ERROR && finding.ruleId !== FILE_SKIPPED && finding.ruleId !== ANALYSIS_STOPPED && finding.ruleId !== CONFIG_ERROR && finding.ruleId !== UNUSED_SUPPRESSION) diagnostic.codeDescription = { href: docsUrl(finding.ruleId) };
  const related = (finding.related ?? []).flatMap<DiagnosticRelatedInformation>((r) => {
    const target = positionsOf(r.file);
    return target ? [{ location: { uri: target.uri, range: toRange(target.positions, r.range) }, message: r.message }] : [];
  });
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}

/**
 * All findings of one document version -> diagnostics, plus the key -> finding map code actions
 * use. Keys carry the version, so a diagnostic from an older version never finds a finding of a
 * newer one (the client asks again once it has the new diagnostics).
 */
export function toDiagnostics(
  findings: readonly Finding[],
  version: number,
  positions: Positions,
  positionsOf: PositionsOf,
): { diagnostics: Diagnostic[]; byKey: Map<string, Finding> } {
  const byKey = new Map<string, Finding>();
  const diagnostics = findings.map((f) => {
    const base = `${version}:${f.ruleId}:${f.range.start}-${f.range.end}`;
    let key = base;
    for (let n = 2; byKey.has(key); n++) key = `${base}#${n}`;
    byKey.set(key, f);
    return toDiagnostic(f, positions, key, positionsOf);
  });
  return { diagnostics, byKey };
}

/** Reads back the data `toDiagnostic` attached; undefined for anyone else's diagnostic. */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const d: unknown = diagnostic.data;
  if (typeof d !== 'object' || d === null) return undefined;
  const { ruleId, findingKey } = d as Record<string, unknown>;
  return typeof ruleId === 'string' && typeof findingKey === 'string' ? { ruleId, findingKey } : undefined;
}

/**
 * `${1:placeholder}` -> `placeholder`, `$1` / `${1}` / `$0` -> '', `\$` -> `$`. LSP text edits
 * cannot carry snippets, so a snippet fix lands as plain text with its placeholders filled.
 */
export function snippetToText(snippet: string): string {
  let i = 0;
  const parse = (stopAtBrace: boolean): string => {
    let text = '';
    while (i < snippet.length) {
      const c = snippet[i];
      if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1])) {
        text += snippet[i + 1];
        i += 2;
      } else if (c === '}' && stopAtBrace) {
        return text;
      } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
        i++;
        while (/\d/.test(snippet[i] ?? '')) i++;
      } else if (c === '$' && snippet[i + 1] === '{' && /\d/.test(snippet[i + 2] ?? '')) {
        i += 2;
        while (/\d/.test(snippet[i] ?? '')) i++;
        if (snippet[i] === ':') {
          i++;
          text += parse(true);
        } else if (snippet[i] === '|') {
          // choice: ${1|a,b|} -> first option
          const end = snippet.indexOf('|', i + 1);
          text += snippet.slice(i + 1, end === -1 ? snippet.length : end).split(',')[0];
          i = end === -1 ? snippet.length : end + 1;
        }
        if (snippet[i] === '}') i++;
      } else {
        text += c;
        i++;
      }
    }
    return text;
  };
  return parse(false);
}

/**
 * Engine edits (offsets, any file) -> LSP edits grouped by URI. Edits in files whose positions
 * cannot be resolved are dropped, and so is the whole group: a partial fix is worse than none.
 */
export function toTextEdits(edits: readonly TextEdit[], positionsOf: PositionsOf, isSnippet = false): Map<string, LspTextEdit[]> | undefined {
  const out = new Map<string, LspTextEdit[]>();
  for (const e of edits) {
    const target = positionsOf(e.file);
    if (!target) return undefined;
    const list = out.get(target.uri) ?? [];
    list.push({ range: toRange(target.positions, e.range), newText: isSnippet ? snippetToText(e.newText) : e.newText });
    out.set(target.uri, list);
  }
  return out;
}

export function toAuditFinding(finding: Finding, uri: string, positions: Positions): AuditFinding {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    owasp: [...finding.owasp],
    message: finding.message,
    uri,
    range: toRange(positions, finding.range),
    ...(finding.operation ? { operation: { method: finding.operation.method, path: finding.operation.path } } : {}),
  };
}

export function authStatus(op: Operation): AuditOperation['auth'] {
  return authOf(op).status;
}

export function toAuditOperation(op: Operation, uri: string, positions: Positions): AuditOperation {
  return {
    method: op.method.toUpperCase(),
    path: op.path,
    source: op.source,
    uri,
    line: positions.positionAt(op.at.range.start).line,
    auth: authStatus(op),
  };
}
