/**
 * Per-file symbol table: top-level declarations, imports and exports. Built once per parsed
 * tree (cached by SourceFile identity, which the engine keeps while a file's text is
 * unchanged), so a one-file edit rebuilds one table.
 */
import ts from 'typescript';
import { hasModifier, propertyName } from './syntax';

export type TopLevelDecl = ts.ClassDeclaration | ts.FunctionDeclaration | ts.VariableDeclaration | ts.EnumDeclaration;

/** Imports, including CommonJS `const { A } = require('x')` / `const m = require('x')` bindings. */
export interface ImportBinding {
  spec: string;
  /** Exported name in the target module; 'default' for default imports, '*' for namespaces. */
  imported: string;
}

export type ExportBinding =
  | { kind: 'local'; local: string }
  | { kind: 'reexport'; spec: string; imported: string }
  /** `export default <expression>` that is not a name. */
  | { kind: 'expression'; node: ts.Expression | ts.ClassDeclaration | ts.FunctionDeclaration };

export interface FileTable {
  decls: Map<string, TopLevelDecl>;
  imports: Map<string, ImportBinding>;
  exports: Map<string, ExportBinding>;
  /** `export * from '…'` specifiers. */
  starExports: string[];
  /** Top-level class declarations (controllers, modules, guards are looked for here). */
  classes: ts.ClassDeclaration[];
}

const cache = new WeakMap<ts.SourceFile, FileTable>();

export function fileTable(sf: ts.SourceFile): FileTable {
  let t = cache.get(sf);
  if (!t) {
    t = buildTable(sf);
    cache.set(sf, t);
  }
  return t;
}

function requireSpec(e: ts.Expression | undefined): string | undefined {
  if (!e || !ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'require') return undefined;
  const a = e.arguments[0];
  return a && ts.isStringLiteral(a) ? a.text : undefined;
}

function buildTable(sf: ts.SourceFile): FileTable {
  const t: FileTable = { decls: new Map(), imports: new Map(), exports: new Map(), starExports: [], classes: [] };
  const exported = (n: ts.Node) => hasModifier(n, ts.SyntaxKind.ExportKeyword);
  const isDefault = (n: ts.Node) => hasModifier(n, ts.SyntaxKind.DefaultKeyword);
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const spec = st.moduleSpecifier.text;
      const clause = st.importClause;
      if (!clause) continue;
      if (clause.name) t.imports.set(clause.name.text, { spec, imported: 'default' });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) t.imports.set(nb.name.text, { spec, imported: '*' });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) t.imports.set(el.name.text, { spec, imported: (el.propertyName && propertyName(el.propertyName)) ?? el.name.text });
      }
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) && ts.isStringLiteral(st.moduleReference.expression)) {
      t.imports.set(st.name.text, { spec: st.moduleReference.expression.text, imported: '*' });
    } else if (ts.isClassDeclaration(st)) {
      t.classes.push(st);
      if (st.name) t.decls.set(st.name.text, st);
      if (exported(st)) {
        if (isDefault(st)) t.exports.set('default', st.name ? { kind: 'local', local: st.name.text } : { kind: 'expression', node: st });
        else if (st.name) t.exports.set(st.name.text, { kind: 'local', local: st.name.text });
      }
    } else if (ts.isFunctionDeclaration(st)) {
      if (st.name) t.decls.set(st.name.text, st);
      if (exported(st)) {
        if (isDefault(st)) t.exports.set('default', st.name ? { kind: 'local', local: st.name.text } : { kind: 'expression', node: st });
        else if (st.name) t.exports.set(st.name.text, { kind: 'local', local: st.name.text });
      }
    } else if (ts.isEnumDeclaration(st)) {
      t.decls.set(st.name.text, st);
      if (exported(st)) t.exports.set(st.name.text, { kind: 'local', local: st.name.text });
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const spec = requireSpec(d.initializer);
        if (spec !== undefined) {
          if (ts.isIdentifier(d.name)) t.imports.set(d.name.text, { spec, imported: '*' });
          else if (ts.isObjectBindingPattern(d.name)) {
            for (const el of d.name.elements) {
              if (!ts.isIdentifier(el.name)) continue;
              const imported = (el.propertyName && propertyName(el.propertyName)) ?? el.name.text;
              t.imports.set(el.name.text, { spec, imported });
            }
          }
          continue;
        }
        if (!ts.isIdentifier(d.name)) continue;
        t.decls.set(d.name.text, d);
        if (exported(st)) t.exports.set(d.name.text, { kind: 'local', local: d.name.text });
      }
    } else if (ts.isExportDeclaration(st)) {
      const spec = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      if (!st.exportClause) {
        if (spec !== undefined) t.starExports.push(spec);
      } else if (ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          const name = propertyName(el.name) ?? el.name.getText();
          const source = el.propertyName ? (propertyName(el.propertyName) ?? el.propertyName.getText()) : name;
          t.exports.set(name, spec !== undefined ? { kind: 'reexport', spec, imported: source } : { kind: 'local', local: source });
        }
      } else if (ts.isNamespaceExport(st.exportClause) && spec !== undefined) {
        t.exports.set(st.exportClause.name.text, { kind: 'reexport', spec, imported: '*' });
      }
    } else if (ts.isExportAssignment(st)) {
      const e = st.expression;
      if (ts.isIdentifier(e)) t.exports.set('default', { kind: 'local', local: e.text });
      else t.exports.set('default', { kind: 'expression', node: e });
    } else if (ts.isExpressionStatement(st)) {
      // CommonJS: module.exports = X / exports.X = Y / module.exports = { A, B }
      const e = st.expression;
      if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const left = e.left.getText(sf);
      const right = e.right;
      if (left === 'module.exports') {
        if (ts.isIdentifier(right)) t.exports.set('default', { kind: 'local', local: right.text });
        else if (ts.isObjectLiteralExpression(right)) {
          for (const p of right.properties) {
            if (ts.isShorthandPropertyAssignment(p)) t.exports.set(p.name.text, { kind: 'local', local: p.name.text });
            else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer)) {
              const n = propertyName(p.name);
              if (n) t.exports.set(n, { kind: 'local', local: p.initializer.text });
            }
          }
        }
      } else if (/^(module\.)?exports\.[A-Za-z_$][\w$]*$/.test(left) && ts.isIdentifier(right)) {
        t.exports.set(left.slice(left.lastIndexOf('.') + 1), { kind: 'local', local: right.text });
      }
    }
  }
  return t;
}
