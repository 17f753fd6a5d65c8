/**
 * zod and Joi object schemas as body facts: each property's type, limits and whether it is
 * required, and what the schema does with properties it does not declare.
 *
 * zod: properties are required unless `.optional()`/`.nullish()`/`.default()`; unknown keys are
 * stripped from the parse result (`.strict()` rejects them, `.passthrough()`/`.catchall()`
 * keeps them). Joi: properties are optional unless `.required()`; unknown keys are rejected
 * unless `.unknown()` or `allowUnknown`. `.max(n)` means maxLength on strings, maxItems on
 * arrays and maximum on numbers in both.
 */
import ts from 'typescript';
import { known, unknown, type Known } from '../../model/operation';
import type { Resolver } from '../values';
import { chainOf, numberArg, spanOf, staticName, type BuilderLibrary, type Chain } from './chain';
import type { BodyProperty, BodyPropertyType, BodySchema, LimitKeyword } from './types';

export type ObjectReading = Omit<BodySchema, 'enforced' | 'appliedBy'> & { library: BuilderLibrary };

const TYPES: Record<string, BodyPropertyType> = {
  string: 'string', number: 'number', bigint: 'integer', boolean: 'boolean', bool: 'boolean', array: 'array', object: 'object',
};

/** Which keyword `.max(n)`/`.min(n)` sets for a property of this type. */
const MAX: Partial<Record<BodyPropertyType, LimitKeyword>> = { string: 'maxLength', array: 'maxItems', number: 'maximum', integer: 'maximum' };
const MIN: Partial<Record<BodyPropertyType, LimitKeyword>> = { string: 'minLength', array: 'minItems', number: 'minimum', integer: 'minimum' };

const MAX_DEPTH = 6;

/** The object schema an expression builds, when it is a zod/Joi object schema. */
export function readObjectSchema(expr: ts.Expression, resolver: Resolver, depth = 0): ObjectReading | undefined {
  const chain = chainOf(expr, resolver);
  if (!chain || chain.base !== 'object' || depth > MAX_DEPTH) return undefined;
  const out: ObjectReading = {
    library: chain.library,
    name: nameOf(expr, chain.library),
    at: spanOf(expr),
    properties: new Map(),
    complete: true,
    unknownKeys: known(chain.library === 'zod' ? 'strip' : 'reject'),
  };
  const shape = chain.baseCall.arguments[0];
  if (shape) addShape(out, shape, resolver, depth);
  for (const m of chain.methods) applyObjectMethod(out, chain, m.name, m.call, resolver, depth);
  return out;
}

/** How messages name the schema: as written when short (`NewUser`, `NewUser.strict()`), else by its kind. */
function nameOf(expr: ts.Expression, library: BuilderLibrary): string {
  const text = expr.getText();
  if (text.length <= 40 && !text.includes('\n') && !text.includes('{')) return text;
  return `${library === 'zod' ? 'z' : 'Joi'}.object({…})`;
}

function addShape(out: ObjectReading, shape: ts.Expression, resolver: Resolver, depth: number): void {
  let e = shape;
  if (ts.isIdentifier(e)) {
    const v = resolver.resolve(e);
    if (v.kind === 'object') e = v.node;
  }
  if (!ts.isObjectLiteralExpression(e)) {
    out.complete = false;
    return;
  }
  for (const p of e.properties) {
    const name = staticName(p.name);
    if (name === undefined || !(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))) {
      out.complete = false;
      continue;
    }
    const init = ts.isPropertyAssignment(p) ? p.initializer : p.name;
    out.properties.set(name, readProperty(name, init, p, out.library, resolver, depth));
  }
}

function applyObjectMethod(out: ObjectReading, chain: Chain, name: string, call: ts.CallExpression, resolver: Resolver, depth: number): void {
  const arg = call.arguments[0];
  if (chain.library === 'zod') {
    if (name === 'strict') out.unknownKeys = known('reject');
    else if (name === 'strip') out.unknownKeys = known('strip');
    else if (name === 'passthrough' || name === 'catchall') out.unknownKeys = known('allow');
    else if (name === 'extend' && arg) addShape(out, arg, resolver, depth);
    else if (name === 'merge' && arg) merge(out, readObjectSchema(arg, resolver, depth + 1));
    else if (name === 'partial' && !arg) for (const p of out.properties.values()) p.required = known(false);
    else if (name === 'required' && !arg) for (const p of out.properties.values()) p.required = known(true);
    else if ((name === 'pick' || name === 'omit') && arg && ts.isObjectLiteralExpression(arg)) {
      const keys = new Set(arg.properties.map((p) => staticName(p.name)).filter((k): k is string => k !== undefined));
      for (const k of [...out.properties.keys()]) if (keys.has(k) !== (name === 'pick')) out.properties.delete(k);
    } else if (name === 'partial' || name === 'required' || name === 'pick' || name === 'omit' || name === 'deepPartial') out.complete = false;
    return;
  }
  if ((name === 'keys' || name === 'append') && arg) addShape(out, arg, resolver, depth);
  else if (name === 'unknown') out.unknownKeys = !arg || isTrue(arg) ? known('allow') : isFalse(arg) ? known('reject') : unknown('`.unknown()` takes a computed value');
  else if (name === 'options' || name === 'prefs' || name === 'preferences') {
    const o = arg && ts.isObjectLiteralExpression(arg) ? arg : undefined;
    const allow = o?.properties.find((p) => staticName(p.name) === 'allowUnknown');
    const strip = o?.properties.find((p) => staticName(p.name) === 'stripUnknown');
    if (!o) out.unknownKeys = unknown('options are computed');
    else if (allow && ts.isPropertyAssignment(allow) && isTrue(allow.initializer)) out.unknownKeys = known('allow');
    else if (strip && ts.isPropertyAssignment(strip) && isTrue(strip.initializer)) out.unknownKeys = known('strip');
  } else if (name === 'pattern') out.unknownKeys = known('allow');
}

function merge(out: ObjectReading, other: ObjectReading | undefined): void {
  if (!other) {
    out.complete = false;
    return;
  }
  for (const [k, p] of other.properties) out.properties.set(k, p);
  out.complete &&= other.complete;
  out.unknownKeys = other.unknownKeys;
}

const isTrue = (e: ts.Expression) => e.kind === ts.SyntaxKind.TrueKeyword;
const isFalse = (e: ts.Expression) => e.kind === ts.SyntaxKind.FalseKeyword;

function readProperty(name: string, init: ts.Expression, decl: ts.Node, library: BuilderLibrary, resolver: Resolver, depth: number): BodyProperty {
  const at = spanOf(decl);
  const chain = chainOf(init, resolver);
  if (!chain) {
    return { name, type: 'unknown', limits: {}, limitAt: {}, required: unknown(`\`${init.getText().slice(0, 40)}\` is not a schema the reader follows`), at, opaque: true, insertAt: { file: at.file, offset: init.getEnd(), style: 'chain' } };
  }
  let type: BodyPropertyType = TYPES[chain.base] ?? 'unknown';
  // z.enum([...]), z.literal(...), z.nativeEnum(...): a fixed set of values.
  const enumerated = chain.base === 'enum' || chain.base === 'literal' || chain.base === 'nativeEnum';
  const prop: BodyProperty = {
    name, type, limits: {}, limitAt: {}, at,
    required: known(library === 'zod'),
    insertAt: { file: chain.baseCall.getSourceFile().fileName, offset: chain.baseCall.getEnd(), style: 'chain' },
    ...(enumerated ? { boundedBy: `z.${chain.base}()` } : {}),
  };
  const set = (kw: LimitKeyword | undefined, call: ts.CallExpression) => {
    const n = numberArg(call.arguments[0], resolver);
    if (!kw) return;
    if (n === undefined) {
      prop.opaque = true; // a computed bound: the limit exists but its value is unknown
      return;
    }
    prop.limits[kw] = n;
    prop.limitAt[kw] = spanOf(call.arguments[0]);
  };
  for (const m of chain.methods) {
    switch (m.name) {
      case 'max': case 'lte': set(MAX[type], m.call); break;
      case 'min': case 'gte': set(MIN[type], m.call); break;
      case 'length': set(MAX[type], m.call); set(MIN[type], m.call); break;
      case 'nonempty': if (MIN[type]) prop.limits[MIN[type]!] = 1; break;
      case 'int': case 'integer': if (type === 'number') prop.type = type = 'integer'; break;
      case 'optional': case 'nullish': case 'default': prop.required = known(false); break;
      case 'required': if (library === 'joi') prop.required = known(true); break;
      case 'exist': if (library === 'joi') prop.required = known(true); break;
      case 'forbidden': case 'strip': prop.opaque = true; break;
      case 'uuid': case 'guid': case 'cuid': case 'cuid2': case 'ulid': case 'datetime': case 'date': case 'time': case 'ip': case 'email': case 'isoDate': case 'valid':
        prop.boundedBy ??= `.${m.name}()`;
        break;
      default: break;
    }
  }
  if (depth < MAX_DEPTH) {
    // Nested shapes: an object's properties, an array's items (`z.array(x)`, Joi `.items(x)`).
    if (chain.base === 'object') {
      const nested = readObjectSchema(init, resolver, depth + 1);
      if (nested) prop.properties = nested.properties;
    }
    const itemExpr = chain.base === 'array' ? (library === 'zod' ? chain.baseCall.arguments[0] : chain.methods.find((m) => m.name === 'items')?.call.arguments[0]) : undefined;
    if (itemExpr) prop.items = readProperty('[]', itemExpr, itemExpr, library, resolver, depth + 1);
  }
  return prop;
}
