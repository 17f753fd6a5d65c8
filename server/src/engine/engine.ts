/**
 * The engine: the only API the language server, the audit command and the CLI talk to.
 *
 * files (through a FileSystem, open buffers first) -> parse (cached by text) -> models ->
 * rules -> suppressions -> findings. Everything is plain data with UTF-16 offsets; no I/O
 * besides the injected FileSystem, no network, no workspace code executed.
 */
import type { CodeFile, CodeProject } from './code/project';
import { buildCodeProject } from './code/project';
import { FactMemo } from './code/memo';
import { isCodeFile, MAX_CODE_DEPTH, nestingExceeds, parseSource } from './code/parse';
import type { Operation } from './model/operation';
import { looksLikeOpenApi, parseOpenApi, type OpenApiDocument } from './openapi/document';
import { ignoreExtensionFix } from './openapi/edit';
import { SpecSet } from './openapi/refs';
import { RefTracker, findingKey, mayReference } from './openapi/ref-tracker';
import { ALL_RULES } from './rules';
import type { CodeRule, OpenApiRule, Rule, WorkspaceRule } from './rules/rule';
import { buildInventory, specApi, type SpecApi, type WorkspaceInventory } from './model/match';
import { runWorkspaceRules } from './run/run-workspace';
import type { RawFinding, RuleFailure } from './run/collector';
import { runCodeRules } from './run/run-code';
import { CodeRuleCache } from './run/code-cache';
import { runOpenApiRules } from './run/run-openapi';
import { Budgets } from './run/budget';
import { resolveSettings, type EngineSettings } from './settings';
import { commentSuppression, DIRECTIVE, extensionSuppression, ignoreFix } from './suppress';
import {
  NEVER_CANCELLED, SILENT_LOGGER,
  type CancellationSignal, type FilePath, type Finding, type Fix, type Logger, type TextRange,
} from './types';
import { LineIndex } from './util/line-index';
import { contentClass, discover, looksMinified, type Discovery } from './workspace/discover';
import { OverlayFileSystem, type FileSystem } from './workspace/file-system';

export interface EngineOptions {
  fs: FileSystem;
  /** Workspace folders (or single files) the audit covers. */
  roots: FilePath[];
  settings?: Partial<EngineSettings>;
  logger?: Logger;
  /** Defaults to every registered rule. */
  rules?: readonly Rule[];
  /**
   * Reuse code rule results between runs where nothing they depend on changed (default true).
   * false runs every code rule on every route each time: the reference incremental runs are tested against.
   */
  incrementalCode?: boolean;
}

export type FileKind = 'openapi' | 'code' | 'other';

export interface LintResult {
  file: FilePath;
  kind: FileKind;
  findings: Finding[];
  failures: RuleFailure[];
}

export interface AuditOptions {
  signal?: CancellationSignal;
  onProgress?(done: number, total: number, file: FilePath): void;
}

export interface AuditResult {
  roots: FilePath[];
  discovery: Discovery;
  findings: Finding[];
  operations: Operation[];
  failures: RuleFailure[];
  cancelled: boolean;
}

/** Reserved ids for findings the engine itself produces. */
export const PARSE_ERROR = 'parse-error';
export const FILE_SKIPPED = 'file-skipped';
/** A file whose rules used up `analysisBudgetMs`: its findings may be incomplete. */
export const ANALYSIS_STOPPED = 'analysis-stopped';

/**
 * Syntax errors listed per document. One stray `}` in YAML makes every token after it an error
 * (17,000 in a 150 KB file): past the first few, which hold the cause, one more says how many
 * follow, so the Problems panel and the LSP payload stay small.
 */
export const MAX_PARSE_ERRORS = 20;

function parseErrorFindings(file: FilePath, errors: readonly { message: string; range: TextRange }[]): Finding[] {
  const out = errors.slice(0, MAX_PARSE_ERRORS).map<Finding>((e) => ({
    ruleId: PARSE_ERROR, messageId: 'syntax', message: e.message, severity: 'error', owasp: [], file, range: e.range,
  }));
  const more = errors.length - MAX_PARSE_ERRORS;
  if (more > 0) {
    out.push({
      ruleId: PARSE_ERROR, messageId: 'more', severity: 'error', owasp: [], file, range: errors[MAX_PARSE_ERRORS].range,
      message: `${more.toLocaleString('en-US')} more syntax error(s) from here on are not listed: they usually follow from the first ones above; fix those first.`,
    });
  }
  return out;
}

interface SpecEntry {
  text: string;
  doc: OpenApiDocument;
  findings?: Finding[];
  failures?: RuleFailure[];
}

export class Engine {
  readonly rules: readonly Rule[];
  private readonly fs: OverlayFileSystem;
  private readonly logger: Logger;
  private settingsValue: EngineSettings;
  private roots: FilePath[];
  private readonly specs = new Map<FilePath, SpecEntry>();
  private readonly codeFiles = new Map<FilePath, CodeFile>();
  /** Why a code file is analysed as empty (minified, unparsable), by path. */
  private readonly codeSkips = new Map<FilePath, Finding>();
  private discovery?: Discovery;
  private project?: {
    files: CodeFile[];
    /** The workspace's descriptions, with the files their `$ref`s reach (a new object when one of those changed). */
    apis: SpecApi[];
    project: CodeProject;
    inventory?: WorkspaceInventory;
    byFile: Map<FilePath, Finding[]>;
    failures: RuleFailure[];
  };
  /** Code rule results per route and file, reused by the next code run (run/code-cache.ts). */
  private readonly codeRuleCache?: CodeRuleCache;
  /** Middleware and guard facts per syntax node, kept across builds of the route models (code/memo.ts). */
  private readonly codeMemo = new FactMemo();
  private readonly lineIndexes = new Map<FilePath, { text: string; index: LineIndex }>();
  /** The text of each file last found to hold no ignore comment (see mayHoldDirective). */
  private readonly directiveFree = new Map<FilePath, string>();
  /** Which specs read which files through `$ref` (multi-file documents). */
  private readonly refs = new RefTracker();
  private readonly refScanned = new Set<FilePath>();
  private workspace?: {
    project: CodeProject;
    inventory: WorkspaceInventory;
    byFile: Map<FilePath, Finding[]>;
    failures: RuleFailure[];
    /** Code findings a spec <-> code finding stands in for (`supersedes`), by supersededKey. */
    superseded: ReadonlySet<string>;
  };
  /**
   * The route models of the last code build, by the code files they were built from. An edit of a
   * spec changes the pairing and the spec-aware rules, not the routes: the models are kept.
   */
  private built?: { files: CodeFile[]; settings: EngineSettings; project: CodeProject };

  constructor(options: EngineOptions) {
    this.fs = new OverlayFileSystem(options.fs);
    this.roots = [...options.roots];
    this.logger = options.logger ?? SILENT_LOGGER;
    this.settingsValue = resolveSettings(options.settings);
    this.rules = options.rules ?? ALL_RULES;
    if (options.incrementalCode !== false) this.codeRuleCache = new CodeRuleCache();
  }

  get settings(): EngineSettings {
    return this.settingsValue;
  }

  setSettings(settings: Partial<EngineSettings>): void {
    this.settingsValue = resolveSettings(settings);
    this.discovery = undefined;
    this.dropResults();
  }

  setRoots(roots: FilePath[]): void {
    this.roots = [...roots];
    this.discovery = undefined;
    this.project = undefined;
  }

  /** Editor overlay: the buffer's text, or undefined when the buffer is closed. */
  setFile(file: FilePath, text: string | undefined): void {
    // Discovery reads content (is it OpenAPI? too large?): an edit that changes its answer must
    // be seen by the next audit, as a fresh engine would see it.
    const before = this.discovery ? contentClass(this.fs, file, this.settingsValue) : undefined;
    this.fs.set(file, text);
    if (before !== undefined && contentClass(this.fs, file, this.settingsValue) !== before) this.discovery = undefined;
  }

  /** A file changed, appeared or disappeared on disk. */
  fileChanged(file: FilePath): void {
    if (this.discovery && !this.discovery.specs.includes(file) && !this.discovery.code.includes(file)) this.discovery = undefined;
    if (this.fs.readFile(file) === undefined) {
      this.discovery = undefined;
      this.specs.delete(file);
      this.codeFiles.delete(file);
    }
  }

  readFile(file: FilePath): string | undefined {
    return this.fs.readFile(file);
  }

  async lintFile(file: FilePath, signal: CancellationSignal = NEVER_CANCELLED): Promise<LintResult> {
    const text = this.fs.readFile(file);
    if (text === undefined) return { file, kind: 'other', findings: [], failures: [] };
    if (isCodeFile(file)) {
      if (text.length > this.settingsValue.maxFileBytes) return { file, kind: 'code', findings: [this.tooLargeFinding(file)], failures: [] };
      const { byFile, failures } = this.codeResults(signal, file);
      const ws = this.workspaceResults(signal);
      return {
        file,
        kind: 'code',
        findings: [...this.notSuperseded(byFile.get(file) ?? [], ws), ...(ws?.byFile.get(file) ?? [])],
        failures: failures.filter((f) => f.file === file),
      };
    }
    if (/\.(ya?ml|json)$/i.test(file) && looksLikeOpenApi(text)) {
      const entry = this.specResults(file, text);
      const ws = this.workspaceResults(signal);
      // Findings a spec reports inside the files it references are shown in those files (below).
      const own = (entry.findings ?? []).filter((f) => f.file === file);
      return { file, kind: 'openapi', findings: [...own, ...this.findingsFromReferencingSpecs(file, signal), ...(ws?.byFile.get(file) ?? [])], failures: entry.failures ?? [] };
    }
    if (/\.(ya?ml|json)$/i.test(file)) {
      const fromSpecs = this.findingsFromReferencingSpecs(file, signal);
      if (this.refs.isReferenced(file)) {
        // Spec <-> code findings land here too when the operation or schema lives in this file.
        const ws = this.workspaceResults(signal);
        return { file, kind: 'openapi', findings: [...fromSpecs, ...(ws?.byFile.get(file) ?? [])], failures: [] };
      }
    }
    return { file, kind: 'other', findings: [], failures: [] };
  }

  async audit(options: AuditOptions = {}): Promise<AuditResult> {
    const signal = options.signal ?? NEVER_CANCELLED;
    const discovery = this.discover(signal);
    const findings: Finding[] = [];
    const failures: RuleFailure[] = [];
    const operations: Operation[] = [];
    const total = discovery.specs.length + discovery.code.length;
    let done = 0;
    for (const s of discovery.skipped) findings.push(this.skippedFinding(s.file, s.reason));
    const seen = new Set<string>(); // two specs that reference one file report its findings once
    for (const file of discovery.specs) {
      if (signal.isCancelled) return { roots: this.roots, discovery, findings, operations, failures, cancelled: true };
      const text = this.fs.readFile(file);
      if (text !== undefined) {
        const entry = this.specResults(file, text);
        for (const f of entry.findings ?? []) if (!seen.has(findingKey(f)) && seen.add(findingKey(f))) findings.push(f);
        failures.push(...(entry.failures ?? []));
        operations.push(...this.contained(file, () => this.specApiOf(entry.doc).operations, []));
      }
      options.onProgress?.(++done, total, file);
      await yieldToEventLoop();
    }
    const ws = discovery.code.length ? this.workspaceResults(signal) : undefined;
    if (discovery.code.length) {
      const code = this.codeResults(signal);
      for (const list of code.byFile.values()) findings.push(...this.notSuperseded(list, ws));
      failures.push(...code.failures);
      operations.push(...code.project.routes);
      done += discovery.code.length;
      options.onProgress?.(done, total, discovery.code[discovery.code.length - 1]);
    }
    if (ws) {
      for (const list of ws.byFile.values()) findings.push(...list);
      failures.push(...ws.failures);
    }
    return { roots: this.roots, discovery, findings, operations, failures, cancelled: signal.isCancelled };
  }

  /** The "ignore this finding here" edit for a finding (a directive comment or extension). */
  ignoreFix(finding: Finding): Fix | undefined {
    const text = this.fs.readFile(finding.file);
    if (text === undefined) return undefined;
    const prefix = isCodeFile(finding.file) ? '//' : /\.ya?ml$/i.test(finding.file) ? '#' : undefined;
    if (!prefix && /\.json$/i.test(finding.file)) return ignoreExtensionFix(this.specEntry(finding.file, text).doc, finding.range.start, finding.ruleId);
    return ignoreFix(finding.file, text, this.lineIndex(finding.file, text), finding.range.start, finding.ruleId, prefix);
  }

  lineIndex(file: FilePath, text: string): LineIndex {
    const cached = this.lineIndexes.get(file);
    if (cached && cached.text === text) return cached.index;
    const index = new LineIndex(text);
    this.lineIndexes.set(file, { text, index });
    return index;
  }

  /** Parsed OpenAPI document for a file, when it is one (used by quick fixes). */
  openApiDocument(file: FilePath): OpenApiDocument | undefined {
    const text = this.fs.readFile(file);
    if (text === undefined || !looksLikeOpenApi(text)) return undefined;
    return this.specEntry(file, text).doc;
  }

  /** The code's route models and facts, as the code rules see them (used to write documentation from code). */
  codeProject(signal: CancellationSignal = NEVER_CANCELLED): CodeProject {
    return this.codeResults(signal).project;
  }

  /** Spec operations paired with code routes (undefined when the workspace has no routes). */
  inventory(signal: CancellationSignal = NEVER_CANCELLED): WorkspaceInventory | undefined {
    return this.workspaceResults(signal)?.inventory;
  }

  // ------------------------------------------------------------------ internals

  /**
   * Spec <-> code rules. They need every spec and the code project, so they run when either
   * side changed, and only when the workspace has both: with no routes there is nothing to
   * compare a spec against, and no finding is better than one per spec saying so.
   */
  private workspaceResults(signal: CancellationSignal): Engine['workspace'] {
    const rules = this.rules.filter((r): r is WorkspaceRule => r.meta.kind === 'workspace');
    if (rules.length === 0) return undefined;
    const discovery = this.discover(signal);
    if (discovery.specs.length === 0 || discovery.code.length === 0) return undefined;
    const code = this.codeResults(signal);
    const { project, apis, inventory } = code;
    if (!inventory) return undefined;
    const prev = this.workspace;
    if (prev && prev.project === project && prev.inventory === inventory) return prev;
    const failures: RuleFailure[] = [];
    const byFile = new Map<FilePath, Finding[]>();
    const supersedes = new Map(rules.filter((r) => r.meta.supersedes?.length).map((r) => [r.meta.id, r.meta.supersedes ?? []] as const));
    const hideable = this.supersedable(code.byFile, new Set([...supersedes.values()].flat()));
    const superseded = new Set<string>();
    for (let f of this.suppress(runWorkspaceRules({ specs: apis, project, inventory }, rules, this.settingsValue, this.logger, failures))) {
      if (!f.suppressed) {
        const hidden: Finding[] = [];
        for (const ruleId of supersedes.get(f.ruleId) ?? []) {
          for (const at of [f, ...(f.related ?? [])]) {
            const key = supersededKey(ruleId, at.file, at.range);
            superseded.add(key);
            const h = hideable.get(key);
            if (h) hidden.push(h);
          }
        }
        f = withFixesOf(f, hidden);
      }
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    }
    this.workspace = { project, inventory, byFile, failures, superseded };
    return this.workspace;
  }

  /** The unsuppressed code findings of the given rules, by supersededKey. */
  private supersedable(byFile: ReadonlyMap<FilePath, readonly Finding[]>, ruleIds: ReadonlySet<string>): Map<string, Finding> {
    const out = new Map<string, Finding>();
    if (!ruleIds.size) return out;
    for (const list of byFile.values()) {
      for (const f of list) if (ruleIds.has(f.ruleId) && !f.suppressed) out.set(supersededKey(f.ruleId, f.file, f.range), f);
    }
    return out;
  }

  /** The code findings of `code` that no spec <-> code finding stands in for. */
  private notSuperseded(code: readonly Finding[], ws: Engine['workspace']): readonly Finding[] {
    if (!ws?.superseded.size) return code;
    return code.filter((f) => !ws.superseded.has(supersededKey(f.ruleId, f.file, f.range)));
  }

  private dropResults(): void {
    for (const e of this.specs.values()) e.findings = e.failures = undefined;
    this.project = undefined;
    this.workspace = undefined;
  }

  private discover(signal: CancellationSignal): Discovery {
    if (this.discovery) return this.discovery;
    const found = discover(this.fs, this.roots, this.settingsValue, signal);
    // A walk cut short by cancellation is partial: use it for this call only.
    if (!signal.isCancelled) this.discovery = found;
    return found;
  }

  private specEntry(file: FilePath, text: string): SpecEntry {
    let entry = this.specs.get(file);
    if (!entry || entry.text !== text) {
      // Too large: not even parsed (parsing is where the time and memory go); an empty stand-in.
      const tooLarge = text.length > this.settingsValue.maxFileBytes;
      let failed: Finding | undefined;
      // The previous version lets an edit re-parse only the YAML entry it touched.
      const previous = entry?.doc;
      const doc = tooLarge ? undefined : this.contained(file, () => parseOpenApi(file, text, previous), undefined, (f) => (failed = f));
      entry = { text, doc: doc ?? parseOpenApi(file, '') };
      if (failed) {
        entry.findings = [failed];
        entry.failures = [];
      }
      this.specs.set(file, entry);
    }
    return entry;
  }

  private specResults(file: FilePath, text: string): SpecEntry {
    const entry = this.specEntry(file, text);
    if (entry.findings && this.refs.isFresh(file, (f) => this.fs.readFile(f))) return entry;
    if (text.length > this.settingsValue.maxFileBytes) {
      entry.findings = [this.tooLargeFinding(file)];
      entry.failures = [];
      return entry;
    }
    const failures: RuleFailure[] = [];
    const rules = this.rules.filter((r): r is OpenApiRule => r.meta.kind === 'openapi');
    const budgets = new Budgets(this.settingsValue.analysisBudgetMs);
    let failed: Finding | undefined;
    const findings = this.contained(file, () => {
      const set = new SpecSet(entry.doc, (f) => this.referencedDocument(f));
      let raw: RawFinding[] = [];
      // The whole run is charged to this file, so checkBudget() also works in shared walks.
      budgets.activate(() => budgets.forFile(file).run(() => (raw = runOpenApiRules(entry.doc, rules, this.settingsValue, this.logger, failures, { set }))));
      this.refs.record(file, new Map(set.dependencies().map((f) => [f, this.fs.readFile(f)])));
      const parseErrors = parseErrorFindings(file, entry.doc.parsed.errors);
      const stopped = budgets.stoppedFiles().includes(file) ? [this.stoppedFinding(file)] : [];
      return [...parseErrors, ...stopped, ...this.suppress(raw)];
    }, undefined, (f) => (failed = f));
    entry.findings = findings ?? (failed ? [failed] : []);
    entry.failures = failures;
    return entry;
  }

  /** A spec's operations (also in the files its `$ref`s reach) and server prefixes, kept while none of those files changed. */
  private specApiOf(doc: OpenApiDocument): SpecApi {
    return specApi(doc, (f) => this.referencedDocument(f));
  }

  /** The workspace's OpenAPI descriptions within the size limit (parsed once per text), as the spec <-> code pairing reads them. */
  specApis(signal: CancellationSignal = NEVER_CANCELLED): SpecApi[] {
    const apis: SpecApi[] = [];
    for (const file of this.discover(signal).specs) {
      const text = this.fs.readFile(file);
      if (text === undefined || text.length > this.settingsValue.maxFileBytes) continue;
      const doc = this.specEntry(file, text).doc;
      if (doc.version) apis.push(this.specApiOf(doc));
    }
    return apis;
  }

  /** A file a spec `$ref`s, parsed (and cached) like a spec; undefined when unreadable or too large. */
  private referencedDocument(file: FilePath): OpenApiDocument | undefined {
    const text = this.fs.readFile(file);
    return text === undefined || text.length > this.settingsValue.maxFileBytes ? undefined : this.specEntry(file, text).doc;
  }

  /**
   * Findings that the specs referencing `file` report inside it. The first time a file is asked
   * about, the specs that may reference it (see `mayReference`) are analysed so the engine
   * learns their references; single-file specs are never analysed for this.
   */
  private findingsFromReferencingSpecs(file: FilePath, signal: CancellationSignal): Finding[] {
    if (!this.refs.isReferenced(file) && !this.refScanned.has(file)) {
      this.refScanned.add(file);
      for (const spec of this.discover(signal).specs) {
        const t = spec === file ? undefined : this.fs.readFile(spec);
        if (t !== undefined && mayReference(t, file)) this.specResults(spec, t);
      }
    }
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const root of this.refs.rootsOf(file)) {
      const t = root === file ? undefined : this.fs.readFile(root);
      if (t === undefined || !looksLikeOpenApi(t)) continue;
      for (const f of this.specResults(root, t).findings ?? []) if (f.file === file && !seen.has(findingKey(f)) && seen.add(findingKey(f))) out.push(f);
    }
    return out;
  }

  private codeResults(signal: CancellationSignal, extraFile?: FilePath): NonNullable<Engine['project']> {
    const paths = [...this.discover(signal).code];
    if (extraFile && !paths.includes(extraFile)) paths.push(extraFile);
    const files: CodeFile[] = [];
    for (const path of paths) {
      const text = this.fs.readFile(path);
      if (text === undefined || text.length > this.settingsValue.maxFileBytes) continue;
      let cached = this.codeFiles.get(path);
      if (!cached || cached.text !== text) {
        cached = { path, text, sourceFile: this.parseCode(path, text) };
        this.codeFiles.set(path, cached);
      }
      files.push(cached);
    }
    // Code results depend on the specs too: a route the spec declares public is public by design.
    const apis = this.specApis(signal);
    const prev = this.project;
    if (prev && sameItems(prev.files, files) && sameItems(prev.apis, apis)) return prev;
    const byFile = new Map<FilePath, Finding[]>();
    const add = (f: Finding) => {
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    };
    for (const f of files) {
      const skipped = this.codeSkips.get(f.path);
      if (skipped) add(skipped);
    }
    // Route extraction runs outside the rules' isolation: if it fails, the files still get
    // their per-file rules, only the routes are missing (and the log says why).
    const reuse = this.built && this.built.settings === this.settingsValue && sameItems(this.built.files, files) ? this.built.project : undefined;
    const built =
      reuse ??
      this.contained('<workspace>', () => buildCodeProject(files, this.settingsValue, this.codeRuleCache && this.codeMemo), undefined) ??
      { ...buildCodeProject([], this.settingsValue), files: new Map(files.map((f) => [f.path, f] as const)) };
    this.built = { files, settings: this.settingsValue, project: built };
    const inventory = apis.length && built.routes.length ? buildInventory(apis, built.routes, this.settingsValue.pairing) : undefined;
    const documented = new Map<Operation, Operation>();
    for (const p of inventory?.pairings ?? []) for (const m of p.matched) if (!documented.has(m.route)) documented.set(m.route, m.spec);
    const project: CodeProject = inventory ? { ...built, documentedAs: (route) => documented.get(route) } : built;
    const failures: RuleFailure[] = [];
    const rules = this.rules.filter((r): r is CodeRule => r.meta.kind === 'code');
    const budgets = new Budgets(this.settingsValue.analysisBudgetMs);
    const raw = budgets.activate(() => runCodeRules(project, rules, this.settingsValue, this.logger, failures, this.codeRuleCache));
    for (const file of budgets.stoppedFiles()) if (file !== '<workspace>') add(this.stoppedFinding(file));
    for (const f of this.suppress(raw)) add(f);
    this.project = { files, apis, project, inventory, byFile, failures };
    return this.project;
  }

  /**
   * Parses a source file, or stands in an empty one when it must not or cannot be analysed
   * (minified or generated code; nesting deep enough to overflow the TypeScript parser).
   * The reason becomes one information finding on the file, logged once per text.
   */
  private parseCode(path: FilePath, text: string): CodeFile['sourceFile'] {
    this.codeSkips.delete(path);
    let reason = looksMinified(text) ? 'minified or generated code (very long lines)' : undefined;
    if (!reason) {
      try {
        const sf = parseSource(path, text);
        if (!nestingExceeds(sf)) return sf;
        reason = `it is nested more than ${MAX_CODE_DEPTH} levels deep (generated code?)`;
      } catch (e) {
        reason = `the TypeScript parser failed on it (${describeError(e)})`;
      }
    }
    this.logger.info(`not analysing ${path}: ${reason}`);
    this.codeSkips.set(path, this.skippedFinding(path, reason));
    return parseSource(path, '');
  }

  /**
   * Last line of defence: a crash anywhere in one file's analysis becomes an information
   * finding on that file (and an error in the log); the audit and the other files go on.
   */
  private contained<T, F>(file: FilePath, fn: () => T, fallback: F, onFailure?: (finding: Finding) => void): T | F {
    try {
      return fn();
    } catch (e) {
      this.logger.error(`analysis of ${file} failed: ${e instanceof Error ? (e.stack ?? e.message) : describeError(e)}`);
      onFailure?.({ ...this.skippedFinding(file, `the analysis failed (${describeError(e)}); see the API Warden log`), messageId: 'failed' });
      return fallback;
    }
  }

  private tooLargeFinding(file: FilePath): Finding {
    return this.skippedFinding(file, `larger than ${this.settingsValue.maxFileBytes} bytes (the maxFileBytes setting)`);
  }

  private stoppedFinding(file: FilePath): Finding {
    const ms = this.settingsValue.analysisBudgetMs;
    return {
      ruleId: ANALYSIS_STOPPED, messageId: 'budget', severity: 'info', owasp: [], file, range: { start: 0, end: 0 },
      message: `Analysis stopped after ${ms} ms (the analysisBudgetMs setting): findings for this file may be incomplete.`,
    };
  }

  /**
   * Whether the text may hold an ignore comment. Most files hold none, and then no finding needs
   * the file's line index (~7 ms to build for the 4 MB Stripe description). Remembered per text.
   */
  private mayHoldDirective(file: FilePath, text: string): boolean {
    if (this.directiveFree.get(file) === text) return false;
    if (text.includes(DIRECTIVE)) return true;
    this.directiveFree.set(file, text);
    return false;
  }

  /** Marks suppressed findings (they stay in the results: SARIF reports them as suppressed). */
  private suppress(raw: RawFinding[]): Finding[] {
    return raw.map(({ finding, doc, pointer }) => {
      if (doc && pointer) {
        const ext = extensionSuppression(doc, pointer, finding.ruleId);
        if (ext) {
          const loc = doc.parsed.positions().locate(ext.pointer);
          return { ...finding, suppressed: { kind: 'extension', reason: ext.reason, location: { file: doc.file, range: loc?.key ?? finding.range } } };
        }
        if (doc.parsed.format === 'json') return finding;
      }
      const text = doc?.file === finding.file ? doc.text : this.fs.readFile(finding.file);
      if (text === undefined || !this.mayHoldDirective(finding.file, text)) return finding;
      const s = commentSuppression(text, this.lineIndex(finding.file, text), finding.range.start, finding.ruleId, finding.file);
      return s ? { ...finding, suppressed: s } : finding;
    });
  }

  private skippedFinding(file: FilePath, reason: string): Finding {
    return {
      ruleId: FILE_SKIPPED, messageId: 'skipped', message: `Not analysed: ${reason}.`, severity: 'info', owasp: [], file, range: { start: 0, end: 0 },
    };
  }
}

function describeError(e: unknown): string {
  try {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } catch {
    return 'unknown error';
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function createEngine(options: EngineOptions): Engine {
  return new Engine(options);
}

function supersededKey(ruleId: string, file: FilePath, range: { start: number; end: number }): string {
  return `${ruleId}\0${file}\0${range.start}\0${range.end}`;
}

/**
 * A finding that stands in for others offers their fixes too (as suggestions: what was safe to
 * apply for the code finding is the user's choice here), without repeating a title.
 */
function withFixesOf(f: Finding, hidden: readonly Finding[]): Finding {
  const extra = hidden.flatMap((h) => [...(h.fix ? [h.fix] : []), ...(h.suggestions ?? [])]);
  if (!extra.length) return f;
  const titles = new Set([...(f.fix ? [f.fix.title] : []), ...(f.suggestions ?? []).map((s) => s.title)]);
  const added = extra.filter((x) => !titles.has(x.title) && titles.add(x.title));
  return added.length ? { ...f, suggestions: [...(f.suggestions ?? []), ...added] } : f;
}
