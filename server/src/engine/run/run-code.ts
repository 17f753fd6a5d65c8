/** Runs the code rules over the workspace's code project: per source file, then per route. */
import type { CodeProject } from '../code/project';
import { callBeingVisited } from '../code/flow/route-calls';
import type { CodeRule, CodeVisitors } from '../rules/rule';
import type { EngineSettings } from '../settings';
import type { FilePath, Logger } from '../types';
import { budgetStopped } from './budget';
import { nodeId, type CodeRuleCache, type Slot, type UnitResult } from './code-cache';
import { createContext, guarded, severityFor, type RawFinding, type RuleFailure } from './collector';

export function runCodeRules(
  project: CodeProject,
  rules: readonly CodeRule[],
  settings: EngineSettings,
  logger: Logger,
  failures: RuleFailure[],
  /** Results of the previous run, reused where nothing they depend on changed. */
  cache?: CodeRuleCache,
): RawFinding[] {
  const sink: RawFinding[] = [];
  const active: { rule: CodeRule; visitors: CodeVisitors; severity: Exclude<ReturnType<typeof severityFor>, 'off'> }[] = [];
  for (const rule of rules) {
    const severity = severityFor(rule, settings);
    if (severity === 'off') continue;
    guarded(rule, '<workspace>', failures, logger, () => {
      active.push({ rule, severity, visitors: rule.create(createContext(rule, severity, settings, undefined, sink)) });
    });
  }
  if (cache) cache.begin(project, settings, rules, new Set(active.map((a) => a.rule.meta.id)));
  // Each route's (and file's) slot of cached results, found by a short id and checked against its facts; shared by the local rules.
  let routeSlots: Slot[] | undefined;
  const slotsOfRoutes = (c: CodeRuleCache): Slot[] =>
    (routeSlots ??= project.routes.map((r) => c.slot(`${r.at.file}#${r.at.range.start}#${r.method} ${r.path}`, project.routeFacts.get(r) ?? r, r.at.file)));
  let fileSlots: Slot[] | undefined;
  const slotsOfFiles = (c: CodeRuleCache): Slot[] => (fileSlots ??= [...project.files.values()].map((f) => c.slot(f.path, f.sourceFile, f.path)));
  for (const { rule, visitors, severity } of active) {
    const { sourceFile, route } = visitors;
    // Rules declare what their results depend on (CodeRuleResults in rules/rule.ts): only
    // `unit` rules run one route (file) at a time and reuse results.
    const local = rule.meta.results?.scope === 'unit' ? rule.meta.results : undefined;
    if (!local || !cache) {
      if (sourceFile) {
        for (const f of project.files.values()) guarded(rule, f.path, failures, logger, () => sourceFile.call(visitors, f.sourceFile, project));
      }
      if (route) {
        for (const r of project.routes) guarded(rule, r.at.file, failures, logger, () => route.call(visitors, r, project));
      }
      continue;
    }
    const projectKey = rule.projectKey ? rule.projectKey(project) : '';
    // Route rules report a location once per run: a location reported for an earlier route is
    // dropped (keyed on the call `forEachRouteCall` was visiting, else on the reported range,
    // which is what the route rules that keep their own `reported` set key on). File rules and
    // route rules that declare `eachRoute` keep no such set.
    const reported = new Set<string>();
    const unit = (slot: Slot, file: FilePath, once: boolean, run: (v: CodeVisitors) => void): void => {
      let result: UnitResult | undefined = slot.byRule.get(rule.meta.id);
      if (result && result.projectKey !== projectKey) result = undefined;
      if (!result) {
        const findings: RawFinding[] = [];
        const keys: string[] = [];
        const unitFailures: RuleFailure[] = [];
        // Each unit gets its own rule instance, so its result does not depend on other units.
        const unitSink: RawFinding[] = [];
        unitSink.push = (...items: RawFinding[]): number => {
          const call = callBeingVisited();
          for (const f of items) {
            findings.push(f);
            keys.push(call ? nodeId(call) : `${f.finding.file}\u0000${f.finding.range.start}\u0000${f.finding.range.end}`);
          }
          return findings.length;
        };
        let fresh: CodeVisitors | undefined;
        guarded(rule, '<workspace>', unitFailures, logger, () => {
          fresh = rule.create(createContext(rule, severity, settings, undefined, unitSink));
        });
        if (fresh) {
          const v = fresh;
          guarded(rule, file, unitFailures, logger, () => run(v));
        }
        result = { findings, keys, failures: unitFailures, projectKey };
        if (!budgetStopped(file) && !(local.findingsReadProject && findings.length)) slot.byRule.set(rule.meta.id, result);
        else slot.byRule.delete(rule.meta.id);
      }
      failures.push(...result.failures);
      const mine: string[] = [];
      result.findings.forEach((f, i) => {
        const key = result!.keys[i];
        if (once && reported.has(key)) return;
        if (once) mine.push(key);
        sink.push(f);
      });
      for (const k of mine) reported.add(k);
    };
    if (sourceFile) {
      const slots = slotsOfFiles(cache);
      [...project.files.values()].forEach((f, i) => unit(slots[i], f.path, false, (v) => v.sourceFile?.call(v, f.sourceFile, project)));
    }
    if (route) {
      const slots = slotsOfRoutes(cache);
      project.routes.forEach((r, i) => unit(slots[i], r.at.file, !local.eachRoute, (v) => v.route?.call(v, r, project)));
    }
  }
  cache?.end();
  return sink;
}
