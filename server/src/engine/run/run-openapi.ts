/**
 * Runs the OpenAPI rules over one document: one walk, every rule's visitors.
 *
 * The semantic model (parameters, bodies, responses, schemas) and the callback list are built
 * only when an active rule declares a visitor that needs them, so a run with only cheap rules
 * stays cheap. `$ref`s to other files resolve through the set the engine passes in (open
 * buffers first); without one, only local references resolve.
 */
import { serversOf, type OpenApiDocument } from '../openapi/document';
import { SpecSet } from '../openapi/refs';
import { OpenApiSpec } from '../openapi/spec';
import type { OpenApiRule, OpenApiVisitors } from '../rules/rule';
import type { EngineSettings } from '../settings';
import type { Logger } from '../types';
import { AnalysisStopped, checkBudget } from './budget';
import { createContext, guarded, severityFor, type RawFinding, type RuleFailure } from './collector';

export interface OpenApiRunOptions {
  /** The document set (root = `doc`) that resolves `$ref`s into other files. */
  set?: SpecSet;
}

export function runOpenApiRules(
  doc: OpenApiDocument,
  rules: readonly OpenApiRule[],
  settings: EngineSettings,
  logger: Logger,
  failures: RuleFailure[],
  options: OpenApiRunOptions = {},
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
  const set = options.set && options.set.root === doc ? options.set : new SpecSet(doc);
  const spec = new OpenApiSpec(set);
  const visit = <A extends unknown[]>(pick: (v: OpenApiVisitors) => ((...args: A) => void) | undefined, ...args: A) => {
    for (const { rule, visitors } of active) {
      const fn = pick(visitors);
      if (fn) guarded(rule, doc.file, failures, logger, () => fn.apply(visitors, args));
    }
  };
  /**
   * Node-level visitors (thousands of schemas on big documents) run as one guarded call per rule
   * over the whole list: a crash stops that rule for this document only, and the budget is
   * checked inside the loop rather than paid on every call.
   */
  const visitAll = <T>(pick: (v: OpenApiVisitors) => ((node: T, spec: OpenApiSpec) => void) | undefined, nodes: readonly T[]) => {
    for (const { rule, visitors } of active) {
      const fn = pick(visitors);
      if (fn) {
        guarded(rule, doc.file, failures, logger, () => {
          for (const node of nodes) {
            checkBudget();
            fn.call(visitors, node, spec);
          }
        });
      }
    }
  };
  /** Builds a list (guarded: a crash in the shared walk must not stop the other visitors) only when wanted. */
  const wants = (pick: (v: OpenApiVisitors) => unknown) => active.some((a) => pick(a.visitors));
  const safely = <T>(what: string, build: () => T, fallback: T): T => {
    try {
      return build();
    } catch (e) {
      if (e instanceof AnalysisStopped) throw e; // the file's time budget is spent: the engine reports it
      logger.error(`${what} failed on ${doc.file}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      for (const { rule } of active) failures.push({ ruleId: rule.meta.id, file: doc.file, message: `${what} failed: ${e instanceof Error ? e.message : String(e)}` });
      return fallback;
    }
  };

  visit((v) => v.document, doc, spec);
  if (wants((v) => v.securityScheme)) for (const s of spec.securitySchemes) visit((v) => v.securityScheme, s, doc, spec);
  if (wants((v) => v.server)) for (const s of serversOf(doc)) visit((v) => v.server, s, doc, spec);
  if (wants((v) => v.operation)) for (const op of safely('listing operations', () => spec.operations, [])) visit((v) => v.operation, op, doc, spec);
  if (wants((v) => v.parameter || v.requestBody || v.response || v.schema)) {
    const model = safely('the schema walk', () => spec.model, undefined);
    if (model) {
      visitAll((v) => v.parameter, model.parameters);
      visitAll((v) => v.requestBody, model.requestBodies);
      visitAll((v) => v.response, model.responses);
      visitAll((v) => v.schema, model.schemas);
    }
  }
  if (wants((v) => v.callback)) visitAll((v) => v.callback, safely('listing callbacks', () => spec.callbacks, []));
  visit((v) => v.documentEnd, doc, spec);
  return sink;
}
