/**
 * Code rule results kept between runs, so an edit re-runs the expensive code rules (taint
 * tracking, ownership and mass-assignment checks) only on the routes and files it can affect.
 *
 * A *unit* is one rule on one route (or on one source file). Its result is reused when
 *   - the route's facts (operation, chain, handler, inputs, …) equal the previous run's, with
 *     syntax nodes compared by identity (trees are cached by text, so an unchanged file keeps
 *     its nodes and an edited file gets new ones), and
 *   - none of the files those nodes live in reaches a changed file through imports: the
 *     resolver and the taint tracker read other files only through imports (code/imports.ts),
 * and the run is otherwise alike (same settings object, rules, active rules and set of file
 *     paths: module resolution depends on which files exist). Anything else clears the cache.
 * Results a time budget cut short are never kept.
 */
import type ts from 'typescript';
import type { CodeProject } from '../code/project';
import { filesReaching } from '../code/imports';
import type { Rule } from '../rules/rule';
import type { EngineSettings } from '../settings';
import type { FilePath } from '../types';
import type { RawFinding, RuleFailure } from './collector';

export interface UnitResult {
  findings: RawFinding[];
  /** Per finding: what "report once per run" is keyed on (see run-code.ts). */
  keys: string[];
  failures: RuleFailure[];
  /** The rule's project-wide key when the result was computed. */
  projectKey: string;
}

/** The results of every local rule on one route (or file), for the facts they were computed on. */
export interface Slot {
  /** The route's facts (or the file's tree) in the latest run that used the slot. */
  facts: unknown;
  /** Files whose nodes the facts hold: the roots of what the units may have read. */
  roots: FilePath[];
  byRule: Map<string, UnitResult>;
}

interface RunKey {
  settings: EngineSettings;
  rules: readonly Rule[];
  active: string;
  paths: string;
}

export class CodeRuleCache {
  private key?: RunKey;
  private trees = new Map<FilePath, ts.SourceFile>();
  /** unit id -> slot, from the previous run only (bounded by the project). */
  private slots = new Map<string, Slot>();
  private next = new Map<string, Slot>();
  private stale = new Set<FilePath>();
  /** A run that began and never ended (it threw) leaves nothing to trust. */
  private running = false;

  /** Starts a run: works out which files changed since the previous one and what they affect. */
  begin(project: CodeProject, settings: EngineSettings, rules: readonly Rule[], active: ReadonlySet<string>): void {
    const key: RunKey = { settings, rules, active: [...active].sort().join(','), paths: [...project.files.keys()].sort().join('\n') };
    const prev = this.key;
    const alike = prev && prev.settings === key.settings && sameItems(prev.rules, key.rules) && prev.active === key.active && prev.paths === key.paths;
    const changed: FilePath[] = [];
    for (const [path, f] of project.files) if (this.trees.get(path) !== f.sourceFile) changed.push(path);
    if (!alike || this.running) this.slots.clear();
    this.running = true;
    this.stale = alike && changed.length ? filesReaching(changed, project.files) : new Set();
    this.key = key;
    this.trees = new Map([...project.files].map(([p, f]) => [p, f.sourceFile] as const));
    this.next = new Map();
  }

  /**
   * The slot of unit `id` (a route or file): the previous run's when its facts are equal
   * (`sameData`) and none of its roots reaches a changed file, else a new one.
   */
  slot(id: string, facts: unknown, extraRoot: FilePath): Slot {
    const taken = this.next.get(id);
    const prev = taken ?? this.slots.get(id);
    let s: Slot;
    if (prev && sameData(prev.facts, facts) && !(this.stale.size && prev.roots.some((f) => this.stale.has(f)))) {
      s = prev;
      s.facts = facts; // compare with the latest facts next time (and let the old model go)
    } else {
      const roots = new Set<FilePath>([extraRoot]);
      filesOf(facts, roots);
      s = { facts, roots: [...roots], byRule: new Map() };
    }
    if (!taken || taken === s) this.next.set(id, s);
    return s;
  }

  /** Ends a run: only the slots this run used are kept. */
  end(): void {
    this.slots = this.next;
    this.next = new Map();
    this.stale = new Set();
    this.running = false;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A stable name for a syntax node while it lives (the same tree keeps the same nodes). */
export function nodeId(node: object): string {
  let id = ids.get(node);
  if (id === undefined) ids.set(node, (id = nextId++));
  return '#' + id;
}

function isNode(v: object): v is ts.Node {
  const n = v as { kind?: unknown; pos?: unknown; end?: unknown; flags?: unknown; parent?: unknown };
  return typeof n.kind === 'number' && typeof n.pos === 'number' && typeof n.end === 'number' && typeof n.flags === 'number';
}

/**
 * Deep equality of plain data holding syntax nodes: nodes by identity, Maps and Sets by entries
 * in order, RegExps by source. Allocates nothing (it runs on every route after every edit).
 * Functions are never equal (facts hold none; if one appeared it must not match by accident).
 */
export function sameData(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return typeof a !== 'function';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 40) return false;
  if (isNode(a) || isNode(b)) return false; // distinct nodes (identity was checked above)
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false;
    const ib = b.entries();
    for (const [k, v] of a) {
      const [kb, vb] = ib.next().value as [unknown, unknown];
      if (!sameData(k, kb, depth + 1) || !sameData(v, vb, depth + 1)) return false;
    }
    return true;
  }
  if (a instanceof Set || b instanceof Set) {
    return a instanceof Set && b instanceof Set && sameData([...a], [...b], depth + 1);
  }
  if (a instanceof RegExp || b instanceof RegExp) return a instanceof RegExp && b instanceof RegExp && String(a) === String(b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    if (!Object.prototype.hasOwnProperty.call(ra, k)) continue;
    n++;
    if (!Object.prototype.hasOwnProperty.call(rb, k) || !sameData(ra[k], rb[k], depth + 1)) return false;
  }
  for (const k in rb) if (Object.prototype.hasOwnProperty.call(rb, k)) n--;
  return n === 0;
}

/** Adds the files of every syntax node `value` holds to `files`. */
export function filesOf(value: unknown, files: Set<FilePath>, depth = 0): void {
  if (typeof value !== 'object' || value === null || depth > 40) return;
  if (isNode(value)) {
    files.add(value.getSourceFile().fileName);
    return;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      filesOf(k, files, depth + 1);
      filesOf(v, files, depth + 1);
    }
    return;
  }
  if (Array.isArray(value) || value instanceof Set) {
    for (const v of value) filesOf(v, files, depth + 1);
    return;
  }
  for (const v of Object.values(value)) filesOf(v, files, depth + 1);
}
