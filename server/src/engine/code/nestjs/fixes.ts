/**
 * Quick-fix edits on Nest code: add a decorator (`@UseGuards(JwtAuthGuard)`, `@Roles('admin')`,
 * `@Throttle(...)`) above a handler or a controller, importing what it names the way the
 * project already imports it. The guard suggested is the one the project uses most for
 * authentication on its own routes (or the composed decorator that carries it, `@Auth()`).
 */
import ts from 'typescript';
import type { Operation } from '../../model/operation';
import type { Fix, TextEdit } from '../../types';
import type { CodeFile } from '../project';
import { fileTable } from './file-table';
import type { NestModel } from './extract';
import type { NestRoute } from './model';
import { decoratorsOf, unwrap } from './syntax';

export interface ImportNeed {
  name: string;
  /** A package (`@nestjs/common`) or a workspace file that declares the name. */
  from: { spec: string } | { file: string };
}

export interface DecoratorCandidate {
  /** Without the `@`: `UseGuards(JwtAuthGuard)`, `Auth()`. */
  text: string;
  imports: ImportNeed[];
  count: number;
}

/** Authentication the project attaches on its routes (not globally), most used first. */
export function authCandidates(model: NestModel): DecoratorCandidate[] {
  const byText = new Map<string, DecoratorCandidate>();
  for (const r of model.routes) {
    for (const u of r.guards) {
      if (u.level === 'global' || u.conditional || !u.guard.requiresUser || u.guard.bypass || u.guard.activeWhen.length) continue;
      const c = candidateFor(model, r, u.at.file, u.at.range.start, u.at.range.end);
      if (!c) continue;
      const prev = byText.get(c.text);
      if (prev) prev.count++;
      else byText.set(c.text, c);
    }
  }
  return [...byText.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}

/**
 * The decorator that attached a guard: `@UseGuards(X)` written on a class or method gives
 * `UseGuards(X)`; a guard inside a composed decorator gives that decorator (`Auth()`).
 */
function candidateFor(model: NestModel, route: NestRoute, file: string, start: number, end: number): DecoratorCandidate | undefined {
  const holders = [route.method, route.controller.node];
  for (const h of holders) {
    const hf = h === route.method ? route.file : route.controller.file;
    for (const d of decoratorsOf(h)) {
      const e = unwrap(d.expression);
      const call = ts.isCallExpression(e) ? e : undefined;
      const inside = hf.path === file && d.getStart(hf.sourceFile) <= start && d.getEnd() >= end;
      if (inside && call && ts.isIdentifier(call.expression) && call.expression.text === 'UseGuards') {
        const arg = call.arguments.find((a) => a.getStart(hf.sourceFile) <= start && a.getEnd() >= end);
        if (!arg) return undefined;
        const names = identifiersIn(arg);
        return { text: `UseGuards(${arg.getText(hf.sourceFile)})`, imports: [{ name: 'UseGuards', from: { spec: '@nestjs/common' } }, ...names.map((n) => importOf(model, hf, n)).filter((x): x is ImportNeed => !!x)], count: 1 };
      }
      if (!inside && call && ts.isIdentifier(call.expression) && call.expression.text !== 'UseGuards' && file !== hf.path) {
        // A composed decorator defined elsewhere that attached the guard: suggest it as written.
        const need = importOf(model, hf, call.expression.text);
        if (need && 'file' in need.from && need.from.file === file) return { text: call.getText(hf.sourceFile), imports: [need], count: 1 };
      }
    }
  }
  return undefined;
}

function identifiersIn(e: ts.Expression): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) out.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(e);
  return [...new Set(out)];
}

/** Where a name used in `file` comes from: its import there, or the local declaration's file. */
function importOf(model: NestModel, file: CodeFile, name: string): ImportNeed | undefined {
  const t = fileTable(file.sourceFile);
  const imp = t.imports.get(name);
  if (imp) {
    const target = model.workspace.resolveModule(file.path, imp.spec);
    if (target === 'external' || !imp.spec.startsWith('.')) return { name, from: { spec: imp.spec } };
    return { name, from: { file: target.path } };
  }
  if (t.decls.has(name)) return { name, from: { file: file.path } };
  return undefined;
}

function relativeSpecifier(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.replace(/\.(d\.)?[cm]?[tj]sx?$/, '').replace(/\/index$/, '').split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  const rest = b.slice(i).join('/');
  return (up === 0 ? './' : '../'.repeat(up)) + rest;
}

/** Edits that make `names` importable in `file` (nothing for names already in scope). */
export function importEdits(file: CodeFile, needs: ImportNeed[]): TextEdit[] {
  const sf = file.sourceFile;
  const t = fileTable(sf);
  const edits: TextEdit[] = [];
  const bySpec = new Map<string, string[]>();
  for (const n of needs) {
    if (t.imports.has(n.name) || t.decls.has(n.name)) continue;
    if ('file' in n.from && n.from.file === file.path) continue;
    const spec = 'spec' in n.from ? n.from.spec : relativeSpecifier(file.path, n.from.file);
    const list = bySpec.get(spec) ?? [];
    if (!list.includes(n.name)) list.push(n.name);
    bySpec.set(spec, list);
  }
  const eol = sf.text.includes('\r\n') ? '\r\n' : '\n';
  const imports = sf.statements.filter(ts.isImportDeclaration);
  const last = imports[imports.length - 1];
  for (const [spec, unsorted] of bySpec) {
    const names = [...unsorted].sort((a, b) => a.localeCompare(b));
    const existing = imports.find((d) => ts.isStringLiteral(d.moduleSpecifier) && d.moduleSpecifier.text === spec && d.importClause?.namedBindings && ts.isNamedImports(d.importClause.namedBindings) && !d.importClause.isTypeOnly);
    const nb = existing?.importClause?.namedBindings;
    if (nb && ts.isNamedImports(nb) && nb.elements.length) {
      const lastEl = nb.elements[nb.elements.length - 1];
      edits.push({ file: file.path, range: { start: lastEl.getEnd(), end: lastEl.getEnd() }, newText: `, ${names.join(', ')}` });
      continue;
    }
    const quote = last && ts.isStringLiteral(last.moduleSpecifier) && sf.text[last.moduleSpecifier.getStart(sf)] === '"' ? '"' : "'";
    const line = `import { ${names.join(', ')} } from ${quote}${spec}${quote};`;
    if (last) edits.push({ file: file.path, range: { start: last.getEnd(), end: last.getEnd() }, newText: `${eol}${line}` });
    else edits.push({ file: file.path, range: { start: 0, end: 0 }, newText: `${line}${eol}` });
  }
  return edits;
}

/** Inserts `@text` on its own line above a class or method (above its first decorator). */
export function decoratorEdit(file: CodeFile, target: ts.ClassDeclaration | ts.MethodDeclaration, text: string): TextEdit {
  const sf = file.sourceFile;
  const first = decoratorsOf(target)[0];
  const anchor = first ? first.getStart(sf) : (ts.getModifiers(target)?.[0] ?? target).getStart(sf);
  const lineStart = sf.text.lastIndexOf('\n', anchor - 1) + 1;
  const indent = /^[ \t]*/.exec(sf.text.slice(lineStart))![0];
  const eol = sf.text.includes('\r\n') ? '\r\n' : '\n';
  return { file: file.path, range: { start: anchor, end: anchor }, newText: `@${text}${eol}${indent}` };
}

export function addDecoratorFix(title: string, file: CodeFile, target: ts.ClassDeclaration | ts.MethodDeclaration, c: DecoratorCandidate): Fix {
  return { title, edits: [decoratorEdit(file, target, c.text), ...importEdits(file, c.imports)] };
}

/** "Require authentication" suggestions for an open Nest route: on the handler, then on the controller. */
export function nestAuthFixes(model: NestModel, op: Operation): Fix[] {
  const route = model.routeOf(op);
  if (!route) return [];
  const c = authCandidates(model)[0];
  if (!c) return [];
  return [
    addDecoratorFix(`Require authentication: add @${c.text} to the handler`, route.file, route.method, c),
    addDecoratorFix(`Require authentication: add @${c.text} to ${route.controller.name}`, route.controller.file, route.controller.node, c),
  ];
}

/**
 * "Require a role" suggestions for an authenticated Nest route with no role check: the
 * project's roles decorator (`@Roles(Role.Admin)`, as most often written), plus
 * `@UseGuards(RolesGuard)` when the guard that reads it does not already run for the route;
 * or the project's role guard itself when it needs no metadata.
 */
export function nestRoleFixes(model: NestModel, op: Operation): Fix[] {
  const route = model.routeOf(op);
  if (!route) return [];
  // Decorators whose metadata a roles guard activates on, as the project writes them.
  const byVia = new Map<string, { count: number; route: NestRoute; via: string; guard: string }>();
  const guardFree = new Map<string, { count: number; route: NestRoute; start: number; end: number; file: string }>();
  for (const r of model.routes) {
    for (const u of r.guards) {
      if (!u.guard.checksRoles || u.guard.bypass || u.conditional) continue;
      if (!u.guard.activeWhen.length) {
        if (u.level !== 'global') {
          const k = u.guard.name;
          const prev = guardFree.get(k);
          if (prev) prev.count++;
          else guardFree.set(k, { count: 1, route: r, start: u.at.range.start, end: u.at.range.end, file: u.at.file });
        }
        continue;
      }
      for (const m of r.metadata) {
        if (m.conditional || !u.guard.activeWhen.some((a) => a.key === m.key)) continue;
        const prev = byVia.get(m.via);
        if (prev) prev.count++;
        else byVia.set(m.via, { count: 1, route: r, via: m.via, guard: u.guard.decl?.node.name?.text ?? u.guard.name });
      }
    }
  }
  const fixes: Fix[] = [];
  const best = [...byVia.values()].sort((a, b) => b.count - a.count)[0];
  if (best) {
    const holder = best.route.metadata.find((m) => m.via === best.via)!;
    const holderFile = holder.level === 'handler' ? best.route.file : best.route.controller.file;
    const text = best.via.replace(/^@/, '');
    const needs = namesIn(text).map((n) => importOf(model, holderFile, n)).filter((x): x is ImportNeed => !!x);
    const runs = route.guards.some((u) => u.guard.checksRoles && u.guard.activeWhen.length && (u.level === 'global' || u.level === 'controller'));
    const decorators = [text];
    if (!runs) {
      const guardNeed = importOf(model, guardFileOf(model, best.guard) ?? holderFile, best.guard) ?? guardImport(model, best.guard);
      if (!guardNeed) return fixes;
      decorators.unshift(`UseGuards(${best.guard})`);
      needs.push({ name: 'UseGuards', from: { spec: '@nestjs/common' } }, guardNeed);
    }
    const edit = decoratorEdit(route.file, route.method, decorators[0]);
    const indent = /[\r\n]([ \t]*)$/.exec(edit.newText)?.[1] ?? '';
    const eol = edit.newText.includes('\r\n') ? '\r\n' : '\n';
    edit.newText = decorators.map((d) => `@${d}`).join(`${eol}${indent}`) + `${eol}${indent}`;
    fixes.push({ title: `Require a role: add ${decorators.map((d) => `@${d}`).join(' ')} to the handler`, edits: [edit, ...importEdits(route.file, needs)] });
    return fixes;
  }
  const g = [...guardFree.entries()].sort((a, b) => b[1].count - a[1].count)[0];
  if (g) {
    const c = candidateFor(model, g[1].route, g[1].file, g[1].start, g[1].end);
    if (c) fixes.push(addDecoratorFix(`Require a role: add @${c.text} to the handler`, route.file, route.method, c));
  }
  return fixes;
}

function namesIn(text: string): string[] {
  const sf = ts.createSourceFile('x.ts', `(${text})`, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !(ts.isPropertyAssignment(n.parent) && n.parent.name === n)) out.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return [...new Set(out)];
}

function guardFileOf(model: NestModel, guard: string): CodeFile | undefined {
  for (const r of model.routes) for (const u of r.guards) if ((u.guard.decl?.node.name?.text ?? u.guard.name) === guard && u.guard.decl) return u.guard.decl.file;
  return undefined;
}

function guardImport(model: NestModel, guard: string): ImportNeed | undefined {
  const f = guardFileOf(model, guard);
  return f ? { name: guard, from: { file: f.path } } : undefined;
}
