/**
 * Repository configuration: `.api-warden.yaml` / `.yml` / `.json`, found by walking up from a
 * file or folder. The editor and the CLI both call `loadConfig`, so they give the same findings.
 *
 * Only data is read: the file is YAML or JSON, `extends` names a built-in preset, and nothing in
 * it is ever loaded or executed as code. A broken file never throws: problems come back with
 * exact ranges (to show as diagnostics or CLI errors), and whatever parts are valid still apply.
 */
import { ALL_RULES } from '../rules';
import type { Rule } from '../rules/rule';
import { parseText } from '../openapi/parse';
import type { EngineSettings, RuleSetting, SpecCodePairing } from '../settings';
import type { FilePath, Finding, TextRange } from '../types';
import { basename, dirname, joinPath } from '../util/paths';
import type { FileSystem } from '../workspace/file-system';
import { DEFAULT_PRESET, presetRules, type PresetName } from './presets';
import { ENGINE_RULE_IDS } from './schema';
import { validateConfig } from './validate';

export const CONFIG_FILE_NAMES = ['.api-warden.yaml', '.api-warden.yml', '.api-warden.json'] as const;

export interface ConfigProblem {
  message: string;
  severity: 'error' | 'warning';
  file: FilePath;
  range: TextRange;
}

export interface ConfigResult {
  settings: Partial<EngineSettings>;
  /** The configuration file used, when one was found. */
  file?: FilePath;
  errors: ConfigProblem[];
}

export interface LoadOptions {
  /** Defaults to every registered rule. */
  rules?: readonly Rule[];
  /** Use this file instead of searching (CLI `--config`). */
  configFile?: FilePath;
}

/** The nearest configuration file at or above `startPath` (a file or a folder). */
export function findConfigFile(fs: FileSystem, startPath: FilePath): { file?: FilePath; others: FilePath[] } {
  let dir = startPath;
  for (;;) {
    const found = CONFIG_FILE_NAMES.map((n) => joinPath(dir, n)).filter((p) => fs.readFile(p) !== undefined);
    if (found.length) return { file: found[0], others: found.slice(1) };
    const parent = dirname(dir);
    if (parent === dir || dir === '/' || /^[a-z]:\/?$/i.test(dir)) return { others: [] };
    dir = parent;
  }
}

export function loadConfig(fs: FileSystem, startPath: FilePath, options: LoadOptions = {}): ConfigResult {
  const rules = options.rules ?? ALL_RULES;
  const errors: ConfigProblem[] = [];
  let file = options.configFile;
  if (!file) {
    const found = findConfigFile(fs, startPath);
    file = found.file;
    if (file && found.others.length) {
      errors.push({ severity: 'warning', file, range: { start: 0, end: 0 }, message: `Several configuration files in ${dirname(file)}: using ${basename(file)}, ignoring ${found.others.map(basename).join(', ')}.` });
    }
  }
  if (!file) return { settings: { rules: presetRules(DEFAULT_PRESET, rules) }, errors };

  const text = fs.readFile(file);
  if (text === undefined) {
    return { settings: { rules: presetRules(DEFAULT_PRESET, rules) }, file, errors: [{ severity: 'error', file, range: { start: 0, end: 0 }, message: `Cannot read the configuration file ${file}.` }] };
  }
  const parsed = parseText(text, /\.json$/i.test(file) ? 'json' : 'yaml');
  for (const e of parsed.errors) errors.push({ severity: 'error', file, range: e.range, message: `Syntax error: ${e.message}` });
  const value = parsed.value === null || parsed.value === undefined ? {} : parsed.value;
  const located = (pointer: (string | number)[], part: 'key' | 'value' = 'value'): TextRange => {
    const loc = parsed.positions().locate(pointer);
    if (!loc) return { start: 0, end: 0 };
    return part === 'key' && loc.key ? loc.key : loc.value;
  };

  for (const p of validateConfig(value, rules)) errors.push({ severity: 'error', file, range: located(p.pointer, p.part), message: p.message });
  const settings = toSettings(value, file, rules, (pointer, message) => errors.push({ severity: 'warning', file: file!, range: located(pointer, 'key'), message }));
  errors.sort((a, b) => a.range.start - b.range.start);
  return { settings, file, errors };
}

type Warn = (pointer: (string | number)[], message: string) => void;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** `on`: the rule runs at its default severities (no override). */
type ConfigRuleSetting = RuleSetting | 'on';
const SEVERITIES = new Set(['on', 'error', 'warning', 'info', 'hint', 'off']);
const isSetting = (v: unknown): v is ConfigRuleSetting => typeof v === 'string' && SEVERITIES.has(v);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : undefined);

/** Builds settings from the valid parts only: an invalid entry is skipped (and was reported). */
function toSettings(value: unknown, file: FilePath, rules: readonly Rule[], warn: Warn): Partial<EngineSettings> {
  const root = isRecord(value) ? value : {};
  const base = dirname(file);
  const preset: PresetName = root.extends === 'strict' || root.extends === 'none' || root.extends === 'recommended' ? root.extends : DEFAULT_PRESET;
  const ruleSettings = presetRules(preset, rules);
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  const known = new Set([...rules.map((r) => r.meta.id), ...Object.keys(ENGINE_RULE_IDS)]);
  if (isRecord(root.rules)) {
    for (const [id, raw] of Object.entries(root.rules)) {
      const parsed = parseRuleSetting(raw);
      if (!parsed) continue;
      if (!known.has(id)) {
        const hint = closest(id, [...known]);
        warn(['rules', id], `Unknown rule '${id}'${hint ? ` (did you mean '${hint}'?)` : ''}; it is ignored.`);
        continue;
      }
      if (parsed.severity === 'on') delete ruleSettings[id];
      else if (parsed.severity) ruleSettings[id] = parsed.severity;
      if (parsed.options) ruleOptions[id] = parsed.options;
    }
  }
  const settings: Partial<EngineSettings> = { rules: ruleSettings, ruleOptions };
  const auth = strings(root.authMiddleware);
  if (auth) settings.authMiddleware = auth;
  const publicRoutes = strings(root.publicRoutes);
  if (publicRoutes) settings.publicRoutes = publicRoutes;
  const ignore = strings(root.ignore);
  if (ignore) {
    settings.ignore = ignore;
    settings.ignoreBase = base;
  }
  if (Array.isArray(root.pairing)) {
    const pairing: SpecCodePairing[] = [];
    for (const p of root.pairing) {
      if (!isRecord(p) || typeof p.spec !== 'string' || !p.spec) continue;
      const code = typeof p.code === 'string' ? [p.code] : strings(p.code);
      if (!code?.length) continue;
      pairing.push({
        spec: resolveFrom(base, p.spec),
        code: code.map((c) => resolveFrom(base, c)),
        ...(typeof p.basePath === 'string' && p.basePath.startsWith('/') ? { basePath: p.basePath } : {}),
      });
    }
    settings.pairing = pairing;
  }
  return settings;
}

function parseRuleSetting(raw: unknown): { severity?: ConfigRuleSetting; options?: Record<string, unknown> } | undefined {
  if (isSetting(raw)) return { severity: raw };
  if (Array.isArray(raw) && isSetting(raw[0]) && (raw.length === 1 || (raw.length === 2 && isRecord(raw[1])))) {
    return { severity: raw[0], ...(isRecord(raw[1]) ? { options: raw[1] } : {}) };
  }
  if (isRecord(raw) && Object.keys(raw).every((k) => k === 'severity' || k === 'options')) {
    if (raw.severity !== undefined && !isSetting(raw.severity)) return undefined;
    if (raw.options !== undefined && !isRecord(raw.options)) return undefined;
    return { ...(raw.severity !== undefined ? { severity: raw.severity as ConfigRuleSetting } : {}), ...(isRecord(raw.options) ? { options: raw.options } : {}) };
  }
  return undefined;
}

/** Resolves a path or glob written relative to the configuration file's folder. */
export function resolveFrom(base: string, p: string): string {
  const rel = p.replace(/\\/g, '/');
  if (rel.startsWith('/') || /^[a-zA-Z]:\//.test(rel)) return rel;
  const parts = base.split('/');
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 1) parts.pop();
    } else {
      parts.push(seg);
    }
  }
  return parts.join('/') || '/';
}

function closest(id: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(id.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(id, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance (rule ids are short). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Reserved rule id of configuration problems shown as diagnostics on the configuration file. */
export const CONFIG_ERROR = 'invalid-config';

export function isConfigFile(path: FilePath): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(basename(path));
}

/** The problems of a loaded configuration as findings on `file` (for the editor's diagnostics). */
export function configFindings(result: ConfigResult, file: FilePath): Finding[] {
  return result.errors
    .filter((e) => e.file === file)
    .map((e) => ({ ruleId: CONFIG_ERROR, messageId: 'config', message: e.message, severity: e.severity, owasp: [], file, range: e.range }));
}
