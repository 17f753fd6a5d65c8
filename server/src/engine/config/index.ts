/** Repository configuration: loading, presets and the JSON Schema. */
export { loadConfig, findConfigFile, resolveFrom, CONFIG_FILE_NAMES } from './load';
export type { ConfigProblem, ConfigResult, LoadOptions } from './load';
export { PRESETS, DEFAULT_PRESET, presetRules } from './presets';
export type { PresetName } from './presets';
export { configSchema, SCHEMA_ID, ENGINE_RULE_IDS } from './schema';
