/**
 * Code rule results kept between runs, so an edit re-runs the expensive code rules (taint
 * tracking, ownership and mass-assignment checks) only on the routes and files it can affect.
 *
 * A *unit* is one rule on one route (or on one source file). Its result is reused when
 *   - its signature is the same: the route's facts (operation, chain, handler, inputs, …)
 *     written out with every syntax node as its identity (trees are cached by text, so an
 *     unchanged file keeps its nodes and an edited file gets new ones), and
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

/** The results of every local rule on one route (or file), under one signature. */
export interface Slot {
  signature: string;
  /** Files whose nodes the signature names: the roots of what the units may have read. */
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
   * The slot of unit `id` (a route or file, named briefly so lookups hash a short key): the
   * previous run's when its signature is the same and none of its roots reaches a changed file,
   * else a new one.
   */
  slot(id: string, signature: string, roots: FilePath[]): Slot {
    let s = this.next.get(id);
    if (s && s.signature === signature) return s;
    const prev = s ? undefined : this.slots.get(id);
    s = prev && prev.signature === signature && !(this.stale.size && prev.roots.some((f) => this.stale.has(f))) ? prev : { signature, roots, byRule: new Map() };
    this.next.set(id, s);
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
 * Writes a route's facts (or any plain data holding syntax nodes) as a string: equal strings
 * mean equal data over the same nodes. The files of those nodes are added to `files`.
 * JSON.stringify does the walk (natively, several times faster than a walk in JavaScript).
 */
export function signatureOf(value: unknown, files: Set<FilePath>): string {
  const replacer = (_key: string, v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) {
      // facts hold no functions; if one ever appears, it must not compare equal by accident
      return typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' ? `?${typeof v}${nextId++}` : v;
    }
    if (isNode(v)) {
      files.add(v.getSourceFile().fileName);
      return nodeId(v);
    }
    if (v instanceof Map) return { '<map>': [...v] };
    if (v instanceof Set) return { '<set>': [...v] };
    if (v instanceof RegExp) return { '<regexp>': String(v) };
    return v;
  };
  // undefined-valued properties are left out by JSON: `{}` and `{ a: undefined }` read alike to rules too
  try {
    return JSON.stringify(value, replacer) ?? 'undefined';
  } catch {
    // a cycle: a signature that matches nothing, so the unit always runs
    return `?cycle${nextId++}`;
  }
}
