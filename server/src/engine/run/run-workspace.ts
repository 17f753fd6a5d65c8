/** Runs the spec <-> code rules once over the whole workspace model. */
import type { WorkspaceModel, WorkspaceRule } from '../rules/rule';
import type { EngineSettings } from '../settings';
import type { Logger } from '../types';
import { createContext, guarded, severityFor, type RawFinding, type RuleFailure } from './collector';

export function runWorkspaceRules(
  model: WorkspaceModel,
  rules: readonly WorkspaceRule[],
  settings: EngineSettings,
  logger: Logger,
  failures: RuleFailure[],
): RawFinding[] {
  const sink: RawFinding[] = [];
  for (const rule of rules) {
    const severity = severityFor(rule, settings);
    if (severity === 'off') continue;
    guarded(rule, '<workspace>', failures, logger, () => {
      const visitors = rule.create(createContext(rule, severity, settings, undefined, sink));
      visitors.workspace?.(model);
    });
  }
  return sink;
}
