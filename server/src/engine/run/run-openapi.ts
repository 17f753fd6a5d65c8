/** Runs the OpenAPI rules over one document: one walk, every rule's visitors. */
import { operationsOf, securitySchemesOf, serversOf, type OpenApiDocument } from '../openapi/document';
import type { OpenApiRule, OpenApiVisitors } from '../rules/rule';
import type { EngineSettings } from '../settings';
import type { Logger } from '../types';
import { createContext, guarded, severityFor, type RawFinding, type RuleFailure } from './collector';

export function runOpenApiRules(
  doc: OpenApiDocument,
  rules: readonly OpenApiRule[],
  settings: EngineSettings,
  logger: Logger,
  failures: RuleFailure[],
): RawFinding[] {
  const sink: RawFinding[] = [];
  if (!doc.version) return sink;
  const active: { rule: OpenApiRule; visitors: OpenApiVisitors }[] = [];
  for (const rule of rules) {
    const severity = severityFor(rule, settings);
    if (severity === 'off') continue;
    guarded(rule, doc.file, failures, logger, () => {
      active.push({ rule, visitors: rule.create(createContext(rule, severity, settings, doc, sink)) });
    });
  }
  const visit = <A extends unknown[]>(pick: (v: OpenApiVisitors) => ((...args: A) => void) | undefined, ...args: A) => {
    for (const { rule, visitors } of active) {
      const fn = pick(visitors);
      if (fn) guarded(rule, doc.file, failures, logger, () => fn.apply(visitors, args));
    }
  };
  visit((v) => v.document, doc);
  if (active.some((a) => a.visitors.securityScheme)) for (const s of securitySchemesOf(doc)) visit((v) => v.securityScheme, s, doc);
  if (active.some((a) => a.visitors.server)) for (const s of serversOf(doc)) visit((v) => v.server, s, doc);
  if (active.some((a) => a.visitors.operation)) for (const op of operationsOf(doc)) visit((v) => v.operation, op, doc);
  return sink;
}
