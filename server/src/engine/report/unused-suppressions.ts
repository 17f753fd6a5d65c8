/**
 * Suppressions that suppress nothing: a `api-warden-ignore-next-line` comment or an
 * `x-api-warden-ignore` entry that no finding of the audit used. They are reported as findings
 * with the reserved id `unused-suppression` (severity from the configuration, default warning,
 * `off` disables), so stale suppressions do not silently hide the next real problem.
 *
 * A suppression is matched to the findings it suppressed by the location the engine records
 * in `Finding.suppressed` (the directive's range, or the `x-api-warden-ignore` key), so this
 * module sees exactly what the engine honoured. Comments in code are found through the
 * TypeScript parser (a directive-looking line inside a string is not a comment); in YAML, a
 * directive is a line that starts with `#`.
 */
import ts from 'typescript';
import { isCodeFile, parseSource } from '../code/parse';
import type { AuditResult } from '../engine';
import { parseText } from '../openapi/parse';
import type { Rule } from '../rules/rule';
import type { EngineSettings } from '../settings';
import { DIRECTIVE, EXTENSION_KEY, parseDirective } from '../suppress';
import type { FilePath, Finding, Fix, Severity, TextRange } from '../types';
import { LineIndex } from '../util/line-index';

export const UNUSED_SUPPRESSION = 'unused-suppression';
export const DEFAULT_UNUSED_SEVERITY: Severity = 'warning';

interface Candidate {
  file: FilePath;
  /** Where the engine records the suppression (its `location.range.start`). */
  anchor: number;
  /** The rule ids it names; empty: every rule. */
  rules: { id: string; range: TextRange }[];
  range: TextRange;
  kind: 'comment' | 'extension';
  /** Comments: the whole line with its line break, removed when the directive is entirely unused. */
  line?: TextRange;
}

export interface UnusedOptions {
  readFile(file: FilePath): string | undefined;
  settings: Pick<EngineSettings, 'rules'>;
  rules: readonly Rule[];
}

export function unusedSuppressions(result: AuditResult, options: UnusedOptions): Finding[] {
  const setting = options.settings.rules[UNUSED_SUPPRESSION];
  if (setting === 'off') return [];
  const severity: Severity = setting ?? DEFAULT_UNUSED_SEVERITY;
  const enabled = new Set(options.rules.filter((r) => options.settings.rules[r.meta.id] !== 'off').map((r) => r.meta.id));
  const known = new Set(options.rules.map((r) => r.meta.id));

  // (file, anchor) -> rule ids whose findings it suppressed
  const used = new Map<string, Set<string>>();
  for (const f of result.findings) {
    if (!f.suppressed) continue;
    const key = `${f.suppressed.location.file}\u0000${f.suppressed.location.range.start}`;
    let set = used.get(key);
    if (!set) used.set(key, (set = new Set()));
    set.add(f.ruleId);
  }

  const out: Finding[] = [];
  const report = (file: FilePath, range: TextRange, message: string, messageId: string, fix?: Fix) =>
    out.push({ ruleId: UNUSED_SUPPRESSION, messageId, message, severity, owasp: [], file, range, ...(fix ? { fix } : {}) });

  for (const file of [...result.discovery.specs, ...result.discovery.code]) {
    const text = options.readFile(file);
    if (text === undefined || !(text.includes(DIRECTIVE) || text.includes(EXTENSION_KEY))) continue;
    for (const c of candidates(file, text).sort((a, b) => a.range.start - b.range.start)) {
      const hits = used.get(`${file}\u0000${c.anchor}`) ?? new Set<string>();
      const what = c.kind === 'comment' ? `'${DIRECTIVE}'` : `'${EXTENSION_KEY}'`;
      // A directive comment none of whose rules is used can simply be deleted (a safe fix).
      // Attached to the directive's first finding only, so "fix all" never deletes the line twice.
      let removeLine: Fix | undefined =
        c.line && hits.size === 0 ? { title: 'Remove the unused suppression comment', edits: [{ file, range: c.line, newText: '' }] } : undefined;
      const takeFix = (): Fix | undefined => {
        const f = removeLine;
        removeLine = undefined;
        return f;
      };
      if (c.rules.length === 0) {
        if (hits.size === 0) report(file, c.range, `This ${what} suppresses nothing: no finding is reported on the line below it. Remove it.`, 'unused', takeFix());
        continue;
      }
      for (const r of c.rules) {
        if (hits.has(r.id)) continue;
        if (!known.has(r.id)) report(file, r.range, `${what} names '${r.id}', which is not an API Warden rule.`, 'unknownRule');
        else if (enabled.has(r.id)) report(file, r.range, `${what} for '${r.id}' suppresses nothing: that rule reports nothing here any more. Remove it.`, 'unused', takeFix());
      }
    }
  }
  return out;
}

function candidates(file: FilePath, text: string): Candidate[] {
  if (isCodeFile(file)) return commentDirectives(file, text, codeCommentStarts(file, text));
  if (/\.ya?ml$/i.test(file)) return [...commentDirectives(file, text, undefined), ...extensionEntries(file, text, 'yaml')];
  if (/\.json$/i.test(file)) return extensionEntries(file, text, 'json');
  return [];
}

/** Offsets where real comments start in a source file (TypeScript's own comment ranges). */
function codeCommentStarts(file: FilePath, text: string): Set<number> {
  const sf = parseSource(file, text);
  const starts = new Set<number>();
  const add = (ranges: ts.CommentRange[] | undefined) => ranges?.forEach((r) => starts.add(r.pos));
  const visit = (node: ts.Node): void => {
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  add(ts.getLeadingCommentRanges(text, sf.endOfFileToken.pos));
  return starts;
}

/** Lines that are a directive comment, exactly as the engine reads them (suppress.ts). */
function commentDirectives(file: FilePath, text: string, commentStarts: Set<number> | undefined): Candidate[] {
  const lines = new LineIndex(text);
  const out: Candidate[] = [];
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    const content = text.slice(start, lines.lineEnd(l));
    if (!content.includes(DIRECTIVE)) continue;
    const d = parseDirective(content);
    if (!d) continue;
    const lead = content.length - content.trimStart().length;
    const anchor = start + lead;
    if (commentStarts ? !commentStarts.has(anchor) : !content.trimStart().startsWith('#')) continue;
    const range = { start: anchor, end: start + content.trimEnd().length };
    const rules = d.rules.map((id) => {
      const at = content.indexOf(id, content.indexOf(DIRECTIVE) + DIRECTIVE.length);
      return { id, range: at >= 0 ? { start: start + at, end: start + at + id.length } : range };
    });
    const next = l + 1 < lines.lineCount ? lines.lineStart(l + 1) : text.length;
    out.push({ file, anchor, rules, range, kind: 'comment', line: { start, end: next } });
  }
  return out;
}

/** Every `x-api-warden-ignore` in an OpenAPI document, with the rule ids it names. */
function extensionEntries(file: FilePath, text: string, format: 'yaml' | 'json'): Candidate[] {
  const parsed = parseText(text, format);
  const out: Candidate[] = [];
  const walk = (value: unknown, pointer: (string | number)[], depth: number): void => {
    if (depth > 64 || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...pointer, i], depth + 1));
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      if (k === EXTENSION_KEY) out.push(extensionCandidate(file, parsed, [...pointer, k], v));
      else walk(v, [...pointer, k], depth + 1);
    }
  };
  walk(parsed.value, [], 0);
  return out.filter((c) => c.rules.length > 0);
}

function extensionCandidate(file: FilePath, parsed: ReturnType<typeof parseText>, pointer: (string | number)[], value: unknown): Candidate {
  const positions = parsed.positions();
  const loc = positions.locate(pointer);
  const keyRange = loc?.key ?? loc?.value ?? { start: 0, end: 0 };
  const rules: Candidate['rules'] = [];
  const rangeAt = (p: (string | number)[], part: 'key' | 'value') => {
    const l = positions.locate(p);
    return (part === 'key' ? l?.key : undefined) ?? l?.value ?? keyRange;
  };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const id of Object.keys(value)) rules.push({ id, range: rangeAt([...pointer, id], 'key') });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const id = typeof item === 'string' ? item.split('--')[0].trim() : typeof item === 'object' && item !== null && typeof (item as { rule?: unknown }).rule === 'string' ? (item as { rule: string }).rule : undefined;
      if (id) rules.push({ id, range: rangeAt([...pointer, i], 'value') });
    });
  }
  return { file, anchor: keyRange.start, rules, range: keyRange, kind: 'extension' };
}
