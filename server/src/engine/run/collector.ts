/**
 * Turns what rules report into Findings: fills the message, picks the severity (default or
 * configured), resolves pointers to exact ranges, and isolates rule crashes so one rule failing
 * never hides the others.
 */
import { rangeOf, type OpenApiDocument, type Pointer } from '../openapi/document';
import { formatMessage, type ReportDescriptor, type Rule, type RuleContext } from '../rules/rule';
import type { EngineSettings } from '../settings';
import type { Finding, Logger, Severity, TextRange } from '../types';
import { runCharged } from './budget';

/** A finding plus what suppression needs to know about where it came from. */
export interface RawFinding {
  finding: Finding;
  doc?: OpenApiDocument;
  pointer?: Pointer;
}

export interface RuleFailure {
  ruleId: string;
  file: string;
  message: string;
}

export function severityFor(rule: Rule, settings: EngineSettings): Severity | 'off' {
  return settings.rules[rule.meta.id] ?? rule.meta.severity;
}

export function createContext(
  rule: Rule,
  severity: Severity,
  settings: EngineSettings,
  defaultDoc: OpenApiDocument | undefined,
  sink: RawFinding[],
): RuleContext<string> {
  return {
    settings,
    report(d: ReportDescriptor<string>) {
      const template = (rule.meta.messages as Record<string, string>)[d.messageId];
      if (template === undefined) throw new Error(`unknown messageId '${d.messageId}'`);
      let file: string;
      let range: TextRange;
      let doc: OpenApiDocument | undefined;
      let pointer: Pointer | undefined;
      if ('pointer' in d.at) {
        doc = d.at.doc ?? defaultDoc;
        if (!doc) throw new Error('a pointer report needs a document');
        pointer = d.at.pointer;
        file = doc.file;
        range = rangeOf(doc, pointer, d.at.part);
      } else {
        file = d.at.file;
        range = d.at.range;
      }
      const finding: Finding = {
        ruleId: rule.meta.id,
        messageId: d.messageId,
        message: formatMessage(template, d.data),
        severity: d.severity && settings.rules[rule.meta.id] === undefined ? d.severity : severity,
        owasp: rule.meta.owasp,
        ...(rule.meta.cwe ? { cwe: rule.meta.cwe } : {}),
        file,
        range,
        ...(d.operation ? { operation: d.operation } : {}),
        ...(d.related?.length ? { related: d.related } : {}),
        ...(d.fix ? { fix: d.fix } : {}),
        ...(d.suggestions?.length ? { suggestions: d.suggestions } : {}),
      };
      sink.push({ finding, doc, pointer });
    },
  };
}

/** Runs `fn`, turning a throw into a logged RuleFailure attributed to the rule. */
export function guarded(rule: Rule, file: string, failures: RuleFailure[], logger: Logger, fn: () => void): void {
  try {
    runCharged(file, fn); // skipped once the file's time budget is spent (see budget.ts)
  } catch (e) {
    failures.push({ ruleId: rule.meta.id, file, message: errorText(e, false) });
    logger.error(`rule ${rule.meta.id} crashed on ${file}: ${errorText(e, true)}`);
  }
}

/** Whatever was thrown, as text; never throws itself (`String(Object.create(null))` would). */
function errorText(e: unknown, stack: boolean): string {
  try {
    return e instanceof Error ? (stack ? (e.stack ?? e.message) : e.message) : String(e);
  } catch {
    return Object.prototype.toString.call(e);
  }
}
