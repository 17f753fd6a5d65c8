/**
 * ValidationPipe as Nest applies it: global (`app.useGlobalPipes`, `APP_PIPE`), on the
 * controller or the method (`@UsePipes`), or on the parameter (`@Body(new ValidationPipe())`).
 * Whitelisting strips properties a DTO does not declare, but only for class-typed bodies:
 * interfaces, `any` and plain objects pass through untouched.
 */
import ts from 'typescript';
import type { CodeFile } from '../project';
import type { NestModel } from './extract';
import type { HandlerParam, NestRoute } from './model';
import { calleeName, decoratorName, decoratorsOf, extendsExpression, isTrueLiteral, objectProp, unwrap } from './syntax';
import type { Workspace } from './workspace';

export interface PipeInfo {
  expr: ts.Expression;
  file: CodeFile;
  level: 'global' | 'controller' | 'method' | 'param';
  /** true/false when the options are readable; undefined for a pipe that is not a ValidationPipe. */
  whitelist?: boolean | 'unknown';
  forbidNonWhitelisted?: boolean;
  /** The options object literal, when written inline (fixes edit it). */
  options?: ts.ObjectLiteralExpression;
}

export function readPipe(ws: Workspace, file: CodeFile, expr: ts.Expression, level: PipeInfo['level']): PipeInfo {
  const e = unwrap(expr);
  const info: PipeInfo = { expr, file, level };
  const ctor = ts.isNewExpression(e) ? e.expression : e;
  const args = ts.isNewExpression(e) ? (e.arguments ?? []) : [];
  const name = calleeName(ctor);
  const r = ws.followAlias(ws.resolveExpression(file, ctor));
  if (name === 'ValidationPipe' && (r.kind === 'external' || r.kind === 'unresolved')) return withOptions(ws, info, file, args[0]);
  if (r.kind === 'decl' && ts.isClassDeclaration(r.node)) {
    // class AppValidationPipe extends ValidationPipe { constructor() { super({ whitelist: true }) } }
    const ext = extendsExpression(r.node);
    if (ext && calleeName(ext.expression) === 'ValidationPipe') {
      const ctorDecl = r.node.members.find(ts.isConstructorDeclaration);
      let superArgs: readonly ts.Expression[] = [];
      ctorDecl?.body?.forEachChild(function visit(n): void {
        if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword) superArgs = n.arguments;
        else n.forEachChild(visit);
      });
      return withOptions(ws, info, r.file, superArgs[0]);
    }
  }
  return info;
}

function withOptions(ws: Workspace, info: PipeInfo, file: CodeFile, arg: ts.Expression | undefined): PipeInfo {
  if (!arg) return { ...info, whitelist: false, forbidNonWhitelisted: false };
  let o = unwrap(arg);
  if (ts.isIdentifier(o)) {
    // `new ValidationPipe(VALIDATION_OPTIONS)` with a constant options object
    const r = ws.followAlias(ws.resolveExpression(file, o));
    if (r.kind === 'decl' && ts.isVariableDeclaration(r.node) && r.node.initializer) o = unwrap(r.node.initializer);
  }
  if (!ts.isObjectLiteralExpression(o) || o.properties.some((p) => ts.isSpreadAssignment(p))) return { ...info, whitelist: 'unknown' };
  const w = objectProp(o, 'whitelist');
  const fb = objectProp(o, 'forbidNonWhitelisted');
  const wv = w === undefined ? false : isTrueLiteral(w) ? true : unwrap(w).kind === ts.SyntaxKind.FalseKeyword ? false : 'unknown';
  return { ...info, whitelist: wv, forbidNonWhitelisted: !!fb && isTrueLiteral(fb), options: ts.isObjectLiteralExpression(unwrap(arg)) ? (unwrap(arg) as ts.ObjectLiteralExpression) : undefined };
}

/** Every pipe that runs for a body parameter of a route, in Nest's order. */
export function pipesFor(model: NestModel, route: NestRoute, param: HandlerParam): PipeInfo[] {
  const ws = model.workspace;
  const out: PipeInfo[] = [];
  const app = route.app;
  const apps = app ? [app] : model.apps;
  // Without a known app, global pipes count only when every app has one (and APP_PIPE from any module).
  if (app) for (const p of app.globalPipes) out.push(readPipe(ws, p.file, p.expr, 'global'));
  else if (apps.length && apps.every((a) => a.globalPipes.length)) for (const p of apps[0].globalPipes) out.push(readPipe(ws, p.file, p.expr, 'global'));
  for (const m of model.modules) {
    if (app && !app.modules.has(m.node) && app.rootModule) continue;
    for (const p of m.appPipes) out.push(readPipe(ws, p.file, p.expr, 'global'));
  }
  for (const p of route.pipes) out.push(readPipe(ws, p.file, p.expr, p.file === route.controller.file && isOnClass(route, p.expr) ? 'controller' : 'method'));
  for (const p of param.pipes) out.push(readPipe(ws, route.file, p, 'param'));
  return out;
}

function isOnClass(route: NestRoute, expr: ts.Expression): boolean {
  return decoratorsOf(route.controller.node).some((d) => decoratorName(d) === 'UsePipes' && d.getStart() <= expr.getStart() && d.getEnd() >= expr.getEnd());
}

export type BodyType =
  | { kind: 'dto'; name: string; cls: ts.ClassDeclaration; file: CodeFile }
  | { kind: 'entity'; name: string; cls: ts.ClassDeclaration; file: CodeFile; marker: string }
  | { kind: 'untyped'; text: string }
  | { kind: 'interface'; name: string }
  | { kind: 'other'; text: string };

const ENTITY_DECORATORS = /^(Entity|Schema|Table|Model|ViewEntity|ObjectType)$/;

/** What the declared type of a `@Body()` parameter lets ValidationPipe do. */
export function bodyType(ws: Workspace, file: CodeFile, param: HandlerParam): BodyType {
  const t = param.node.type;
  if (!t) return { kind: 'untyped', text: 'nothing (no type annotation)' };
  if (t.kind === ts.SyntaxKind.AnyKeyword || t.kind === ts.SyntaxKind.UnknownKeyword || t.kind === ts.SyntaxKind.ObjectKeyword || ts.isTypeLiteralNode(t)) return { kind: 'untyped', text: t.getText(file.sourceFile) };
  if (ts.isArrayTypeNode(t)) return { kind: 'other', text: t.getText(file.sourceFile) };
  if (!ts.isTypeReferenceNode(t)) return { kind: 'other', text: t.getText(file.sourceFile) };
  const name = t.typeName.getText(file.sourceFile);
  if (/^(Record|Partial|Object|Map)$/.test(name)) return { kind: 'untyped', text: t.getText(file.sourceFile) };
  const r = ws.followAlias(ws.resolveExpression(file, ts.isIdentifier(t.typeName) ? t.typeName : t.typeName.right));
  if (r.kind === 'decl' && ts.isClassDeclaration(r.node)) {
    const marker = decoratorsOf(r.node).map((d) => decoratorName(d)).find((n) => n && ENTITY_DECORATORS.test(n));
    if (marker) return { kind: 'entity', name, cls: r.node, file: r.file, marker };
    return { kind: 'dto', name, cls: r.node, file: r.file };
  }
  const local = resolveTypeDecl(ws, file, name);
  if (local) return { kind: 'interface', name };
  return { kind: 'other', text: name };
}

/** Interfaces and type aliases: declared in the file or imported (the file table does not hold types). */
function resolveTypeDecl(ws: Workspace, file: CodeFile, name: string): boolean {
  const inFile = (f: CodeFile, n: string) => f.sourceFile.statements.some((s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === n);
  if (inFile(file, name)) return true;
  for (const s of file.sourceFile.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    const nb = s.importClause?.namedBindings;
    if (!nb || !ts.isNamedImports(nb)) continue;
    const el = nb.elements.find((x) => x.name.text === name);
    if (!el) continue;
    const target = ws.resolveModule(file.path, s.moduleSpecifier.text);
    if (target !== 'external') return inFile(target, el.propertyName?.getText() ?? name);
  }
  return false;
}
