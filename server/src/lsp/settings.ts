/**
 * Editor settings (section `apiWarden`), pulled per resource with `workspace/configuration`,
 * cached per document and dropped on `workspace/didChangeConfiguration` (the lsp-sample
 * pattern). Whatever the client sends is validated field by field: a wrong type falls back to
 * the default for that field instead of breaking analysis.
 */
import type { EngineSettings, RuleSetting } from '../engine';
import type { ConfigResult } from '../engine/config';
import { DEFAULT_EDITOR_SETTINGS, type EditorSettings } from '../protocol';

export const SECTION = 'apiWarden';

const RULE_SETTINGS: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const stringList = (v: unknown, fallback: string[]): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : fallback;

export function normalizeSettings(value: unknown): EditorSettings {
  const d = DEFAULT_EDITOR_SETTINGS;
  if (!isRecord(value)) return { ...d, rules: {}, authMiddleware: [], publicRoutes: [], trace: { ...d.trace } };
  const rules: EditorSettings['rules'] = {};
  if (isRecord(value.rules)) {
    for (const [id, level] of Object.entries(value.rules)) {
      if (typeof level === 'string' && RULE_SETTINGS.includes(level)) rules[id] = level as RuleSetting;
    }
  }
  const size = value.maxFileSizeMB;
  const traceValue = isRecord(value.trace) ? value.trace.server : undefined;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : d.enable,
    rules,
    authMiddleware: stringList(value.authMiddleware, [...d.authMiddleware]),
    publicRoutes: stringList(value.publicRoutes, [...d.publicRoutes]),
    maxFileSizeMB: typeof size === 'number' && Number.isFinite(size) && size > 0 ? size : d.maxFileSizeMB,
    trace: { server: traceValue === 'messages' || traceValue === 'verbose' || traceValue === 'off' ? traceValue : d.trace.server },
  };
}

/**
 * The part of the editor settings the engine understands, combined with the repository's
 * configuration (the same `loadConfig` the CLI uses): a configuration file wins over the editor's
 * rule settings; without one, the editor's rule settings win over the default preset.
 */
export function toEngineSettings(s: EditorSettings, repo?: ConfigResult): Partial<EngineSettings> {
  const r = repo?.settings ?? {};
  return {
    ...r,
    rules: repo?.file ? { ...s.rules, ...r.rules } : { ...r.rules, ...s.rules },
    authMiddleware: [...new Set([...s.authMiddleware, ...(r.authMiddleware ?? [])])],
    publicRoutes: [...new Set([...s.publicRoutes, ...(r.publicRoutes ?? [])])],
    maxFileBytes: Math.round(s.maxFileSizeMB * 1024 * 1024),
  };
}

/** Asks the client for the `apiWarden` section as seen from one resource. */
export type ConfigurationFetch = (scopeUri: string | undefined) => Promise<unknown>;

export class SettingsStore {
  private readonly byUri = new Map<string, Promise<EditorSettings>>();
  /** Settings pushed with didChangeConfiguration, for clients that cannot be asked. */
  private pushed: unknown;

  /** `fetch` is undefined when the client lacks the `workspace.configuration` capability. */
  constructor(
    private readonly fetch: ConfigurationFetch | undefined,
    private readonly onError: (message: string) => void,
  ) {}

  /** Settings for a resource; without one, the window's (workspace-wide) settings. */
  get(uri?: string): Promise<EditorSettings> {
    if (!this.fetch) return Promise.resolve(normalizeSettings(this.pushed));
    const key = uri ?? '';
    let cached = this.byUri.get(key);
    if (!cached) {
      cached = this.fetch(uri).then(normalizeSettings, (e: unknown) => {
        this.onError(`workspace/configuration failed for ${uri ?? 'the window'}: ${e instanceof Error ? e.message : String(e)}`);
        this.byUri.delete(key);
        return normalizeSettings(undefined);
      });
      this.byUri.set(key, cached);
    }
    return cached;
  }

  /** `didChangeConfiguration`: forget everything; `settings` is what push-style clients send. */
  changed(settings: unknown): void {
    this.byUri.clear();
    this.pushed = isRecord(settings) ? settings[SECTION] : undefined;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
