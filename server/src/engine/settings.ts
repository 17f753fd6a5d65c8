/**
 * What the engine can be told. Editor and CLI pass the same values (from the repository's
 * configuration), so they produce the same findings.
 */
import type { Severity } from './types';

export type RuleSetting = Severity | 'off';

export interface EngineSettings {
  /** Per-rule severity override, or 'off'. Rules not listed use their default severity. */
  rules: Record<string, RuleSetting>;
  /** Extra names of middleware/guards that authenticate (project-specific). */
  authMiddleware: string[];
  /** Path patterns (`/health`, `/public/**`) that are public by design. */
  publicRoutes: string[];
  /** Files larger than this are not analysed (an information finding says so). */
  maxFileBytes: number;
  /** Extra glob patterns (gitignore syntax) excluded from workspace discovery. */
  ignore: string[];
  /**
   * Time the rules may spend on one file, in milliseconds. A file that uses it up gets an
   * information finding saying its analysis stopped (a safety net, not a speed target).
   */
  analysisBudgetMs: number;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  rules: {},
  authMiddleware: [],
  publicRoutes: [],
  maxFileBytes: 32 * 1024 * 1024,
  ignore: [],
  analysisBudgetMs: 5000,
};

export function resolveSettings(partial: Partial<EngineSettings> | undefined): EngineSettings {
  return { ...DEFAULT_SETTINGS, ...(partial ?? {}), rules: { ...DEFAULT_SETTINGS.rules, ...(partial?.rules ?? {}) } };
}
