/** Runs the code rules over the workspace's code project: per source file, then per route. */
import type { CodeProject } from '../code/project';
import type { CodeRule, CodeVisitors } from '../rules/rule';
import type { EngineSettings } from '../settings';
import type { Logger } from '../types';
import { createContext, guarded, severityFor, type RawFinding, type RuleFailure } from './collector';

export function runCodeRules(
  project: CodeProject,
  rules: readonly CodeRule[],
  settings: EngineSettings,
  logger: Logger,
  failures: RuleFailure[],
  /** Ids of every rule this engine runs (for RuleContext.isActive). */
  activeRules?: ReadonlySet<string>,
): RawFinding[] {
  const sink: RawFinding[] = [];
  const active: { rule: CodeRule; visitors: CodeVisitors }[] = [];
  for (const rule of rules) {
    const severity = severityFor(rule, settings);
    if (severity === 'off') continue;
    guarded(rule, '<workspace>', failures, logger, () => {
      active.push({ rule, visitors: rule.create(createContext(rule, severity, settings, undefined, sink, activeRules)) });
    });
  }
  for (const { rule, visitors } of active) {
    const { sourceFile, route } = visitors;
    if (sourceFile) {
      for (const f of project.files.values()) guarded(rule, f.path, failures, logger, () => sourceFile.call(visitors, f.sourceFile, project));
    }
    if (route) {
      for (const r of project.routes) guarded(rule, r.at.file, failures, logger, () => route.call(visitors, r, project));
    }
  }
  return sink;
}
