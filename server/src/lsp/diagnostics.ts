/**
 * Analysis of open documents, cached per document version, delivered by pull
 * (`textDocument/diagnostic`) or push (`publishDiagnostics`).
 *
 * Cache key = document version + a stamp of everything else the result depends on: the
 * settings generation, the workspace generation (files on disk, roots) and, for specs and
 * code, the generation of the other open specs and code. Code rules see the whole code project
 * (routers mounted from other files) and spec <-> code rules compare every spec with every
 * route, so an edit in one such buffer may change another's findings. The same (version,
 * stamp) is never analysed twice: concurrent askers share one promise, and the engine's own
 * caches make re-analysing an unchanged buffer after another one changed cheap.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import { isCodeFile, type Engine, type FilePath, type Finding, type Logger, type RuleFailure, type Severity } from '../engine';
import { toDiagnostics } from './convert';
import type { EnginePool } from './engines';
import { positionsFor } from './positions';
import { configFindings, isConfigFile } from '../engine/config';
import { unusedSuppressionsInFile } from '../engine/report/from-engine';
import { toEngineSettings, type SettingsStore } from './settings';
import type { UriMapper } from './uri';

export const PUSH_DEBOUNCE_MS = 150;
/** Refresh requests make the client re-pull every open document: coalesce bursts of edits. */
export const REFRESH_DEBOUNCE_MS = 200;

/** Specs and code: the files whose findings can depend on each other. */
function linksToOthers(path: FilePath): boolean {
  return isCodeFile(path) || /\.(ya?ml|json)$/i.test(path);
}

export interface Analysis {
  uri: string;
  path: FilePath;
  version: number;
  /** `version|stamp`; also the pull `resultId`. */
  key: string;
  /** Undefined when analysis is disabled for the document. */
  engine?: Engine;
  /** Shown findings only: suppressed ones are left out. */
  findings: Finding[];
  byKey: Map<string, Finding>;
  diagnostics: ReturnType<typeof toDiagnostics>['diagnostics'];
}

export interface DiagnosticsDeps {
  documents: TextDocuments<TextDocument>;
  uris: UriMapper;
  settings: SettingsStore;
  engines: EnginePool;
  log: Logger;
  /** Push mode: send diagnostics (undefined in pull mode). */
  publish?(uri: string, version: number | undefined, diagnostics: Analysis['diagnostics']): void;
  /** Pull mode: ask the client to re-pull (undefined when it cannot be asked). */
  refresh?(): void;
  /** Called after every analysis and close, for the status notification. */
  onChange?(): void;
}

interface Entry {
  key: string;
  promise: Promise<Analysis | undefined>;
}

export class Diagnostics {
  private readonly cache = new Map<string, Entry>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Map<string, string>();
  /** The newest finished analysis per open document, for counts that do not flicker while re-analysing. */
  private readonly latest = new Map<string, Analysis>();
  private readonly loggedFailures = new Set<string>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private settingsGeneration = 0;
  private workspaceGeneration = 0;
  private contentGeneration = 0;

  constructor(private readonly deps: DiagnosticsDeps) {}

  /** The analysis of the document's current version (computed once, then cached). */
  analyse(uri: string): Promise<Analysis | undefined> {
    const doc = this.deps.documents.get(uri);
    if (!doc) return Promise.resolve(undefined);
    const path = this.deps.uris.toPath(uri, doc.languageId);
    const key = `${doc.version}|${this.stampFor(path)}`;
    const cached = this.cache.get(uri);
    if (cached && cached.key === key) return cached.promise;
    const entry: Entry = { key, promise: Promise.resolve(undefined) };
    entry.promise = this.compute(doc, path, key).then(
      (a) => {
        if (a && this.deps.documents.get(uri) && (this.latest.get(uri)?.version ?? -1) <= a.version) this.latest.set(uri, a);
        this.deps.onChange?.();
        return a;
      },
      (e: unknown) => {
        // Never cache a failure: the next ask tries again.
        if (this.cache.get(uri) === entry) this.cache.delete(uri);
        this.deps.log.error(`Analysis of ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return undefined;
      },
    );
    this.cache.set(uri, entry);
    return entry.promise;
  }

  /** Findings shown in open documents, by severity (for the status bar). */
  openCounts(): Record<Severity, number> {
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const a of this.latest.values()) for (const f of a.findings) counts[f.severity]++;
    return counts;
  }

  /** The buffer's text changed (or it was opened). */
  changed(uri: string): void {
    const doc = this.deps.documents.get(uri);
    if (!doc) return;
    const path = this.deps.uris.toPath(uri, doc.languageId);
    if (linksToOthers(path)) this.contentGeneration++;
    this.schedulePush(uri);
    if (linksToOthers(path)) this.dependentsChanged(uri);
  }

  closed(uri: string, path: FilePath): void {
    this.cache.delete(uri);
    this.latest.delete(uri);
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    if (this.deps.publish && this.published.has(uri)) this.deps.publish(uri, undefined, []);
    this.published.delete(uri);
    // The closed buffer's text may differ from the file on disk the others now see.
    if (linksToOthers(path)) {
      this.contentGeneration++;
      this.dependentsChanged(uri);
    }
    this.deps.onChange?.();
  }

  /** Settings changed: every document may change. */
  settingsChanged(): void {
    this.settingsGeneration++;
    this.everythingChanged();
  }

  /** Files changed on disk, or the roots changed. */
  workspaceChanged(): void {
    this.workspaceGeneration++;
    this.everythingChanged();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }

  // ------------------------------------------------------------------ internals

  private stampFor(path: FilePath): string {
    const base = `${this.settingsGeneration}.${this.workspaceGeneration}`;
    return linksToOthers(path) ? `${base}.${this.contentGeneration}` : base;
  }

  private async compute(doc: TextDocument, path: FilePath, key: string): Promise<Analysis | undefined> {
    const { uri, version } = doc;
    const settings = await this.deps.settings.get(uri);
    // The buffer may have changed while the settings were fetched: analyse the newest text instead.
    const now = this.deps.documents.get(uri);
    if (!now) return undefined;
    if (now.version !== version || `${version}|${this.stampFor(path)}` !== key) return this.analyse(uri);
    if (!settings.enable) return { uri, path, version, key, findings: [], byKey: new Map(), diagnostics: [] };
    const repo = this.deps.engines.repositoryConfig(path);
    const engine = this.deps.engines.get(toEngineSettings(settings, repo));
    // lintFile does not wait on anything: the text it reads is this version's.
    const result = await engine.lintFile(path);
    this.logFailures(result.failures);
    // Problems in an open .api-warden.yaml are shown on it.
    const findings = [
      ...result.findings.filter((f) => !f.suppressed),
      ...unusedSuppressionsInFile(engine, result),
      ...(isConfigFile(path) ? configFindings(repo, path) : []),
    ];
    const { diagnostics, byKey } = toDiagnostics(findings, version, doc, positionsFor(this.deps.documents, this.deps.uris, engine));
    return { uri, path, version, key, engine, findings, byKey, diagnostics };
  }

  /** A rule crash is logged (once) with its id; the other rules' findings are still shown. */
  private logFailures(failures: readonly RuleFailure[]): void {
    for (const f of failures) {
      const id = `${f.ruleId}\u0000${f.file}\u0000${f.message}`;
      if (this.loggedFailures.has(id)) continue;
      this.loggedFailures.add(id);
      this.deps.log.error(`Rule ${f.ruleId} failed on ${f.file}: ${f.message} (other rules' findings are still shown)`);
    }
  }

  private everythingChanged(): void {
    if (this.deps.publish) for (const doc of this.deps.documents.all()) this.schedulePush(doc.uri);
    else this.scheduleRefresh();
  }

  /** Other open specs and code may depend on this one. */
  private dependentsChanged(uri: string): void {
    const others = this.deps.documents.all().filter((d) => d.uri !== uri && linksToOthers(this.deps.uris.toPath(d.uri, d.languageId)));
    if (others.length === 0) return;
    if (this.deps.publish) for (const d of others) this.schedulePush(d.uri);
    else this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    const refresh = this.deps.refresh;
    if (!refresh || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      refresh();
    }, REFRESH_DEBOUNCE_MS);
  }

  private schedulePush(uri: string): void {
    const publish = this.deps.publish;
    if (!publish) return;
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.analyse(uri).then((a) => {
          const doc = this.deps.documents.get(uri);
          // Publish only for the version the client still has, and never the same result twice.
          if (!a || !doc || doc.version !== a.version || this.published.get(uri) === a.key) return;
          this.published.set(uri, a.key);
          publish(uri, a.version, a.diagnostics);
        });
      }, PUSH_DEBOUNCE_MS),
    );
  }
}
