/**
 * Syntactic name lookup: from a use of a name to the node that declares it, walking the
 * enclosing blocks and functions (no TypeChecker: a checker over the whole workspace is too slow
 * for the editor, and lexical scoping is all route extraction needs). Tables are cached per
 * container node, so they live exactly as long as the parsed tree (cached per file text).
 */
import ts from 'typescript';

export type Declaration =
  | ts.VariableDeclaration
  | ts.BindingElement
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.ParameterDeclaration
  | ts.ImportClause
  | ts.ImportSpecifier
  | ts.NamespaceImport
  | ts.ImportEqualsDeclaration;

const tables = new WeakMap<ts.Node, Map<string, Declaration>>();

function addBindingNames(name: ts.BindingName, decl: ts.VariableDeclaration | ts.ParameterDeclaration, table: Map<string, Declaration>): void {
  if (ts.isIdentifier(name)) {
    if (!table.has(name.text)) table.set(name.text, decl);
    return;
  }
  for (const el of name.elements) {
    if (ts.isOmittedExpression(el)) continue;
    if (ts.isIdentifier(el.name)) {
      if (!table.has(el.name.text)) table.set(el.name.text, el);
    } else addBindingNames(el.name, decl, table);
  }
}

function addStatement(s: ts.Statement, table: Map<string, Declaration>): void {
  if (ts.isVariableStatement(s)) {
    for (const d of s.declarationList.declarations) addBindingNames(d.name, d, table);
  } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) {
    if (!table.has(s.name.text) || ts.isFunctionDeclaration(s)) table.set(s.name.text, s);
  } else if (ts.isImportDeclaration(s) && s.importClause) {
    const c = s.importClause;
    if (c.name) table.set(c.name.text, c);
    const nb = c.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) table.set(nb.name.text, nb);
    else if (nb) for (const el of nb.elements) table.set(el.name.text, el);
  } else if (ts.isImportEqualsDeclaration(s)) {
    table.set(s.name.text, s);
  } else if (ts.isExportDeclaration(s) || ts.isExpressionStatement(s)) {
    // nothing declared
  } else if (ts.isLabeledStatement(s)) {
    addStatement(s.statement, table);
  }
}

/** Node kinds that can declare names (checked first: lookups walk many ancestors). */
const SCOPE_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.SourceFile, ts.SyntaxKind.Block, ts.SyntaxKind.ModuleBlock, ts.SyntaxKind.CaseClause, ts.SyntaxKind.DefaultClause,
  ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor, ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor, ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForOfStatement, ts.SyntaxKind.ForInStatement, ts.SyntaxKind.CatchClause,
]);

function tableOf(container: ts.Node): Map<string, Declaration> | undefined {
  if (!SCOPE_KINDS.has(container.kind)) return undefined;
  let table = tables.get(container);
  if (table) return table;
  table = new Map();
  if (ts.isSourceFile(container) || ts.isBlock(container) || ts.isModuleBlock(container)) {
    for (const s of container.statements) addStatement(s, table);
  } else if (ts.isCaseClause(container) || ts.isDefaultClause(container)) {
    for (const s of container.statements) addStatement(s, table);
  } else if (ts.isFunctionLike(container)) {
    for (const p of container.parameters) addBindingNames(p.name, p, table);
    if ((ts.isFunctionExpression(container)) && container.name) table.set(container.name.text, container as unknown as ts.FunctionDeclaration);
  } else if ((ts.isForStatement(container) || ts.isForOfStatement(container) || ts.isForInStatement(container))
    && container.initializer && ts.isVariableDeclarationList(container.initializer)) {
    for (const d of container.initializer.declarations) addBindingNames(d.name, d, table);
  } else if (ts.isCatchClause(container) && container.variableDeclaration) {
    addBindingNames(container.variableDeclaration.name, container.variableDeclaration, table);
  } else {
    return undefined;
  }
  tables.set(container, table);
  return table;
}

/** The declaration a name refers to at `from`, or undefined (a global or an undeclared name). */
export function lookup(name: string, from: ts.Node): Declaration | undefined {
  for (let p: ts.Node | undefined = from; p; p = p.parent) {
    const table = tableOf(p);
    const d = table?.get(name);
    if (d) return d;
  }
  return undefined;
}

/** The declaration of an identifier use. */
export function declarationOf(id: ts.Identifier): Declaration | undefined {
  return lookup(id.text, id.parent ?? id);
}

/**
 * For a destructured name, the property path from the destructured value:
 * `const { a: { b } } = x` gives ['a', 'b'] for `b` ('*' for an array element or rest).
 */
export function bindingPath(el: ts.BindingElement): { root: ts.VariableDeclaration | ts.ParameterDeclaration; path: string[] } | undefined {
  const path: string[] = [];
  let node: ts.Node = el;
  while (ts.isBindingElement(node)) {
    const pattern = node.parent;
    if (ts.isObjectBindingPattern(pattern)) {
      if (node.dotDotDotToken) path.unshift('*');
      else {
        const key = node.propertyName ?? node.name;
        if (ts.isIdentifier(key) || ts.isStringLiteral(key)) path.unshift(key.text);
        else return undefined;
      }
    } else {
      path.unshift('*');
    }
    node = pattern.parent;
  }
  if (ts.isVariableDeclaration(node) || ts.isParameter(node)) return { root: node, path };
  return undefined;
}
