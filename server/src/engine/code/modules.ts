/**
 * Module specifier -> workspace file, the way Node and TypeScript resolve relative imports:
 * exact file, added extension, `index.*` in a folder, and `./x.js` written for `./x.ts`
 * (TypeScript's ESM convention). Bare specifiers are packages and stay packages.
 */
import ts from 'typescript';
import type { FilePath } from '../types';
import { dirname } from '../util/paths';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

export function isRelativeSpecifier(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..' || spec.startsWith('/');
}

/** The package a bare specifier names: `@scope/pkg/sub` -> `@scope/pkg`, `node:http` -> `http`. */
export function packageName(spec: string): string {
  const s = spec.startsWith('node:') ? spec.slice(5) : spec;
  const parts = s.split('/');
  return s.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return (path.startsWith('/') ? '/' : '') + out.join('/');
}

export function resolveModule(fromFile: FilePath, spec: string, has: (p: FilePath) => boolean): FilePath | undefined {
  if (!isRelativeSpecifier(spec)) return undefined;
  const base = normalize(spec.startsWith('/') ? spec : dirname(fromFile) + '/' + spec);
  const candidates = [base];
  const ext = /\.[cm]?[jt]sx?$/.exec(base)?.[0];
  if (ext && /js/.test(ext)) {
    const stem = base.slice(0, -ext.length);
    candidates.push(stem + ext.replace('js', 'ts'), stem + '.tsx', stem + '.ts');
  }
  for (const e of EXTENSIONS) candidates.push(base + e);
  for (const e of EXTENSIONS) candidates.push(base + '/index' + e);
  return candidates.find(has);
}

/** `require('x')` with a literal argument: the specifier. */
export function requireSpecifier(node: ts.Node): string | undefined {
  if (!ts.isCallExpression(node) || node.arguments.length !== 1) return undefined;
  const callee = node.expression;
  if (!ts.isIdentifier(callee) || callee.text !== 'require') return undefined;
  const arg = node.arguments[0];
  return ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg) ? arg.text : undefined;
}

/** The specifier of an import declaration that declares `node` (clause, specifier, namespace). */
export function importSpecifierOf(node: ts.ImportClause | ts.ImportSpecifier | ts.NamespaceImport | ts.ImportEqualsDeclaration): string | undefined {
  if (ts.isImportEqualsDeclaration(node)) {
    const ref = node.moduleReference;
    return ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression) ? ref.expression.text : undefined;
  }
  let p: ts.Node = node;
  while (!ts.isImportDeclaration(p)) p = p.parent;
  return ts.isStringLiteral(p.moduleSpecifier) ? p.moduleSpecifier.text : undefined;
}
