/**
 * What a module exports, read from its syntax: ESM (`export default`, `export const`,
 * `export { a as b }`, `export * from`) and CommonJS (`module.exports = …`, `exports.x = …`,
 * `module.exports.x = …`). Cached per parsed tree.
 */
import ts from 'typescript';
import { memberName, unwrap } from './ast';

export type ExportTarget =
  | { kind: 'expr'; node: ts.Expression }
  | { kind: 'decl'; node: ts.FunctionDeclaration | ts.ClassDeclaration | ts.VariableDeclaration }
  /** `export { a as b }`: the local name `a`, looked up in the module scope. */
  | { kind: 'local'; name: string; at: ts.Node }
  /** `export { a as b } from './x'`: the name `a` of another module. */
  | { kind: 'reexport'; specifier: string; name: string };

export interface ModuleExports {
  named: Map<string, ExportTarget>;
  /** `module.exports = x` / `export = x`: the whole CommonJS export value. */
  commonJs?: ts.Expression;
  /** `export * from './x'`. */
  star: string[];
}

const cache = new WeakMap<ts.SourceFile, ModuleExports>();

function hasExport(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}
function hasDefault(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/** `module.exports` or `exports` (the CommonJS export object). */
export function isExportsObject(node: ts.Expression): boolean {
  const n = unwrap(node);
  if (ts.isIdentifier(n) && n.text === 'exports') return true;
  return ts.isPropertyAccessExpression(n) && n.name.text === 'exports' && ts.isIdentifier(n.expression) && n.expression.text === 'module';
}

export function exportsOf(sf: ts.SourceFile): ModuleExports {
  const hit = cache.get(sf);
  if (hit) return hit;
  const out: ModuleExports = { named: new Map(), star: [] };
  for (const s of sf.statements) {
    if (ts.isExportAssignment(s)) {
      if (s.isExportEquals) out.commonJs = s.expression;
      else out.named.set('default', { kind: 'expr', node: s.expression });
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && hasExport(s)) {
      if (hasDefault(s)) out.named.set('default', { kind: 'decl', node: s });
      if (s.name && !hasDefault(s)) out.named.set(s.name.text, { kind: 'decl', node: s });
    } else if (ts.isVariableStatement(s) && hasExport(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) out.named.set(d.name.text, { kind: 'decl', node: d });
    } else if (ts.isExportDeclaration(s)) {
      const spec = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
      if (!s.exportClause) {
        if (spec) out.star.push(spec);
      } else if (ts.isNamedExports(s.exportClause)) {
        for (const el of s.exportClause.elements) {
          const local = (el.propertyName ?? el.name).text;
          out.named.set(el.name.text, spec ? { kind: 'reexport', specifier: spec, name: local } : { kind: 'local', name: local, at: s });
        }
      }
    } else if (ts.isExpressionStatement(s)) {
      collectCommonJs(s.expression, out);
    }
  }
  cache.set(sf, out);
  return out;
}

function collectCommonJs(expr: ts.Expression, out: ModuleExports): void {
  const e = unwrap(expr);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const target = unwrap(e.left);
  if (isExportsObject(target) && !(ts.isIdentifier(target))) {
    out.commonJs = e.right;
    // `module.exports = { a, b }` also exposes `a` and `b` to `import { a } from` (interop).
    const v = unwrap(e.right);
    if (ts.isObjectLiteralExpression(v)) {
      for (const p of v.properties) {
        if (ts.isShorthandPropertyAssignment(p)) out.named.set(p.name.text, { kind: 'local', name: p.name.text, at: p });
        else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out.named.set(p.name.text, { kind: 'expr', node: p.initializer });
      }
    }
  } else if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
    const name = memberName(target);
    if (name !== undefined && isExportsObject(target.expression)) out.named.set(name, { kind: 'expr', node: e.right });
  }
  // `module.exports = exports = x` chains
  if (ts.isBinaryExpression(unwrap(e.right))) collectCommonJs(e.right, out);
}
