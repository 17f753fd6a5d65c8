/**
 * Facts about syntax nodes kept from one build of the code project to the next.
 *
 * The route models are rebuilt after every edit, but most of what they compute (what a
 * middleware or guard does, read from its body and the functions it calls) is about files the
 * edit did not touch. A fact about a node is reused when the node's file does not reach a
 * changed file through imports (code/imports.ts: the resolver reads other files only through
 * imports), the settings are the same object and the set of file paths is the same (module
 * resolution depends on which files exist). A fact not used in a build is dropped, so every
 * kept fact was checked against every edit since it was computed.
 */
import type ts from 'typescript';
import type { EngineSettings } from '../settings';
import type { FilePath } from '../types';
import { filesReaching } from './imports';

interface Entry {
  value: unknown;
  build: number;
}

export class FactMemo {
  private build = 0;
  private settings?: EngineSettings;
  private paths = '';
  private trees = new Map<FilePath, ts.SourceFile>();
  private stale = new Set<FilePath>();
  private tables = new Map<string, WeakMap<ts.Node, Entry>>();
  /** Files whose tree changed since the previous build (for models that keep more than node facts). */
  changed: FilePath[] = [];
  /** Nothing from before this build may be reused (first build, other settings or other file paths). */
  reset = true;

  /** Starts a build over `files`: what changed since the previous build, and what that affects. */
  begin(files: ReadonlyMap<FilePath, { sourceFile: ts.SourceFile }>, settings: EngineSettings): void {
    const paths = [...files.keys()].sort().join('\n');
    const changed: FilePath[] = [];
    for (const [path, f] of files) if (this.trees.get(path) !== f.sourceFile) changed.push(path);
    this.changed = changed;
    this.reset = settings !== this.settings || paths !== this.paths;
    if (this.reset) {
      this.tables.clear();
      this.stale = new Set();
    } else {
      this.stale = changed.length ? filesReaching(changed, files) : new Set();
    }
    this.settings = settings;
    this.paths = paths;
    this.trees = new Map([...files].map(([p, f]) => [p, f.sourceFile] as const));
    this.build++;
  }

  /** `compute()`'s value for `node`, reused from the previous build when still valid. */
  get<T>(table: string, node: ts.Node, compute: () => T): T {
    let t = this.tables.get(table);
    if (!t) this.tables.set(table, (t = new WeakMap()));
    const hit = t.get(node);
    if (hit && (hit.build === this.build || (hit.build === this.build - 1 && !this.stale.has(node.getSourceFile().fileName)))) {
      hit.build = this.build;
      return hit.value as T;
    }
    const value = compute();
    t.set(node, { value, build: this.build });
    return value;
  }
}
