/**
 * A tiny evaluator for the conditions of composed decorators: `roles.length ? … : …`,
 * `if (options?.public) return …`. Parameters are bound to the arguments written where the
 * decorator is applied; anything else is UNKNOWN, and both branches are kept.
 */
import ts from 'typescript';
import { propertyName, unwrap } from './syntax';

export const UNKNOWN = Symbol('unknown');

export type Value =
  | boolean
  | number
  | string
  | null
  | undefined
  | { object: ts.ObjectLiteralExpression }
  | { array: readonly ts.Expression[] }
  | typeof UNKNOWN;

export type Bindings = ReadonlyMap<string, Value>;

export const NO_BINDINGS: Bindings = new Map();

/** Binds a function's parameters to call arguments (rest parameters become arrays). */
export function bindParameters(params: readonly ts.ParameterDeclaration[], args: readonly ts.Expression[] | undefined): Bindings {
  const out = new Map<string, Value>();
  if (!args) return out;
  const hasSpread = args.some((a) => ts.isSpreadElement(a));
  params.forEach((p, i) => {
    if (!ts.isIdentifier(p.name)) return;
    if (p.dotDotDotToken) out.set(p.name.text, hasSpread ? UNKNOWN : { array: args.slice(i) });
    else if (hasSpread) out.set(p.name.text, UNKNOWN);
    else out.set(p.name.text, i < args.length ? literalValue(args[i]) : p.initializer ? literalValue(p.initializer) : undefined);
  });
  return out;
}

function literalValue(e: ts.Expression): Value {
  const x = unwrap(e);
  if (x.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (x.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (x.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isIdentifier(x) && x.text === 'undefined') return undefined;
  if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) return x.text;
  if (ts.isNumericLiteral(x)) return Number(x.text);
  if (ts.isObjectLiteralExpression(x)) return { object: x };
  if (ts.isArrayLiteralExpression(x)) return x.elements.some((el) => ts.isSpreadElement(el)) ? UNKNOWN : { array: x.elements };
  return UNKNOWN;
}

function truthy(v: Value): boolean | typeof UNKNOWN {
  if (v === UNKNOWN) return UNKNOWN;
  if (typeof v === 'object' && v !== null) return true;
  return !!v;
}

export function evaluate(e: ts.Expression, b: Bindings): Value {
  const x = unwrap(e);
  if (ts.isIdentifier(x)) return b.has(x.text) ? (b.get(x.text) as Value) : x.text === 'undefined' ? undefined : UNKNOWN;
  if (ts.isPropertyAccessExpression(x)) {
    const left = evaluate(x.expression, b);
    if (left === UNKNOWN) return UNKNOWN;
    if (left === undefined || left === null) return x.questionDotToken ? undefined : UNKNOWN;
    if (typeof left === 'object' && 'array' in left) return x.name.text === 'length' ? left.array.length : UNKNOWN;
    if (typeof left === 'object' && 'object' in left) {
      for (const p of left.object.properties) {
        if (ts.isPropertyAssignment(p) && propertyName(p.name) === x.name.text) return literalValue(p.initializer);
        if (ts.isSpreadAssignment(p)) return UNKNOWN;
      }
      return undefined;
    }
    if (typeof left === 'string' && x.name.text === 'length') return left.length;
    return UNKNOWN;
  }
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    const t = truthy(evaluate(x.operand, b));
    return t === UNKNOWN ? UNKNOWN : !t;
  }
  if (ts.isBinaryExpression(x)) {
    const op = x.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
      const l = evaluate(x.left, b);
      const lt = truthy(l);
      if (lt === UNKNOWN) return UNKNOWN;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return lt ? evaluate(x.right, b) : l;
      return lt ? l : evaluate(x.right, b);
    }
    if (op === ts.SyntaxKind.QuestionQuestionToken) {
      const l = evaluate(x.left, b);
      if (l === UNKNOWN) return UNKNOWN;
      return l === undefined || l === null ? evaluate(x.right, b) : l;
    }
    const l = evaluate(x.left, b);
    const r = evaluate(x.right, b);
    if (l === UNKNOWN || r === UNKNOWN || (typeof l === 'object' && l !== null) || (typeof r === 'object' && r !== null)) return UNKNOWN;
    switch (op) {
      case ts.SyntaxKind.EqualsEqualsEqualsToken: return l === r;
      case ts.SyntaxKind.ExclamationEqualsEqualsToken: return l !== r;
      // eslint-style loose comparisons on primitives behave like strict ones except null/undefined
      case ts.SyntaxKind.EqualsEqualsToken: return l === r || (l == null && r == null);
      case ts.SyntaxKind.ExclamationEqualsToken: return !(l === r || (l == null && r == null));
      case ts.SyntaxKind.GreaterThanToken: return typeof l === 'number' && typeof r === 'number' ? l > r : UNKNOWN;
      case ts.SyntaxKind.GreaterThanEqualsToken: return typeof l === 'number' && typeof r === 'number' ? l >= r : UNKNOWN;
      case ts.SyntaxKind.LessThanToken: return typeof l === 'number' && typeof r === 'number' ? l < r : UNKNOWN;
      case ts.SyntaxKind.LessThanEqualsToken: return typeof l === 'number' && typeof r === 'number' ? l <= r : UNKNOWN;
      default: return UNKNOWN;
    }
  }
  return literalValue(x);
}

/** true / false, or UNKNOWN when the condition depends on something not bound. */
export function evaluateCondition(e: ts.Expression, b: Bindings): boolean | typeof UNKNOWN {
  return truthy(evaluate(e, b));
}
