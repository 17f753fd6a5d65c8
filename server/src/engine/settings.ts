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
  /** Folder the `ignore` patterns are relative to (the configuration file's); each root when unset. */
  ignoreBase?: string;
  /** Per-rule options from the configuration file, by rule id (rules read `settings.ruleOptions[meta.id]`). */
  ruleOptions: Record<string, Record<string, unknown>>;
  /** Which OpenAPI documents describe which code, from the configuration file (absolute paths/globs). */
  pairing: SpecCodePairing[];
  /**
   * Time the rules may spend on one file, in milliseconds. A file that uses it up gets an
   * information finding saying its analysis stopped (a safety net, not a speed target).
   */
  analysisBudgetMs: number;
}

export interface SpecCodePairing {
  /** Absolute path (or glob) of the OpenAPI document(s). */
  spec: string;
  /** Absolute globs of the source files that implement it. */
  code: string[];
  /** Prefix the code serves the document's paths under, when the document's `servers` do not say. */
  basePath?: string;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  rules: {},
  authMiddleware: [],
  publicRoutes: [],
  maxFileBytes: 32 * 1024 * 1024,
  ignore: [],
  ruleOptions: {},
  pairing: [],
  analysisBudgetMs: 5000,
};

export function resolveSettings(partial: Partial<EngineSettings> | undefined): EngineSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...(partial ?? {}),
    rules: { ...DEFAULT_SETTINGS.rules, ...(partial?.rules ?? {}) },
    ruleOptions: { ...DEFAULT_SETTINGS.ruleOptions, ...(partial?.ruleOptions ?? {}) },
  };
}
