/** Public API of the engine. Front ends import from here only. */
export * from './types';
export * from './settings';
export { Engine, createEngine, PARSE_ERROR, FILE_SKIPPED, ANALYSIS_STOPPED } from './engine';
export type { EngineOptions, LintResult, AuditOptions, AuditResult, FileKind } from './engine';
export type { RuleFailure } from './run/collector';
export { ALL_RULES, ruleById } from './rules';
export { docsUrl } from './rules/rule';
export type { Rule, RuleMeta } from './rules/rule';
export type { Operation, HttpMethod, Known, AuthFacts } from './model/operation';
export { MemoryFileSystem, OverlayFileSystem } from './workspace/file-system';
export type { FileSystem, DirEntry, EntryKind } from './workspace/file-system';
export { LineIndex } from './util/line-index';
export { toEnginePath, relativePath } from './util/paths';
export { isCodeFile } from './code/parse';
export { buildEndpoints, collectEndpoints, authOf } from './model/endpoints';
export type { Endpoint, EndpointGroup, EndpointInventory, EndpointAuth, EndpointSources, AuthStatus, PairingStatus, SpecSide, CodeSide, FindingCounts } from './model/endpoints';
