/**
 * Facts about schema objects that several rules share, written once so they agree: declared
 * types across versions (3.1 type arrays, Swagger 2 `file`), what bounds a string, a number or
 * an upload, and which formats are bounded by definition.
 */
import { isObject, type JsonObject } from './document';

/** Declared types: `type: x`, 3.1 `type: [x, 'null']`; empty when undeclared. */
export function typesOf(schema: JsonObject): string[] {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

export function hasType(schema: JsonObject, type: string): boolean {
  return typesOf(schema).includes(type);
}

/** The schema's enumerated values bound it: `enum` or `const` (3.1), a single-value `enum` too. */
export function isEnumerated(schema: JsonObject): boolean {
  return (Array.isArray(schema.enum) && schema.enum.length > 0) || 'const' in schema;
}

/**
 * Formats whose values have a bounded length by definition (RFC 3339 dates, UUIDs, addresses,
 * RFC 5321 mail addresses are at most 254 characters, numbers written as strings).
 */
export const BOUNDED_STRING_FORMATS = new Set([
  'uuid', 'date', 'date-time', 'time', 'email', 'idn-email', 'ipv4', 'ipv6', 'hostname', 'idn-hostname',
  'int32', 'int64', 'double', 'float', 'decimal', 'duration', 'byte-size', 'iso-3166', 'country-code', 'currency',
  'ulid', 'uint32', 'uint64', 'int8', 'int16', 'uint8', 'uint16', 'decimal128', 'bcp47', 'language', 'mac',
]);

/** Uploads: Swagger 2 `file`, OAS 3.0 `format: binary|byte`, OAS 3.1 `contentEncoding`/`contentMediaType`. */
export function isBinary(schema: JsonObject): boolean {
  if (hasType(schema, 'file')) return true;
  if (!hasType(schema, 'string') && typesOf(schema).length) return false;
  return schema.format === 'binary' || schema.format === 'byte' || typeof schema.contentEncoding === 'string' || typeof schema.contentMediaType === 'string';
}

/**
 * True when a regular expression is anchored at both ends and has no unbounded quantifier
 * (`*`, `+`, `{n,}`), so every match has a bounded length. A small scanner, not a regex engine:
 * escapes and character classes are skipped, anything it does not understand is "unbounded".
 */
export function isBoundedPattern(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return false;
  let inClass = false;
  for (let i = 1; i < pattern.length - 1; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '*' || c === '+') return false;
    else if (c === '{') {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(pattern.slice(i));
      if (!m || (m[2] === ',' && m[3] === '')) return false;
      i += m[0].length - 1;
    } else if (c === '|' && !insideGroup(pattern, i)) {
      // A top-level alternation unanchors its branches (`^a|b$` matches any text containing b).
      return false;
    }
  }
  return !inClass;
}

function insideGroup(pattern: string, at: number): boolean {
  let depth = 0;
  for (let i = 1; i < at; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
  }
  return depth > 0;
}

/** Why a string schema is bounded, or undefined when nothing bounds it. */
export function stringBound(schema: JsonObject): string | undefined {
  if (typeof schema.maxLength === 'number') return 'maxLength';
  if (isEnumerated(schema)) return 'enum';
  if (typeof schema.format === 'string' && BOUNDED_STRING_FORMATS.has(schema.format.toLowerCase())) return 'format';
  if (typeof schema.pattern === 'string' && isBoundedPattern(schema.pattern)) return 'pattern';
  return undefined;
}

/** Upper bound of a number: `maximum`, or a numeric `exclusiveMaximum` (3.1). */
export function hasUpperBound(schema: JsonObject): boolean {
  return typeof schema.maximum === 'number' || typeof schema.exclusiveMaximum === 'number' || isEnumerated(schema);
}

/** Lower bound of a number: `minimum`, or a numeric `exclusiveMinimum` (3.1). */
export function hasLowerBound(schema: JsonObject): boolean {
  return typeof schema.minimum === 'number' || typeof schema.exclusiveMinimum === 'number' || isEnumerated(schema);
}

/** An object schema whose extra properties are rejected (`additionalProperties: false`, 3.1 `unevaluatedProperties: false`). */
export function isClosedObject(schema: JsonObject): boolean {
  return schema.additionalProperties === false || schema.unevaluatedProperties === false;
}

/** The object shape of a schema: has `properties` or says `type: object`. */
export function isObjectSchema(schema: JsonObject): boolean {
  return hasType(schema, 'object') || (isObject(schema.properties) && typesOf(schema).length === 0);
}

/** Swagger 2 and OAS 3.0 `x-nullable`/`nullable` and 3.1 `type: [.., 'null']` aside, a single main type. */
export function mainType(schema: JsonObject): string | undefined {
  return typesOf(schema).find((t) => t !== 'null');
}
