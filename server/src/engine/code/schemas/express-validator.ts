/**
 * express-validator chains as body facts: `body('name').isString().isLength({ max: 100 })`,
 * `body('age').optional().isInt({ min: 0, max: 150 })`, `body('tags').isArray({ max: 10 })`.
 * Each chain validates one field; the route's chains together describe the body. Only
 * top-level fields are read (`address.city` and `items.*` are left out), and express-validator
 * never strips or rejects undeclared fields, so unknown keys are always let through.
 */
import ts from 'typescript';
import { known } from '../../model/operation';
import { literalString, unwrap } from '../ast';
import type { Resolver } from '../values';
import { chainOf, numberArg, spanOf, staticName } from './chain';
import type { BodyProperty, BodyPropertyType, LimitKeyword, RequestPart } from './types';

/** Where each chain looks: `body()`/`query()` read one part; `check()` reads every request location. */
const PARTS: Record<string, RequestPart[]> = { body: ['body'], query: ['query'], check: ['body', 'query'] };

const TYPE_METHODS: Record<string, BodyPropertyType> = {
  isString: 'string', isEmail: 'string', isUUID: 'string', isURL: 'string', isAlpha: 'string', isAlphanumeric: 'string', matches: 'string',
  isInt: 'integer', isFloat: 'number', isNumeric: 'number', isDecimal: 'number', isBoolean: 'boolean', isArray: 'array', isObject: 'object',
};
/** Validators that accept only values of bounded length. */
const BOUNDED = new Set(['isUUID', 'isEmail', 'isISO8601', 'isMongoId', 'isIP', 'isIn', 'isDate', 'isHexColor']);
/** Methods whose `{ min, max }` options bound the value, and what they bound. */
const RANGE_METHODS: Record<string, [LimitKeyword, LimitKeyword]> = {
  isLength: ['minLength', 'maxLength'], isInt: ['minimum', 'maximum'], isFloat: ['minimum', 'maximum'], isArray: ['minItems', 'maxItems'],
};

export function readValidatorChain(expr: ts.Expression, resolver: Resolver): { property: BodyProperty; parts: RequestPart[] } | undefined {
  const chain = chainOf(expr, resolver);
  const parts = chain && chain.library === 'express-validator' ? PARTS[chain.base] : undefined;
  if (!chain || !parts) return undefined;
  const field = chain.baseCall.arguments[0] && literalString(chain.baseCall.arguments[0]);
  if (field === undefined || !/^[A-Za-z_$][\w$-]*$/.test(field)) return undefined;
  const prop: BodyProperty = {
    name: field,
    type: 'unknown',
    limits: {},
    limitAt: {},
    // A missing field fails the validators after it unless `.optional()` says otherwise.
    required: known(true),
    at: spanOf(chain.baseCall),
    insertAt: { file: chain.baseCall.getSourceFile().fileName, offset: chain.baseCall.getEnd(), style: 'validator-chain' },
  };
  for (const m of chain.methods) {
    if (m.name === 'optional') prop.required = known(false);
    if (BOUNDED.has(m.name)) prop.boundedBy ??= `.${m.name}()`;
    const t = TYPE_METHODS[m.name];
    if (t && (prop.type === 'unknown' || t === 'integer' || t === 'array')) prop.type = t;
    const range = RANGE_METHODS[m.name];
    const o = m.call.arguments[0] && unwrap(m.call.arguments[0]);
    if (!range || !o) continue;
    if (!ts.isObjectLiteralExpression(o)) {
      prop.opaque = true;
      continue;
    }
    for (const p of o.properties) {
      const key = staticName(p.name);
      if ((key !== 'min' && key !== 'max') || !ts.isPropertyAssignment(p)) continue;
      const n = numberArg(p.initializer, resolver);
      const kw = range[key === 'min' ? 0 : 1];
      if (n === undefined) {
        prop.opaque = true;
        continue;
      }
      prop.limits[kw] = n;
      prop.limitAt[kw] = spanOf(p.initializer);
    }
  }
  if (m0IsLengthOnly(prop)) prop.type = 'string';
  return { property: prop, parts };
}

/** `body('name').isLength({ max: 100 })` alone: a length on a value without a declared type is a string length. */
function m0IsLengthOnly(prop: BodyProperty): boolean {
  return prop.type === 'unknown' && (prop.limits.maxLength !== undefined || prop.limits.minLength !== undefined);
}
