/**
 * Entry point of the NestJS model: finds modules, apps and controllers across the workspace
 * and produces one `Operation` (source 'nestjs') per route and app. The model behind the
 * operations is kept per project for the Nest rules (`nestModel(project)`).
 *
 * Per-file work (symbol tables, `NestFactory.create` calls) is cached by parsed tree, so a
 * one-file edit re-reads one file; modules and apps are read again on each build, and with a
 * FactMemo each controller's routes are kept while nothing they depend on changed
 * (incremental.ts).
 */
import ts from 'typescript';
import type { Operation } from '../../model/operation';
import type { EngineSettings } from '../../settings';
import type { FilePath } from '../../types';
import type { CodeFile, CodeProject } from '../project';
import { findCreateCalls, readApp } from './bootstrap';
import { fileTable } from './file-table';
import { readPipe } from './pipes';
import { NestReuse } from './incremental';
import type { FactMemo } from '../memo';
import { GuardClassifier } from './guards';
import type { ControllerInfo, GuardUse, ModuleInfo, NestApp, NestRoute } from './model';
import { isModuleClass, readModule } from './modules';
import { RouteBuilder, type RouteContext } from './routes';
import { decoratorsOf } from './syntax';
import { Workspace } from './workspace';

export interface NestModel {
  workspace: Workspace;
  classifier: GuardClassifier;
  apps: NestApp[];
  modules: ModuleInfo[];
  controllers: ControllerInfo[];
  routes: NestRoute[];
  /** Route of an operation (same object identity as in project.routes). */
  routeOf(op: Operation): NestRoute | undefined;
}

const createCalls = new WeakMap<ts.SourceFile, ts.CallExpression[]>();
const models = new WeakMap<ReadonlyMap<FilePath, CodeFile>, NestModel>();
/** What a memo's builds keep of the Nest model (incremental.ts). */
const reuses = new WeakMap<FactMemo, NestReuse>();

/** The reuse state of the build `memo` is running (after memo.begin), if any. */
export function nestReuse(memo: FactMemo | undefined): NestReuse | undefined {
  if (!memo) return undefined;
  let r = reuses.get(memo);
  if (!r) reuses.set(memo, (r = new NestReuse()));
  return r;
}

function creates(sf: ts.SourceFile): ts.CallExpression[] {
  let c = createCalls.get(sf);
  if (!c) {
    c = sf.text.includes('NestFactory') ? findCreateCalls(sf) : [];
    createCalls.set(sf, c);
  }
  return c;
}

/** A workspace uses Nest when some file imports a `@nestjs/` package. */
function usesNest(files: ReadonlyMap<FilePath, CodeFile>): boolean {
  for (const f of files.values()) {
    for (const imp of fileTable(f.sourceFile).imports.values()) if (imp.spec.startsWith('@nestjs/')) return true;
  }
  return false;
}

export function extractNestRoutes(files: ReadonlyMap<FilePath, CodeFile>, settings: EngineSettings): Operation[] {
  return buildNestModel(files, settings).routes.map((r) => r.operation);
}

/** The Nest model of a project (built by buildCodeProject; rebuilt on demand otherwise). */
export function nestModel(project: CodeProject): NestModel {
  return models.get(project.files) ?? buildNestModel(project.files, project.settings);
}

export function buildNestModel(files: ReadonlyMap<FilePath, CodeFile>, settings: EngineSettings, memo?: FactMemo): NestModel {
  const cached = models.get(files);
  if (cached) return cached;
  const ws = new Workspace(files);
  const reuse = nestReuse(memo);
  const classifier = new GuardClassifier(ws, settings);
  const builder = new RouteBuilder(ws, classifier);
  const model: NestModel = { workspace: ws, classifier, apps: [], modules: [], controllers: [], routes: [], routeOf: () => undefined };
  models.set(files, model);
  if (!usesNest(files)) {
    reuse?.forget();
    return model;
  }
  reuse?.begin(ws, memo!);

  const moduleByNode = new Map<ts.ClassDeclaration, ModuleInfo>();
  for (const f of files.values()) {
    for (const cls of fileTable(f.sourceFile).classes) {
      if (!decoratorsOf(cls).length) continue;
      const meta = isModuleClass(ws, f, cls);
      if (meta) {
        const m = readModule(ws, classifier, f, cls, meta);
        model.modules.push(m);
        moduleByNode.set(cls, m);
        continue;
      }
      const ctrl = reuse ? reuse.controllerInfo(f, cls, () => builder.controllerInfo(f, cls)) : builder.controllerInfo(f, cls);
      if (ctrl) model.controllers.push(ctrl);
    }
  }
  for (const f of files.values()) for (const call of creates(f.sourceFile)) model.apps.push(readApp(ws, classifier, f, call));
  for (const app of model.apps) if (app.rootModule) collectModules(app.rootModule, moduleByNode, app.modules);

  const routerPath = new Map<ts.ClassDeclaration, string>();
  for (const m of model.modules) for (const rp of m.routerPaths) routerPath.set(rp.module, rp.path);
  const modulesOf = (ctrl: ControllerInfo) => model.modules.filter((m) => m.controllers.includes(ctrl.node));

  for (const ctrl of model.controllers) {
    const owners = modulesOf(ctrl);
    const modulePath = owners.map((m) => routerPath.get(m.node)).find((p) => p !== undefined) ?? '';
    const apps = model.apps.filter((a) => owners.some((m) => a.modules.has(m.node)));
    const contexts: RouteContext[] = [];
    if (apps.length) for (const app of apps) contexts.push(appContext(app, model.modules, modulePath));
    else if (model.apps.length === 1) contexts.push(appContext(model.apps[0], model.modules, modulePath, true));
    else contexts.push(looseContext(model, modulePath));
    if (reuse) for (const list of reuse.routes(ctrl, contexts, (ctx) => builder.buildRoutes(ctrl, ctx))) model.routes.push(...list);
    else for (const ctx of contexts) model.routes.push(...builder.buildRoutes(ctrl, ctx));
  }
  if (reuse) {
    // What route facts read besides the route: the global pipes as pipesFor reads them (pipes.ts).
    const read = (p: { expr: ts.Expression; file: CodeFile }) => readPipe(ws, p.file, p.expr, 'global');
    reuse.endRoutes([model.apps.map((a) => a.globalPipes.map(read)), model.modules.map((m) => [m.node, m.appPipes.map(read)])]);
  }
  const byOp = new Map(model.routes.map((r) => [r.operation, r] as const));
  model.routeOf = (op) => byOp.get(op);
  return model;
}

function collectModules(root: ts.ClassDeclaration, byNode: Map<ts.ClassDeclaration, ModuleInfo>, out: Set<ts.ClassDeclaration>): void {
  const stack = [root];
  while (stack.length) {
    const m = stack.pop()!;
    if (out.has(m)) continue;
    out.add(m);
    const info = byNode.get(m);
    if (!info) continue;
    stack.push(...info.imports, ...info.routerPaths.map((r) => r.module));
  }
}

/**
 * The guards and middleware of one app. When the controller's module was not found in the
 * app's module graph but the workspace has a single app, that app is assumed, with every
 * module's APP_GUARD (a dynamic module we could not follow may be what imports it).
 */
function appContext(app: NestApp, modules: ModuleInfo[], modulePath: string, assumed = false): RouteContext {
  const inApp = assumed ? modules : modules.filter((m) => app.modules.has(m.node));
  const globalGuards: GuardUse[] = [...inApp.flatMap((m) => m.appGuards), ...app.globalGuards];
  return { app, globalGuards, moduleMiddleware: inApp.flatMap((m) => m.middleware), appMiddleware: app.middleware, modulePath };
}

/** No app (or several, none of which reaches the controller): APP_GUARD providers of any module apply. */
function looseContext(model: NestModel, modulePath: string): RouteContext {
  const everyApp = <T>(pick: (a: NestApp) => T[]): T[] => (model.apps.length && model.apps.every((a) => pick(a).length) ? pick(model.apps[0]) : []);
  return {
    globalGuards: [...model.modules.flatMap((m) => m.appGuards), ...everyApp((a) => a.globalGuards)],
    moduleMiddleware: model.modules.flatMap((m) => m.middleware),
    appMiddleware: everyApp((a) => a.middleware),
    modulePath,
  };
}
