/**
 * Small syntactic helpers over TypeScript trees used by the NestJS model. They never need a
 * type checker: Nest's routing and guard wiring is written in decorators and literals, which
 * read the same with or without types.
 */
import ts from 'typescript';

/** Strips parentheses, `as`/`satisfies`/`!` and type assertions around an expression. */
export function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  for (;;) {
    if (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x) || ts.isTypeAssertionExpression(x) || ts.isSatisfiesExpression(x)) x = x.expression;
    else if (ts.isAwaitExpression(x)) x = x.expression;
    else return x;
  }
}

export function decoratorsOf(node: ts.Node): readonly ts.Decorator[] {
  return ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
}

/** `Get` for `@Get()`, `@Get`, `@common.Get()`. */
export function decoratorName(d: ts.Decorator): string | undefined {
  return calleeName(d.expression);
}

export function decoratorArgs(d: ts.Decorator): readonly ts.Expression[] {
  const e = unwrap(d.expression);
  return ts.isCallExpression(e) ? e.arguments : [];
}

/** The rightmost name of a callee or reference: `a.b.C(...)` and `a.b.C` both give `C`. */
export function calleeName(e: ts.Expression): string | undefined {
  const x = unwrap(e);
  if (ts.isCallExpression(x)) return calleeName(x.expression);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x)) return x.name.text;
  return undefined;
}

/** `a.b.c` as text for identifiers and property accesses (`this` included), else undefined. */
export function dottedName(e: ts.Expression): string | undefined {
  const x = unwrap(e);
  if (ts.isIdentifier(x)) return x.text;
  if (x.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(x)) {
    const left = dottedName(x.expression);
    return left === undefined ? undefined : `${left}.${x.name.text}`;
  }
  return undefined;
}

/** The string a literal denotes (string, no-substitution template), without looking up names. */
export function literalString(e: ts.Expression | undefined): string | undefined {
  if (!e) return undefined;
  const x = unwrap(e);
  if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) return x.text;
  return undefined;
}

export function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return literalString(name.expression);
  return undefined;
}

/** A property of an object literal by name (initializer, or the identifier of a shorthand). */
export function objectProp(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && propertyName(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

export function isTrueLiteral(e: ts.Expression | undefined): boolean {
  return !!e && unwrap(e).kind === ts.SyntaxKind.TrueKeyword;
}

export function isFalseLiteral(e: ts.Expression | undefined): boolean {
  return !!e && unwrap(e).kind === ts.SyntaxKind.FalseKeyword;
}

/**
 * Every node below `root`, pre-order, with an explicit stack: generated or hostile code nests
 * thousands of levels deep, which a recursive walk cannot survive. Return 'skip' to not descend.
 */
export function forEachDescendant(root: ts.Node, fn: (n: ts.Node) => void | 'skip'): void {
  const stack: ts.Node[] = [];
  const push = (parent: ts.Node) => {
    const kids: ts.Node[] = [];
    ts.forEachChild(parent, (c) => {
      kids.push(c);
    });
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  };
  push(root);
  while (stack.length) {
    const n = stack.pop()!;
    if (fn(n) === 'skip') continue;
    push(n);
  }
}

/** `root` and every node below it (see forEachDescendant). */
export function walkTree(root: ts.Node, fn: (n: ts.Node) => void | 'skip'): void {
  if (fn(root) === 'skip') return;
  forEachDescendant(root, fn);
}

export function findDescendant(root: ts.Node, pred: (n: ts.Node) => boolean): ts.Node | undefined {
  let found: ts.Node | undefined;
  forEachDescendant(root, (n) => {
    if (found) return 'skip';
    if (pred(n)) {
      found = n;
      return 'skip';
    }
    return undefined;
  });
  return found;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === kind);
}

export function className(c: ts.ClassLikeDeclaration): string | undefined {
  return c.name?.text;
}

/** The `extends` expression of a class, if any. */
export function extendsExpression(c: ts.ClassLikeDeclaration): ts.ExpressionWithTypeArguments | undefined {
  for (const h of c.heritageClauses ?? []) if (h.token === ts.SyntaxKind.ExtendsKeyword) return h.types[0];
  return undefined;
}

export function implementsNames(c: ts.ClassLikeDeclaration): string[] {
  const out: string[] = [];
  for (const h of c.heritageClauses ?? []) {
    if (h.token !== ts.SyntaxKind.ImplementsKeyword) continue;
    for (const t of h.types) {
      const n = calleeName(t.expression);
      if (n) out.push(n);
    }
  }
  return out;
}

export function methodOf(c: ts.ClassLikeDeclaration, name: string): ts.MethodDeclaration | undefined {
  for (const m of c.members) if (ts.isMethodDeclaration(m) && m.name && propertyName(m.name) === name && m.body) return m;
  return undefined;
}

/** The statements a function-like returns: block body, or the expression of an arrow. */
export function functionBody(fn: ts.SignatureDeclaration): ts.ConciseBody | undefined {
  if (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn) || ts.isConstructorDeclaration(fn)) return fn.body;
  return undefined;
}

/** Expressions a function can return (the arrow's expression, or each `return` not inside a nested function). */
export function returnedExpressions(fn: ts.SignatureDeclaration): ts.Expression[] {
  const body = functionBody(fn);
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  forEachDescendant(body, (n) => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return 'skip';
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    return undefined;
  });
  return out;
}

export function isFunctionLikeExpression(e: ts.Expression): e is ts.ArrowFunction | ts.FunctionExpression {
  const x = unwrap(e);
  return ts.isArrowFunction(x) || ts.isFunctionExpression(x);
}

/** Text of a node for messages, shortened. */
export function shortText(node: ts.Node, max = 60): string {
  const t = node.getText().replace(/\s+/g, ' ');
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}
