/**
 * The workspace import graph, for incremental analysis. The Resolver (values.ts) reaches another
 * file only through an import, an `export … from` or a `require()`/`import()` with a literal
 * specifier, so whatever a file's analysis reads lies in that file's import closure. When some
 * files change, a cached result about file F is stale exactly when F's closure holds a changed
 * file, i.e. when F reaches a changed file in the graph (`filesReaching`).
 */
import ts from 'typescript';
import type { FilePath } from '../types';
import { resolveModule } from './modules';

/** Module specifiers a file names, cached per parsed tree (they depend on its text only). */
const specifiers = new WeakMap<ts.SourceFile, string[]>();

export function moduleSpecifiers(sf: ts.SourceFile): string[] {
  const hit = specifiers.get(sf);
  if (hit) return hit;
  const out = new Set<string>();
  const literal = (e: ts.Node | undefined): void => {
    if (e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e))) out.add(e.text);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) literal(n.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) literal(n.moduleReference.expression);
    else if (ts.isCallExpression(n) && n.arguments.length >= 1) {
      const callee = n.expression;
      // require('x') and import('x') anywhere in the file
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) literal(n.arguments[0]);
    }
    ts.forEachChild(n, visit);
  };
  // Declarations are top-level statements; require() and import() can be anywhere, so the whole
  // tree is walked only for files whose text mentions them (the first edit walks every file).
  const top = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) literal(n.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) literal(n.moduleReference.expression);
    else if (ts.isModuleDeclaration(n) && n.body) ts.forEachChild(n.body, top); // `declare module 'x' { import … }`
  };
  if (/\brequire\s*\(|\bimport\s*\(/.test(sf.text)) visit(sf);
  else sf.statements.forEach(top);
  const list = [...out];
  specifiers.set(sf, list);
  return list;
}

/**
 * Every file that reaches one of `changed` through imports (the changed files included):
 * a reverse walk of the import graph of `files`.
 */
export function filesReaching(changed: readonly FilePath[], files: ReadonlyMap<FilePath, { sourceFile: ts.SourceFile }>): Set<FilePath> {
  // The route models and the rule cache ask the same question about the same build: answer once.
  if (last && last.files === files && last.changed.length === changed.length && last.changed.every((p, i) => p === changed[i])) return last.result;
  const result = computeReaching(changed, files);
  last = { files, changed: [...changed], result };
  return result;
}

let last: { files: ReadonlyMap<FilePath, unknown>; changed: FilePath[]; result: Set<FilePath> } | undefined;

function computeReaching(changed: readonly FilePath[], files: ReadonlyMap<FilePath, { sourceFile: ts.SourceFile }>): Set<FilePath> {
  const has = (p: FilePath): boolean => files.has(p);
  const importers = new Map<FilePath, FilePath[]>();
  for (const [path, f] of files) {
    for (const spec of moduleSpecifiers(f.sourceFile)) {
      const target = resolveModule(path, spec, has);
      if (target === undefined) continue;
      const list = importers.get(target);
      if (list) list.push(path);
      else importers.set(target, [path]);
    }
  }
  return importersClosure(changed, importers);
}

/** `from` and every file that imports one of them, directly or through others. */
export function importersClosure(from: readonly FilePath[], importers: ReadonlyMap<FilePath, readonly FilePath[]>): Set<FilePath> {
  const out = new Set<FilePath>();
  const stack = [...from];
  for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
    if (out.has(p)) continue;
    out.add(p);
    for (const q of importers.get(p) ?? []) if (!out.has(q)) stack.push(q);
  }
  return out;
}
