/**
 * NestJS DTO classes as body facts: each property's type and limits from class-validator
 * decorators (`@IsString() @MaxLength(100)`, `@Length(2, 50)`, `@ArrayMaxSize(10)`, `@Max(5)`,
 * `@IsInt()`, `@IsOptional()`), the TypeScript annotation when no decorator says the type, and
 * the properties of base classes (`extends BaseDto`, `PartialType(X)`, `PickType`/`OmitType`
 * with literal keys). Decorators are recognised by where they are imported from (the project's
 * Resolver follows re-exports), never by name alone; a project decorator we cannot see through
 * makes the property opaque.
 */
import ts from 'typescript';
import { known, unknown } from '../../model/operation';
import { literalString, unwrap } from '../ast';
import { returnedExpressions, type Resolver } from '../values';
import { numberArg, spanOf, staticName } from './chain';
import type { BodyProperty, BodyPropertyType, LimitKeyword } from './types';

export interface DtoReading {
  name: string;
  properties: Map<string, BodyProperty>;
  complete: boolean;
}

const TYPE_DECORATORS: Record<string, BodyPropertyType> = {
  IsString: 'string', IsEmail: 'string', IsUUID: 'string', IsUrl: 'string', IsAlpha: 'string', IsAlphanumeric: 'string', Matches: 'string',
  IsDateString: 'string', IsISO8601: 'string', IsPhoneNumber: 'string', IsHexColor: 'string', IsJWT: 'string', IsMongoId: 'string',
  IsNumber: 'number', IsPositive: 'number', IsNegative: 'number', IsInt: 'integer', IsBoolean: 'boolean', IsArray: 'array', IsObject: 'object',
};
/** Decorators that set one limit from their first argument. */
const LIMIT_DECORATORS: Record<string, LimitKeyword> = {
  MaxLength: 'maxLength', MinLength: 'minLength', ArrayMaxSize: 'maxItems', ArrayMinSize: 'minItems', Max: 'maximum', Min: 'minimum',
};
/** Decorators that accept only values of bounded length. */
const BOUNDED = new Set(['IsUUID', 'IsEmail', 'IsDateString', 'IsISO8601', 'IsMongoId', 'IsIP', 'IsIn', 'IsEnum', 'IsHexColor', 'IsISO31661Alpha2', 'IsCurrency']);
const MAPPED_TYPES = new Set(['@nestjs/mapped-types', '@nestjs/swagger', '@nestjs/graphql']);
const MAX_DEPTH = 6;

/**
 * Per Resolver (one per code build), then per class: a DTO's reading depends on other files
 * (constants, base classes), so a class node alone would keep a stale answer after they change.
 */
const caches = new WeakMap<Resolver, WeakMap<ts.ClassLikeDeclaration, DtoReading>>();

export function readDto(cls: ts.ClassLikeDeclaration, resolver: Resolver, depth = 0): DtoReading {
  let cache = caches.get(resolver);
  if (!cache) caches.set(resolver, (cache = new WeakMap()));
  const hit = cache.get(cls);
  if (hit) return hit;
  const out: DtoReading = { name: cls.name?.text ?? 'an anonymous class', properties: new Map(), complete: true };
  if (depth > MAX_DEPTH) return { ...out, complete: false };
  cache.set(cls, out); // a class that (wrongly) extends itself stops here
  inherit(out, cls, resolver, depth);
  for (const m of cls.members) {
    if (!ts.isPropertyDeclaration(m) || (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
    const name = staticName(m.name);
    if (name === undefined) {
      out.complete = false;
      continue;
    }
    out.properties.set(name, readProperty(name, m, resolver, depth));
  }
  return out;
}

function inherit(out: DtoReading, cls: ts.ClassLikeDeclaration, resolver: Resolver, depth: number): void {
  const heritage = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  if (!heritage) return;
  const e = unwrap(heritage.expression);
  const base = resolver.resolve(e);
  if (base.kind === 'class') {
    copy(out, readDto(base.node, resolver, depth + 1));
    return;
  }
  // PartialType(CreateDto), PickType(CreateDto, ['a']), OmitType(CreateDto, ['a'])
  if (ts.isCallExpression(e)) {
    const fn = resolver.resolve(e.expression);
    const of = e.arguments[0] && resolver.resolve(e.arguments[0]);
    if (fn.kind === 'external' && MAPPED_TYPES.has(fn.module) && of?.kind === 'class') {
      const kind = fn.path[fn.path.length - 1];
      const inner = readDto(of.node, resolver, depth + 1);
      const keys = e.arguments[1] && ts.isArrayLiteralExpression(unwrap(e.arguments[1]))
        ? new Set((unwrap(e.arguments[1]) as ts.ArrayLiteralExpression).elements.map((x) => literalString(x)))
        : undefined;
      if (kind === 'PartialType') {
        copy(out, inner);
        for (const p of out.properties.values()) p.required = known(false);
        return;
      }
      if ((kind === 'PickType' || kind === 'OmitType') && keys && !keys.has(undefined)) {
        copy(out, inner);
        for (const k of [...out.properties.keys()]) if (keys.has(k) !== (kind === 'PickType')) out.properties.delete(k);
        return;
      }
    }
  }
  out.complete = false;
}

function copy(out: DtoReading, from: DtoReading): void {
  for (const [k, p] of from.properties) out.properties.set(k, { ...p, limits: { ...p.limits }, limitAt: { ...p.limitAt } });
  out.complete &&= from.complete;
}

function typeFromAnnotation(t: ts.TypeNode | undefined): BodyPropertyType {
  if (!t) return 'unknown';
  if (t.kind === ts.SyntaxKind.StringKeyword) return 'string';
  if (t.kind === ts.SyntaxKind.NumberKeyword) return 'number';
  if (t.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
  if (ts.isArrayTypeNode(t) || (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && (t.typeName.text === 'Array' || t.typeName.text === 'ReadonlyArray'))) return 'array';
  return 'unknown';
}

function readProperty(name: string, m: ts.PropertyDeclaration, resolver: Resolver, depth: number): BodyProperty {
  const sf = m.getSourceFile();
  const start = m.getStart(sf);
  const lineStart = sf.text.lastIndexOf('\n', start - 1) + 1;
  const prop: BodyProperty = {
    name,
    type: typeFromAnnotation(m.type),
    limits: {},
    limitAt: {},
    // Without @IsOptional, a missing property fails its other validators.
    required: known(!m.questionToken),
    at: spanOf(m.name),
    insertAt: { file: sf.fileName, offset: start, style: 'decorator', indent: sf.text.slice(lineStart, start) },
  };
  // `{ each: true }` decorators validate the items of an array property.
  let items: BodyProperty | undefined;
  const itemsOf = (): BodyProperty => (items ??= { name: '[]', type: typeFromAnnotation(elementType(m.type)), limits: {}, limitAt: {}, required: known(true), at: prop.at, insertAt: prop.insertAt });
  let typed = false;
  let itemTyped = false;
  let nested: ts.ClassLikeDeclaration | undefined;
  let validateNested = false;
  for (const d of ts.getDecorators(m) ?? []) {
    const e = unwrap(d.expression);
    const call = ts.isCallExpression(e) ? e : undefined;
    const v = resolver.resolve(call ? call.expression : e);
    if (v.kind !== 'external') {
      // A project decorator (applyDecorators(...)) may set limits we do not read.
      if (v.kind === 'function') prop.opaque = true;
      continue;
    }
    const dn = v.path.filter((p) => p !== '()').pop() ?? '';
    const args = call?.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    if (v.module === 'class-transformer' && dn === 'Type') {
      // @Type(() => AddressDto): the class nested values are validated against.
      const fn = args[0] && unwrap(args[0]);
      const ret = fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? returnedExpressions(fn)[0] : undefined;
      const cls = ret && resolver.resolve(ret);
      if (cls?.kind === 'class') nested = cls.node;
      continue;
    }
    if (v.module !== 'class-validator') continue;
    if (dn === 'ValidateNested') {
      validateNested = true;
      continue;
    }
    const each = eachOption(args);
    const target = each ? itemsOf() : prop;
    if (BOUNDED.has(dn)) target.boundedBy ??= `@${dn}()`;
    if (dn === 'IsOptional') prop.required = known(false);
    else if (dn in TYPE_DECORATORS) {
      // IsInt wins over IsNumber.
      if (each) {
        if (!itemTyped || TYPE_DECORATORS[dn] === 'integer') target.type = TYPE_DECORATORS[dn];
        itemTyped = true;
      } else {
        if (!typed || TYPE_DECORATORS[dn] === 'integer') target.type = TYPE_DECORATORS[dn];
        typed = true;
      }
    } else if (dn in LIMIT_DECORATORS) setLimit(target, LIMIT_DECORATORS[dn], args[0], resolver);
    else if (dn === 'Length') {
      setLimit(target, 'minLength', args[0], resolver);
      if (args[1]) setLimit(target, 'maxLength', args[1], resolver);
    }
  }
  if (validateNested && nested && depth < MAX_DEPTH) {
    const inner = readDto(nested, resolver, depth + 1);
    if (prop.type === 'array') {
      const it = itemsOf();
      it.type = 'object';
      it.properties = inner.properties;
    } else {
      prop.type = 'object';
      prop.properties = inner.properties;
    }
  } else if (validateNested && prop.type === 'unknown') prop.type = 'object';
  if (items && prop.type === 'array') prop.items = items;
  if (prop.type === 'unknown' && !prop.opaque) prop.required = prop.required.known ? prop.required : unknown('no type');
  return prop;
}

function elementType(t: ts.TypeNode | undefined): ts.TypeNode | undefined {
  if (t && ts.isArrayTypeNode(t)) return t.elementType;
  if (t && ts.isTypeReferenceNode(t) && t.typeArguments?.length === 1) return t.typeArguments[0];
  return undefined;
}

function eachOption(args: readonly ts.Expression[]): boolean {
  return args.some((a) => {
    const o = unwrap(a);
    return ts.isObjectLiteralExpression(o) && o.properties.some((p) => staticName(p.name) === 'each' && ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
  });
}

function setLimit(prop: BodyProperty, kw: LimitKeyword, arg: ts.Expression | undefined, resolver: Resolver): void {
  const n = numberArg(arg, resolver);
  if (n === undefined || !arg) {
    prop.opaque = true;
    return;
  }
  prop.limits[kw] = n;
  prop.limitAt[kw] = spanOf(arg);
}
