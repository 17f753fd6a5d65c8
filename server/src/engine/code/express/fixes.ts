/**
 * Quick-fix edits on Express code: put the project's own middleware in front of a route's handler,
 * importing it when the route's file does not have it in scope yet. The middleware chosen is the
 * one the project already uses most (or the first configured name), written as the project
 * writes it (`passport.authenticate('jwt', { session: false })`).
 */
import ts from 'typescript';
import type { EngineSettings } from '../../settings';
import type { FilePath, Fix, TextEdit } from '../../types';
import { dirname } from '../../util/paths';
import { dottedName, unwrap } from '../ast';
import { exportsOf } from '../exports';
import { importSpecifierOf, isRelativeSpecifier, requireSpecifier } from '../modules';
import type { MiddlewareKind, RouteFacts } from '../route-facts';
import { bindingPath, declarationOf, lookup } from '../scope';
import type { ExpressModel } from './link';

export interface MiddlewareCandidate {
  text: string;
  expr?: ts.Expression;
  count: number;
}

const candidateCache = new WeakMap<ExpressModel, Map<string, MiddlewareCandidate[]>>();

/** Middleware of the given kinds the project uses, most used first (computed once per model). */
export function middlewareCandidates(model: ExpressModel | undefined, settings: EngineSettings, kinds: readonly MiddlewareKind[]): MiddlewareCandidate[] {
  if (!model) return computeCandidates(model, settings, kinds);
  let byKinds = candidateCache.get(model);
  if (!byKinds) candidateCache.set(model, (byKinds = new Map()));
  const key = kinds.join(',') + '|' + settings.authMiddleware.join(',');
  let c = byKinds.get(key);
  if (!c) byKinds.set(key, (c = computeCandidates(model, settings, kinds)));
  return c;
}

function computeCandidates(model: ExpressModel | undefined, settings: EngineSettings, kinds: readonly MiddlewareKind[]): MiddlewareCandidate[] {
  const byText = new Map<string, MiddlewareCandidate>();
  const add = (expr: ts.Expression, n: number): void => {
    const text = expr.getText();
    if (text.length > 120 || text.includes('\n')) return;
    const c = byText.get(text);
    if (c) c.count += n;
    else byText.set(text, { text, expr, count: n });
  };
  if (model) {
    for (const r of model.routes) {
      for (const e of r.facts.chain) {
        if (e.via !== 'route' || !kinds.includes(e.kind)) continue;
        const node = findNode(e.at.file, e.at.range.start, e.at.range.end, r.facts.registration);
        if (node) add(node, 1);
      }
    }
    for (const a of model.applied) {
      if (!kinds.includes(a.entry.kind)) continue;
      const node = nodeAt(model, a.entry.at.file, a.entry.at.range.start, a.entry.at.range.end);
      if (node) add(node, 1);
    }
  }
  const out = [...byText.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  if (kinds.includes('authentication') && out.length === 0 && settings.authMiddleware[0]) out.push({ text: settings.authMiddleware[0], count: 0 });
  return out;
}

function findNode(file: FilePath, start: number, end: number, near: ts.Node | undefined): ts.Expression | undefined {
  if (!near || near.getSourceFile().fileName !== file) return undefined;
  return exprAt(near.getSourceFile(), start, end);
}

function nodeAt(model: ExpressModel, file: FilePath, start: number, end: number): ts.Expression | undefined {
  const sf = model.resolver.sourceFile(file);
  return sf ? exprAt(sf, start, end) : undefined;
}

function exprAt(sf: ts.SourceFile, start: number, end: number): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (found || n.getEnd() < start || n.getStart(sf) > end) return;
    if (n.getStart(sf) === start && n.getEnd() === end && ts.isExpression(n)) { found = n; return; }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** Inserts `candidate` before the route's handler (and imports what it needs). */
export function insertMiddlewareFix(facts: RouteFacts, candidate: MiddlewareCandidate, model: ExpressModel | undefined, title: string): Fix | undefined {
  const at = facts.insertMiddlewareAt;
  const reg = facts.registration;
  if (!at || !reg) return undefined;
  const edits: TextEdit[] = [{ file: at.file, range: { start: at.offset, end: at.offset }, newText: `${candidate.text}, ` }];
  const root = rootName(candidate);
  if (root && !lookup(root, reg) && !isGlobal(root)) {
    const imp = candidate.expr && model ? importEdit(reg.getSourceFile(), root, candidate.expr, model) : undefined;
    if (!imp) return undefined;
    edits.push(imp);
  }
  return { title, edits };
}

function isGlobal(name: string): boolean {
  return name === 'require' || name === 'process';
}

function rootName(c: MiddlewareCandidate): string | undefined {
  if (c.expr) {
    let e = unwrap(c.expr);
    while (ts.isCallExpression(e)) e = unwrap(e.expression);
    return dottedName(e)?.[0];
  }
  return /^[A-Za-z_$][\w$]*/.exec(c.text)?.[0];
}

type Binding = { style: 'named'; imported: string } | { style: 'default' } | { style: 'namespace' };

/** An import of `name` into `target`, mirroring how the candidate's own file gets it. */
function importEdit(target: ts.SourceFile, name: string, use: ts.Expression, model: ExpressModel): TextEdit | undefined {
  let e = unwrap(use);
  while (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e)) e = unwrap(e.expression);
  if (!ts.isIdentifier(e)) return undefined;
  const decl = declarationOf(e);
  if (!decl) return undefined;
  const fromFile = use.getSourceFile().fileName;
  let spec: string | undefined;
  let binding: Binding | undefined;
  if (ts.isImportSpecifier(decl)) {
    spec = importSpecifierOf(decl);
    binding = { style: 'named', imported: (decl.propertyName ?? decl.name).text };
  } else if (ts.isImportClause(decl)) {
    spec = importSpecifierOf(decl);
    binding = { style: 'default' };
  } else if (ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl)) {
    spec = importSpecifierOf(decl);
    binding = { style: 'namespace' };
  } else if (ts.isVariableDeclaration(decl) && decl.initializer && requireSpecifier(unwrap(decl.initializer)) !== undefined) {
    spec = requireSpecifier(unwrap(decl.initializer));
    binding = { style: 'default' };
  } else if (ts.isBindingElement(decl)) {
    const bp = bindingPath(decl);
    const init = bp && ts.isVariableDeclaration(bp.root) ? bp.root.initializer : undefined;
    if (bp && bp.path.length === 1 && init && requireSpecifier(unwrap(init)) !== undefined) {
      spec = requireSpecifier(unwrap(init));
      binding = { style: 'named', imported: bp.path[0] };
    }
  } else if (ts.isFunctionDeclaration(decl) || ts.isVariableDeclaration(decl)) {
    // declared in the candidate's file: import it from there if it is exported under its name
    if (exportsOf(decl.getSourceFile()).named.has(name) || model.resolver.moduleValue(fromFile, name).kind !== 'unknown') {
      spec = './' + fromFile.slice(fromFile.lastIndexOf('/') + 1);
      binding = { style: 'named', imported: name };
    }
  }
  if (spec === undefined || !binding) return undefined;
  let newSpec = spec;
  if (isRelativeSpecifier(spec)) {
    const abs = model.resolver.resolveSpecifier(fromFile, spec);
    if (!abs || abs === target.fileName) return undefined;
    newSpec = relativeSpecifier(target, abs);
  }
  return importStatement(target, name, binding, newSpec);
}

function relativeSpecifier(target: ts.SourceFile, abs: FilePath): string {
  const from = dirname(target.fileName).split('/').filter(Boolean);
  const to = abs.split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const up = from.length - i;
  let rel = (up === 0 ? './' : '../'.repeat(up)) + to.slice(i).join('/');
  const usesJs = target.statements.some((s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && /^\.\.?\/.*\.js$/.test(s.moduleSpecifier.text));
  rel = rel.replace(/\/index\.[cm]?[jt]sx?$/, '').replace(/\.[cm]?[jt]sx?$/, usesJs ? '.js' : '');
  return rel;
}

function importStatement(sf: ts.SourceFile, name: string, binding: Binding, spec: string): TextEdit {
  const esm = sf.statements.some((s) => ts.isImportDeclaration(s)) || (!hasRequire(sf) && /\.[cm]?tsx?$/.test(sf.fileName));
  const eol = sf.text.includes('\r\n') ? '\r\n' : '\n';
  let text: string;
  if (esm) {
    text = binding.style === 'named'
      ? `import { ${binding.imported === name ? name : `${binding.imported} as ${name}`} } from '${spec}';`
      : binding.style === 'default' ? `import ${name} from '${spec}';` : `import * as ${name} from '${spec}';`;
  } else {
    text = binding.style === 'named'
      ? `const { ${binding.imported === name ? name : `${binding.imported}: ${name}`} } = require('${spec}');`
      : `const ${name} = require('${spec}');`;
  }
  let offset = 0;
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s) || (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => d.initializer && requireCallInside(d.initializer)))) {
      offset = s.getEnd();
    } else if (offset > 0) break;
  }
  if (offset === 0) return { file: sf.fileName, range: { start: 0, end: 0 }, newText: text + eol };
  return { file: sf.fileName, range: { start: offset, end: offset }, newText: eol + text };
}

function requireCallInside(e: ts.Expression): boolean {
  let n: ts.Expression = unwrap(e);
  while (ts.isPropertyAccessExpression(n) || (ts.isCallExpression(n) && requireSpecifier(n) === undefined)) n = unwrap(n.expression);
  return requireSpecifier(n) !== undefined;
}

function hasRequire(sf: ts.SourceFile): boolean {
  return sf.statements.some((s) => ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => d.initializer && requireCallInside(d.initializer)));
}

/** Literal text inside an LSP snippet: `$`, `}` and `\` must be escaped. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => '\\' + c);
}
