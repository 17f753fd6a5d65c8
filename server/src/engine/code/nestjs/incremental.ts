/**
 * What the Nest model keeps from one build to the next: each controller's routes (and their
 * route facts), reused while nothing they were built from changed.
 *
 * A controller's routes are built from the controller's file and what it reaches through the
 * workspace's resolution (base controllers, decorators, guards, pipes: `Workspace` reads other
 * files only through imports, re-exports, path aliases, or, for a package it cannot map, any
 * file under a folder named like it), and from its `RouteContext` (app, global guards, module
 * middleware, RouterModule path), which is rebuilt on every build and compared as data (syntax
 * nodes by identity). So a controller's routes are reused when its file does not reach a changed
 * file through that resolution and its contexts equal the previous build's. Their route facts
 * also read the global pipes (`useGlobalPipes`, APP_PIPE): those are read again on each build
 * (a few pipes) and compared the same way.
 */
import type ts from 'typescript';
import type { FilePath } from '../../types';
import { sameData } from '../../run/code-cache';
import { importersClosure } from '../imports';
import type { FactMemo } from '../memo';
import type { CodeFile } from '../project';
import type { RouteFacts } from '../route-facts';
import { fileTable } from './file-table';
import type { ControllerInfo, NestRoute } from './model';
import type { RouteContext } from './routes';
import { WELL_KNOWN_EXTERNAL, type Workspace } from './workspace';

interface ControllerEntry {
  info: ControllerInfo;
  contexts: RouteContext[];
  routes: NestRoute[][];
}

/** The global pipes every route's facts may read, as data. */
type PipesKey = unknown;

export class NestReuse {
  private controllers = new WeakMap<ts.ClassDeclaration, ControllerEntry>();
  private nextControllers = new WeakMap<ts.ClassDeclaration, ControllerEntry>();
  private facts = new WeakMap<NestRoute, RouteFacts>();
  private pipes: PipesKey;
  private stale = new Set<FilePath>();
  /** Whether every route's facts must be recomputed this build. */
  private factsInvalid = true;
  reusedControllers = 0;
  /** A build that began and never ended (it threw) leaves nothing to trust. */
  private running = false;

  /** Starts a build: which files reach a changed one (or everything, when the memo was reset). */
  begin(ws: Workspace, memo: FactMemo): void {
    const reset = memo.reset || this.running;
    this.running = true;
    if (reset) {
      this.controllers = new WeakMap();
      this.facts = new WeakMap();
      this.pipes = undefined;
    }
    this.nextControllers = new WeakMap();
    this.stale = reset ? new Set(ws.files.keys()) : reaching(ws, memo.changed);
    this.reusedControllers = 0;
  }

  /** A build without a Nest model: what changed in it is not seen here, so nothing is kept. */
  forget(): void {
    this.running = true;
  }

  private isStale(path: FilePath): boolean {
    return this.stale.has(path);
  }

  /** The controller info of `cls`, the previous build's object while its file is unaffected. */
  controllerInfo(file: CodeFile, cls: ts.ClassDeclaration, read: () => ControllerInfo | undefined): ControllerInfo | undefined {
    const prev = this.controllers.get(cls);
    if (prev && !this.isStale(file.path)) return prev.info;
    return read();
  }

  /** The routes of `info` in `contexts`: the previous build's while nothing they read changed. */
  routes(info: ControllerInfo, contexts: RouteContext[], build: (ctx: RouteContext) => NestRoute[]): NestRoute[][] {
    const prev = this.controllers.get(info.node);
    let routes: NestRoute[][];
    if (prev && prev.info === info && !this.isStale(info.file.path) && prev.contexts.length === contexts.length && prev.contexts.every((c, i) => sameContext(c, contexts[i]))) {
      routes = prev.routes;
      // Routes point at their app: the new build's (rules compare apps by identity).
      routes.forEach((list, i) => list.forEach((r) => (r.app = contexts[i].app)));
      this.reusedControllers++;
    } else {
      routes = contexts.map(build);
    }
    this.nextControllers.set(info.node, { info, contexts, routes });
    return routes;
  }

  /**
   * Ends the routes part of a build; `pipes` is what the route facts read besides the route and
   * the files it reaches: the global pipes as read in this build (what they resolve to included).
   */
  endRoutes(pipes: PipesKey): void {
    this.controllers = this.nextControllers;
    this.nextControllers = new WeakMap();
    this.factsInvalid = this.pipes === undefined || !sameData(this.pipes, pipes);
    this.pipes = pipes;
    this.running = false;
  }

  /** The route facts of a route: kept with the route object while the global pipes are unchanged. */
  routeFacts(route: NestRoute, compute: () => RouteFacts): RouteFacts {
    let f = this.factsInvalid ? undefined : this.facts.get(route);
    if (!f) {
      f = compute();
      this.facts.set(route, f);
    }
    return f;
  }
}

/** Contexts are rebuilt per controller, so the few distinct ones are compared once per pair. */
const compared = new WeakMap<RouteContext, WeakMap<RouteContext, boolean>>();

function sameContext(a: RouteContext, b: RouteContext): boolean {
  if (a === b) return true;
  let m = compared.get(a);
  if (!m) compared.set(a, (m = new WeakMap()));
  let r = m.get(b);
  if (r === undefined) m.set(b, (r = sameData(a, b)));
  return r;
}

/**
 * Every file that reaches one of `changed` through the workspace's resolution (the changed
 * files included), alias imports to each of their candidates. A file importing a package the
 * workspace cannot map may read any file (the by-name fallback), so it reaches every change.
 */
function reaching(ws: Workspace, changed: readonly FilePath[]): Set<FilePath> {
  if (!changed.length) return new Set();
  const importers = new Map<FilePath, FilePath[]>();
  // the changed files, and the files that may read any file (see below)
  const stack: FilePath[] = [...changed];
  for (const [path, f] of ws.files) {
    const t = fileTable(f.sourceFile);
    const specs = new Set<string>(t.starExports);
    for (const imp of t.imports.values()) specs.add(imp.spec);
    for (const ex of t.exports.values()) if (ex.kind === 'reexport') specs.add(ex.spec);
    const edge = (target: FilePath): void => {
      const list = importers.get(target);
      if (list) list.push(path);
      else importers.set(target, [path]);
    };
    for (const spec of specs) {
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = ws.resolveModule(path, spec);
        if (target !== 'external') edge(target.path);
        continue;
      }
      if (WELL_KNOWN_EXTERNAL.test(spec)) continue;
      // An alias: an edge to each file it may denote (cheaper than picking the closest, and
      // safe); one with none may read any file (the by-name fallback).
      const candidates = ws.aliasCandidates(spec);
      if (!candidates.length) stack.push(path);
      for (const [, f] of candidates) edge(f.path);
    }
  }
  return importersClosure(stack, importers);
}
