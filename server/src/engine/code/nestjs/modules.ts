/**
 * Nest modules: `@Module({ imports, controllers, providers })`, `APP_GUARD`/`APP_PIPE`
 * providers (also from a dynamic module's `forRoot()` return value), `RouterModule.register`
 * trees and `configure(consumer)` middleware with `forRoutes`/`exclude`.
 */
import ts from 'typescript';
import type { HttpMethod } from '../../model/operation';
import type { CodeFile } from '../project';
import { expandDecorator } from './decorators';
import type { GuardClassifier } from './guards';
import type { ModuleInfo, ModuleMiddleware, RouteMatcher } from './model';
import { calleeName, decoratorName, decoratorsOf, forEachDescendant, literalString, methodOf, objectProp, returnedExpressions, unwrap } from './syntax';
import type { Workspace } from './workspace';

export function isModuleClass(ws: Workspace, file: CodeFile, cls: ts.ClassDeclaration): ts.ObjectLiteralExpression | undefined {
  for (const d of decoratorsOf(cls)) {
    if (decoratorName(d) !== 'Module') continue;
    const e = unwrap(d.expression);
    if (!ts.isCallExpression(e)) continue;
    const r = ws.resolveExpression(file, e.expression);
    if (r.kind === 'decl') continue;
    const arg = e.arguments[0] ? unwrap(e.arguments[0]) : undefined;
    return arg && ts.isObjectLiteralExpression(arg) ? arg : ts.factory.createObjectLiteralExpression();
  }
  return undefined;
}

/** Class references in a module's array property: identifiers, `X.forRoot()`, `forwardRef(() => X)`, spreads of constants. */
export function classRefs(ws: Workspace, file: CodeFile, expr: ts.Expression | undefined, depth = 0): { cls?: { file: CodeFile; node: ts.ClassDeclaration }; expr: ts.Expression; file: CodeFile }[] {
  if (!expr || depth > 4) return [];
  const e = unwrap(expr);
  if (ts.isArrayLiteralExpression(e)) {
    return e.elements.flatMap((el) => (ts.isSpreadElement(el) ? classRefs(ws, file, el.expression, depth + 1) : classRefs(ws, file, el, depth + 1)));
  }
  if (ts.isCallExpression(e)) {
    const name = calleeName(e.expression);
    if (name === 'forwardRef') {
      const fn = e.arguments[0] && unwrap(e.arguments[0]);
      if (fn && ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return classRefs(ws, file, fn.body, depth + 1);
      return [];
    }
    if (ts.isPropertyAccessExpression(e.expression)) {
      // X.forRoot(...), X.register(...): the module is X
      return classRefs(ws, file, e.expression.expression, depth + 1).map((r) => ({ ...r, expr: e }));
    }
    return [{ expr: e, file }];
  }
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    const r = ws.followAlias(ws.resolveExpression(file, e));
    if (r.kind === 'decl' && ts.isClassDeclaration(r.node)) return [{ cls: { file: r.file, node: r.node }, expr: e, file }];
    if (r.kind === 'decl' && ts.isVariableDeclaration(r.node) && r.node.initializer) return classRefs(ws, r.file, r.node.initializer, depth + 1);
    return [{ expr: e, file }];
  }
  if (ts.isObjectLiteralExpression(e)) {
    // A dynamic module literal `{ module: X, providers: [...] }`
    return classRefs(ws, file, objectProp(e, 'module'), depth + 1);
  }
  return [{ expr: e, file }];
}

export function readModule(ws: Workspace, classifier: GuardClassifier, file: CodeFile, cls: ts.ClassDeclaration, meta: ts.ObjectLiteralExpression): ModuleInfo {
  const name = cls.name?.text ?? 'anonymous module';
  const info: ModuleInfo = {
    file, node: cls, name, controllers: [], imports: [], appGuards: [], appPipes: [], middleware: [], importsThrottler: false, routerPaths: [],
  };
  for (const c of classRefs(ws, file, objectProp(meta, 'controllers'))) if (c.cls) info.controllers.push(c.cls.node);
  const importsExpr = objectProp(meta, 'imports');
  for (const ref of classRefs(ws, file, importsExpr)) {
    if (ref.cls) {
      info.imports.push(ref.cls.node);
      // forRoot()/register() on a workspace module can add providers (APP_GUARD) in the returned object.
      const call = unwrap(ref.expr);
      if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression)) {
        const stat = methodOf(ref.cls.node, call.expression.name.text);
        if (stat) {
          for (const ret of returnedExpressions(stat)) {
            const o = unwrap(ret);
            if (ts.isObjectLiteralExpression(o)) readProviders(ws, classifier, ref.cls.file, objectProp(o, 'providers'), `${ref.cls.node.name?.text ?? 'module'}.${call.expression.name.text}()`, info);
          }
        }
      }
    }
    const call = unwrap(ref.expr);
    const text = call.getText(ref.file.sourceFile);
    if (/^ThrottlerModule\b/.test(text)) info.importsThrottler = true;
    if (ts.isCallExpression(call) && /^RouterModule\.register$/.test(call.expression.getText(ref.file.sourceFile))) {
      readRouterTree(ws, ref.file, call.arguments[0], '', info.routerPaths, 0);
    }
  }
  readProviders(ws, classifier, file, objectProp(meta, 'providers'), name, info);
  const configure = methodOf(cls, 'configure');
  if (configure) info.middleware = readConfigure(ws, classifier, file, configure, name);
  return info;
}

function providerItems(ws: Workspace, file: CodeFile, expr: ts.Expression | undefined, depth = 0): { obj: ts.ObjectLiteralExpression; file: CodeFile }[] {
  if (!expr || depth > 4) return [];
  const e = unwrap(expr);
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((el) => providerItems(ws, file, ts.isSpreadElement(el) ? el.expression : el, depth + 1));
  if (ts.isObjectLiteralExpression(e)) return [{ obj: e, file }];
  if (ts.isIdentifier(e)) {
    const r = ws.followAlias(ws.resolveExpression(file, e));
    if (r.kind === 'decl' && ts.isVariableDeclaration(r.node) && r.node.initializer) return providerItems(ws, r.file, r.node.initializer, depth + 1);
  }
  return [];
}

function readProviders(ws: Workspace, classifier: GuardClassifier, file: CodeFile, expr: ts.Expression | undefined, where: string, info: ModuleInfo): void {
  for (const { obj, file: f } of providerItems(ws, file, expr)) {
    const provide = objectProp(obj, 'provide');
    const token = provide && calleeName(provide);
    if (token !== 'APP_GUARD' && token !== 'APP_PIPE') continue;
    const target = objectProp(obj, 'useClass') ?? objectProp(obj, 'useExisting') ?? objectProp(obj, 'useValue') ?? factoryResult(objectProp(obj, 'useFactory'));
    if (token === 'APP_PIPE') {
      if (target) info.appPipes.push({ expr: target, file: f });
      continue;
    }
    const at = { file: f.path, range: { start: obj.getStart(f.sourceFile), end: obj.getEnd() } };
    if (!target) {
      info.appGuards.push({
        guard: { name: 'APP_GUARD factory', kind: 'unknown', requiresUser: false, checksRoles: false, optOut: [], activeWhen: [], reason: `the APP_GUARD provider in ${where} is built by a factory we cannot read` },
        level: 'global', where: `APP_GUARD in ${where}`, conditional: false, at,
      });
      continue;
    }
    const guard = classifier.classify(f, target);
    info.appGuards.push({ guard, level: 'global', where: `APP_GUARD in ${where} (${ws.relative(f.path)})`, conditional: false, at });
  }
}

function factoryResult(fn: ts.Expression | undefined): ts.Expression | undefined {
  if (!fn) return undefined;
  const f = unwrap(fn);
  if (!ts.isArrowFunction(f) && !ts.isFunctionExpression(f)) return undefined;
  const rets = returnedExpressions(f).map(unwrap);
  return rets.length === 1 && ts.isNewExpression(rets[0]) ? rets[0] : undefined;
}

function readRouterTree(ws: Workspace, file: CodeFile, expr: ts.Expression | undefined, base: string, out: ModuleInfo['routerPaths'], depth: number): void {
  if (!expr || depth > 8) return;
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    const r = ws.followAlias(ws.resolveExpression(file, e));
    if (r.kind === 'decl' && ts.isVariableDeclaration(r.node) && r.node.initializer) readRouterTree(ws, r.file, r.node.initializer, base, out, depth + 1);
    else if (r.kind === 'decl' && ts.isClassDeclaration(r.node)) out.push({ module: r.node, path: base });
    return;
  }
  if (!ts.isArrayLiteralExpression(e)) return;
  for (const el of e.elements) {
    const item = unwrap(el as ts.Expression);
    if (ts.isObjectLiteralExpression(item)) {
      const path = literalString(objectProp(item, 'path')) ?? '';
      const full = [base, path].filter(Boolean).join('/');
      const mod = objectProp(item, 'module');
      if (mod) for (const c of classRefs(ws, file, mod)) if (c.cls) out.push({ module: c.cls.node, path: full });
      readRouterTree(ws, file, objectProp(item, 'children'), full, out, depth + 1);
    } else {
      for (const c of classRefs(ws, file, item)) if (c.cls) out.push({ module: c.cls.node, path: base });
    }
  }
}

const METHOD_NAMES: Record<string, HttpMethod> = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete', PATCH: 'patch', OPTIONS: 'options', HEAD: 'head', ALL: 'all' };

function routeMatchers(ws: Workspace, file: CodeFile, args: readonly ts.Expression[]): { matchers: RouteMatcher[]; partial: boolean } {
  const matchers: RouteMatcher[] = [];
  let partial = false;
  const add = (a: ts.Expression, depth: number) => {
    const e = unwrap(a);
    const s = literalString(e);
    if (s !== undefined) return void matchers.push({ path: s });
    if (ts.isObjectLiteralExpression(e)) {
      const path = literalString(objectProp(e, 'path'));
      const m = objectProp(e, 'method');
      const method = m ? METHOD_NAMES[calleeName(m) ?? ''] : undefined;
      if (path === undefined) partial = true;
      else matchers.push({ path, method: method === 'all' ? undefined : method });
      return;
    }
    if (ts.isArrayLiteralExpression(e) && depth < 3) return void e.elements.forEach((x) => add(x as ts.Expression, depth + 1));
    if (ts.isSpreadElement(a) && depth < 3) return add(a.expression, depth + 1);
    const r = ws.followAlias(ws.resolveExpression(file, e));
    if (r.kind === 'decl' && ts.isClassDeclaration(r.node)) return void matchers.push({ controller: r.node });
    if (r.kind === 'decl' && ts.isVariableDeclaration(r.node) && r.node.initializer && depth < 3) return add(r.node.initializer, depth + 1);
    partial = true;
  };
  for (const a of args) add(a, 0);
  return { matchers, partial };
}

function readConfigure(ws: Workspace, classifier: GuardClassifier, file: CodeFile, m: ts.MethodDeclaration, moduleName: string): ModuleMiddleware[] {
  const out: ModuleMiddleware[] = [];
  const visit = (n: ts.Node): 'skip' | undefined => {
    if (ts.isCallExpression(n) && calleeName(n.expression) === 'forRoutes' && ts.isPropertyAccessExpression(n.expression)) {
      const chain: ts.CallExpression[] = [];
      let cur: ts.Expression = n.expression.expression;
      while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression)) {
        chain.push(cur);
        if (cur.expression.name.text === 'apply') break;
        cur = cur.expression.expression;
      }
      const apply = chain.find((c) => calleeName(c.expression) === 'apply');
      const excludes = chain.filter((c) => calleeName(c.expression) === 'exclude');
      const fr = routeMatchers(ws, file, n.arguments);
      const ex = excludes.map((c) => routeMatchers(ws, file, c.arguments));
      for (const a of apply?.arguments ?? []) {
        const use = classifier.classifyMiddleware(file, ts.isSpreadElement(a) ? a.expression : a, `middleware of ${moduleName}`);
        out.push({ use, forRoutes: fr.matchers, exclude: ex.flatMap((x) => x.matchers), module: moduleName, partial: fr.partial || ex.some((x) => x.partial) });
      }
      return 'skip';
    }
    return undefined;
  };
  if (m.body) forEachDescendant(m.body, visit);
  return out;
}

/** Decorators a class carries, expanded (used for module detection of controller classes). */
export function classDecoratorEffects(ws: Workspace, file: CodeFile, cls: ts.ClassLikeDeclaration) {
  return decoratorsOf(cls).map((d) => ({ decorator: d, effects: expandDecorator(ws, file, d) }));
}
