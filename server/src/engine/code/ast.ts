/**
 * Small syntactic helpers over TypeScript/JavaScript trees: unwrapping wrappers, reading
 * constant strings and names. Pure functions of the tree; no cross-file knowledge here.
 */
import ts from 'typescript';

/** Strips parentheses, type assertions, `!`, `satisfies` and `await`: they do not change the value. */
export function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n)
      || ts.isTypeAssertionExpression(n) || ts.isAwaitExpression(n)) n = n.expression;
    else return n;
  }
}

/** The string a literal-only expression always evaluates to (`'a'`, `` `a` ``, `'a' + 'b'`). */
export function literalString(node: ts.Expression): string | undefined {
  const n = unwrap(node);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = literalString(n.left);
    const r = l === undefined ? undefined : literalString(n.right);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  return undefined;
}

export function literalNumber(node: ts.Expression): number | undefined {
  const n = unwrap(node);
  return ts.isNumericLiteral(n) ? Number(n.text) : undefined;
}

/** Name of a property access/element access with a literal key (`a.b`, `a['b']`). */
export function memberName(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node)) return literalString(node.argumentExpression);
  return undefined;
}

export function isMemberAccess(node: ts.Node): node is ts.PropertyAccessExpression | ts.ElementAccessExpression {
  return ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node);
}

/** `a.b.c` as ['a', 'b', 'c'] when every part is a plain name (or `this`). */
export function dottedName(node: ts.Expression): string[] | undefined {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return [n.text];
  if (n.kind === ts.SyntaxKind.ThisKeyword) return ['this'];
  if (isMemberAccess(n)) {
    const name = memberName(n);
    const base = dottedName(n.expression);
    return name !== undefined && base ? [...base, name] : undefined;
  }
  return undefined;
}

/** The name a call is known by, for messages: `passport.authenticate`, `requireRole`. */
export function calleeText(call: ts.CallExpression | ts.NewExpression): string {
  const parts = dottedName(call.expression);
  return parts ? parts.join('.') : call.expression.getText();
}

export type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

export function isFunctionNode(node: ts.Node): node is FunctionNode {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node);
}

/** Names of a function's parameters (undefined for a destructured one). */
export function paramNames(fn: ts.SignatureDeclarationBase): (string | undefined)[] {
  return fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
}

// Created on first use: the CLI loads the TypeScript compiler only when it analyses code.
let printer: ts.Printer | undefined;

/** A short, single-line rendering of an expression for messages (comments left out). */
export function shortText(node: ts.Node, max = 60): string {
  let t = node.getText();
  if (t.includes('//') || t.includes('/*')) {
    const sf = node.getSourceFile();
    t = (printer ??= ts.createPrinter({ removeComments: true })).printNode(ts.EmitHint.Unspecified, node, sf);
  }
  t = t.replace(/\s+/g, ' ');
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

/** Visits every descendant (depth-first, source order); return false to skip a subtree. */
export function walk(node: ts.Node, visit: (n: ts.Node) => boolean | void): void {
  const rec = (n: ts.Node): void => {
    if (visit(n) === false) return;
    ts.forEachChild(n, rec);
  };
  ts.forEachChild(node, rec);
}

/** The nearest enclosing function of a node (not the node itself). */
export function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p) || ts.isConstructorDeclaration(p)) return isFunctionNode(p) ? p : undefined;
  return undefined;
}
