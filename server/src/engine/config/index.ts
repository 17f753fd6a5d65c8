/** Repository configuration: loading, presets and the JSON Schema. */
export { loadConfig, findConfigFile, resolveFrom, configFindings, isConfigFile, CONFIG_FILE_NAMES, CONFIG_ERROR } from './load';
export type { ConfigProblem, ConfigResult, LoadOptions } from './load';
export { PRESETS, DEFAULT_PRESET, presetRules } from './presets';
export type { PresetName } from './presets';
export { configSchema, SCHEMA_ID, ENGINE_RULE_IDS } from './schema';
