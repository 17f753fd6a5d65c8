/**
 * Nest applications: each `NestFactory.create(RootModule)` with the calls made on the app it
 * returns (`setGlobalPrefix`, `enableVersioning`, `useGlobalGuards`, `useGlobalPipes`,
 * `enableCors`, `app.use`, `SwaggerModule.setup`), including calls made in helper functions the
 * app is passed to (`setupSwagger(app)`), one level deep.
 */
import ts from 'typescript';
import type { HttpMethod } from '../../model/operation';
import type { CodeFile } from '../project';
import type { GuardClassifier } from './guards';
import type { NestApp, VersioningConfig } from './model';
import { calleeName, forEachDescendant, literalString, objectProp, unwrap } from './syntax';
import type { Workspace } from './workspace';

const METHODS: Record<string, HttpMethod> = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete', PATCH: 'patch', OPTIONS: 'options', HEAD: 'head', ALL: 'all' };

/** `NestFactory.create(...)` calls in a file. */
export function findCreateCalls(sf: ts.SourceFile): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  forEachDescendant(sf, (n) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'create' && /NestFactory$/.test(n.expression.expression.getText(sf))) out.push(n);
  });
  return out;
}

/** The variable the created app is stored in, and the function that holds it. */
function appBinding(call: ts.CallExpression): { name: string; scope: ts.Node } | undefined {
  let n: ts.Node = call;
  while (n.parent && (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent))) n = n.parent;
  const decl = n.parent;
  if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) {
    let scope: ts.Node = decl;
    while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
    return { name: decl.name.text, scope };
  }
  return undefined;
}

export function readApp(ws: Workspace, classifier: GuardClassifier, file: CodeFile, create: ts.CallExpression): NestApp {
  const app: NestApp = { file, create, globalGuards: [], globalPipes: [], cors: [], swagger: [], middleware: [], modules: new Set() };
  const root = create.arguments[0];
  if (root) {
    const r = ws.followAlias(ws.resolveExpression(file, root));
    if (r.kind === 'decl' && ts.isClassDeclaration(r.node)) app.rootModule = r.node;
  }
  const opts = create.arguments[create.arguments.length - 1];
  if (create.arguments.length > 1 && opts && ts.isObjectLiteralExpression(unwrap(opts))) {
    const cors = objectProp(unwrap(opts) as ts.ObjectLiteralExpression, 'cors');
    if (cors) app.cors.push({ expr: cors, call: create, file });
  }
  const binding = appBinding(create);
  if (binding) scanAppCalls(ws, classifier, file, binding.scope, binding.name, app, 0);
  return app;
}

function scanAppCalls(ws: Workspace, classifier: GuardClassifier, file: CodeFile, scope: ts.Node, appName: string, app: NestApp, depth: number, via?: ts.CallExpression): void {
  forEachDescendant(scope, (n) => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(unwrap(callee.expression)) && (unwrap(callee.expression) as ts.Identifier).text === appName) {
        appCall(ws, classifier, file, callee.name.text, n, app);
      } else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'setup' && /SwaggerModule$/.test(callee.expression.getText(file.sourceFile))) {
        app.swagger.push({ call: n, file, appName, scope, ...(via ? { via } : {}) });
      } else if (depth < 1 && n.arguments.some((a) => ts.isIdentifier(a) && a.text === appName)) {
        // setupApp(app): follow into the helper with its parameter as the app.
        const idx = n.arguments.findIndex((a) => ts.isIdentifier(a) && a.text === appName);
        const r = ws.followAlias(ws.resolveExpression(file, callee));
        if (r.kind === 'decl') {
          const fn = ts.isFunctionDeclaration(r.node) ? r.node : ts.isVariableDeclaration(r.node) && r.node.initializer ? unwrap(r.node.initializer) : undefined;
          if (fn && (ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.body) {
            const p = fn.parameters[idx];
            if (p && ts.isIdentifier(p.name)) scanAppCalls(ws, classifier, r.file, fn.body, p.name.text, app, depth + 1, n);
          }
        }
      }
    }
  });
}

function appCall(ws: Workspace, classifier: GuardClassifier, file: CodeFile, method: string, call: ts.CallExpression, app: NestApp): void {
  const at = { file: file.path, range: { start: call.getStart(file.sourceFile), end: call.getEnd() } };
  switch (method) {
    case 'setGlobalPrefix': {
      const prefix = literalString(call.arguments[0]);
      if (prefix === undefined) return;
      const exclude: { path: string; method?: HttpMethod }[] = [];
      const opts = call.arguments[1] && unwrap(call.arguments[1]);
      const ex = opts && ts.isObjectLiteralExpression(opts) ? objectProp(opts, 'exclude') : undefined;
      const list = ex && unwrap(ex);
      if (list && ts.isArrayLiteralExpression(list)) {
        for (const el of list.elements) {
          const x = unwrap(el as ts.Expression);
          const s = literalString(x);
          if (s !== undefined) exclude.push({ path: s });
          else if (ts.isObjectLiteralExpression(x)) {
            const p = literalString(objectProp(x, 'path'));
            const m = objectProp(x, 'method');
            const hm = m ? METHODS[calleeName(m) ?? ''] : undefined;
            if (p !== undefined) exclude.push({ path: p, method: hm === 'all' ? undefined : hm });
          }
        }
      }
      app.globalPrefix = { prefix, exclude };
      return;
    }
    case 'enableVersioning': {
      const opts = call.arguments[0] && unwrap(call.arguments[0]);
      const v: VersioningConfig = { type: 'uri', prefix: 'v' };
      if (opts && ts.isObjectLiteralExpression(opts)) {
        const type = objectProp(opts, 'type');
        const t = type ? calleeName(type) : 'URI';
        v.type = t === 'HEADER' ? 'header' : t === 'MEDIA_TYPE' ? 'media-type' : t === 'CUSTOM' ? 'custom' : 'uri';
        const prefix = objectProp(opts, 'prefix');
        if (prefix) {
          const s = literalString(prefix);
          v.prefix = s ?? (unwrap(prefix).kind === ts.SyntaxKind.FalseKeyword ? '' : 'v');
        }
        const dv = objectProp(opts, 'defaultVersion');
        if (dv) v.defaultVersion = versionList(dv);
      }
      app.versioning = v;
      return;
    }
    case 'useGlobalGuards':
      for (const a of call.arguments) {
        const guard = classifier.classify(file, ts.isSpreadElement(a) ? a.expression : a);
        app.globalGuards.push({ guard, level: 'global', where: `app.useGlobalGuards in ${ws.relative(file.path)}`, conditional: false, at });
      }
      return;
    case 'useGlobalPipes':
      for (const a of call.arguments) app.globalPipes.push({ expr: a, file });
      return;
    case 'enableCors':
      app.cors.push({ expr: call.arguments[0], call, file });
      return;
    case 'use':
      for (const a of call.arguments) {
        if (literalString(a) !== undefined) continue;
        app.middleware.push(classifier.classifyMiddleware(file, a, 'app.use in ' + ws.relative(file.path)));
      }
      return;
    default:
  }
}

/** `'1'`, `['1', '2']`, `VERSION_NEUTRAL`. */
export function versionList(e: ts.Expression): string[] | 'neutral' | undefined {
  const x = unwrap(e);
  const s = literalString(x);
  if (s !== undefined) return [s];
  if (ts.isNumericLiteral(x)) return [x.text];
  if (calleeName(x) === 'VERSION_NEUTRAL') return 'neutral';
  if (ts.isArrayLiteralExpression(x)) {
    const out: string[] = [];
    for (const el of x.elements) {
      const v = versionList(el as ts.Expression);
      if (v === undefined) return undefined;
      if (v === 'neutral') out.push('');
      else out.push(...v);
    }
    return out;
  }
  return undefined;
}
