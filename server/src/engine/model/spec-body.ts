/**
 * What an API description says about an operation's request body, in the terms the code's
 * body facts use (code/schemas/types.ts): the JSON (or form) body schema, its top-level
 * properties with their types and limits, `readOnly` properties, and whether it is closed
 * (`additionalProperties: false`). Local `$ref`s and `allOf` are followed; a body behind a
 * reference into another file, or built from `oneOf`/`anyOf`, is reported as incomplete rather
 * than guessed.
 */
import { getAt, isObject, resolveLocal, type JsonObject, type OpenApiDocument, type Pointer } from '../openapi/document';
import { typesOf } from '../openapi/schema-facts';
import type { BodyPropertyType, LimitKeyword, Limits } from '../code/schemas/types';
import type { Operation } from './operation';

export interface SpecBodyProperty {
  name: string;
  /** Where the property is declared (`…/properties/name`): findings point here. */
  pointer: Pointer;
  /** The property's schema after `$ref`s: edits go here. */
  schemaPointer: Pointer;
  type: BodyPropertyType;
  limits: Limits;
  readOnly: boolean;
  /** Nested object properties (after `$ref`s and `allOf`). */
  properties?: Map<string, SpecBodyProperty>;
  /** An array's item schema. */
  items?: SpecBodyProperty;
}

export interface SpecBody {
  doc: OpenApiDocument;
  /** The body schema (after `$ref`s). */
  pointer: Pointer;
  /** `additionalProperties: false` on the body schema. */
  closed: boolean;
  properties: Map<string, SpecBodyProperty>;
  /** False when properties may come from a remote `$ref` or a `oneOf`/`anyOf` the reader does not merge. */
  complete: boolean;
}

export const LIMIT_KEYWORDS: readonly LimitKeyword[] = ['maxLength', 'minLength', 'maxItems', 'minItems', 'maximum', 'minimum'];

const MEDIA = [/^application\/json$/i, /[/+]json\b/i, /^application\/x-www-form-urlencoded$/i];

export function specBodyOf(doc: OpenApiDocument, op: Operation): SpecBody | undefined {
  const opPointer = op.at.pointer;
  if (!opPointer) return undefined;
  const value = getAt(doc.root, opPointer);
  if (!isObject(value)) return undefined;
  const schema = doc.version === '2.0' ? swagger2Schema(doc, value, opPointer) : oas3Schema(doc, value, opPointer);
  return schema && readSchema(doc, schema.value, schema.pointer);
}

/**
 * The operation's query parameters as one object schema, so they compare with the code's query
 * schema like body properties do: path-item parameters too (the operation's win), local `$ref`s
 * followed; a parameter's finding points at its definition, edits go to its schema (OAS 3) or to
 * the parameter itself (Swagger 2, where the parameter carries the keywords).
 */
export function specQueryOf(doc: OpenApiDocument, op: Operation): SpecBody | undefined {
  const opPointer = op.at.pointer;
  if (!opPointer) return undefined;
  const out: SpecBody = { doc, pointer: opPointer, closed: false, properties: new Map(), complete: true };
  for (const level of [opPointer.slice(0, -1), opPointer]) {
    const params = getAt(doc.root, [...level, 'parameters']);
    if (!Array.isArray(params)) continue;
    params.forEach((raw, i) => {
      const p = resolveLocal(doc, raw, [...level, 'parameters', i]);
      if (!isObject(p.value) || p.value.in !== 'query' || typeof p.value.name !== 'string') {
        if (isObject(raw) && typeof raw.$ref === 'string' && !isObject(p.value)) out.complete = false;
        return;
      }
      const schema = doc.version === '2.0' ? p : resolveLocal(doc, p.value.schema, [...p.pointer, 'schema']);
      if (!isObject(schema.value)) return;
      out.properties.set(p.value.name, { name: p.value.name, pointer: p.pointer, schemaPointer: schema.pointer, type: typeOf(schema.value), limits: limitsOf(schema.value), readOnly: false });
    });
  }
  return out.properties.size ? out : undefined;
}

function oas3Schema(doc: OpenApiDocument, op: JsonObject, pointer: Pointer): { value: unknown; pointer: Pointer } | undefined {
  const body = resolveLocal(doc, op.requestBody, [...pointer, 'requestBody']);
  if (!isObject(body.value) || !isObject(body.value.content)) return undefined;
  const content = body.value.content;
  const media = MEDIA.map((re) => Object.keys(content).find((k) => re.test(k))).find((k) => k !== undefined);
  if (media === undefined) return undefined;
  const m = content[media];
  if (!isObject(m) || m.schema === undefined) return undefined;
  return resolveLocal(doc, m.schema, [...body.pointer, 'content', media, 'schema']);
}

function swagger2Schema(doc: OpenApiDocument, op: JsonObject, pointer: Pointer): { value: unknown; pointer: Pointer } | undefined {
  if (!Array.isArray(op.parameters)) return undefined;
  for (let i = 0; i < op.parameters.length; i++) {
    const p = resolveLocal(doc, op.parameters[i], [...pointer, 'parameters', i]);
    if (isObject(p.value) && p.value.in === 'body' && p.value.schema !== undefined) return resolveLocal(doc, p.value.schema, [...p.pointer, 'schema']);
  }
  return undefined;
}

function readSchema(doc: OpenApiDocument, value: unknown, pointer: Pointer): SpecBody | undefined {
  if (!isObject(value)) return undefined;
  const out: SpecBody = { doc, pointer, closed: value.additionalProperties === false, properties: new Map(), complete: typeof value.$ref !== 'string' };
  addProperties(doc, out, value, pointer, 0);
  return out;
}

function addProperties(doc: OpenApiDocument, out: SpecBody, schema: JsonObject, pointer: Pointer, depth: number): void {
  if (depth > 8) {
    out.complete = false;
    return;
  }
  if (Array.isArray(schema.allOf)) {
    schema.allOf.forEach((member, i) => {
      const r = resolveLocal(doc, member, [...pointer, 'allOf', i]);
      if (isObject(r.value) && typeof r.value.$ref !== 'string') addProperties(doc, out, r.value, r.pointer, depth + 1);
      else out.complete = false;
    });
  }
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) out.complete = false;
  if (!isObject(schema.properties)) return;
  for (const name of Object.keys(schema.properties)) {
    const declared: Pointer = [...pointer, 'properties', name];
    const p = propertyAt(doc, schema.properties[name], declared, name, depth);
    if (!p) continue;
    if (isObject(schema.properties[name]) && (schema.properties[name] as JsonObject).readOnly === true) p.readOnly = true;
    out.properties.set(name, p);
  }
}

/** One property schema (declared at `declared`), with its nested properties and items. */
function propertyAt(doc: OpenApiDocument, raw: unknown, declared: Pointer, name: string, depth: number): SpecBodyProperty | undefined {
  const r = resolveLocal(doc, raw, declared);
  if (!isObject(r.value)) return undefined;
  const p: SpecBodyProperty = { name, pointer: declared, schemaPointer: r.pointer, type: typeOf(r.value), limits: limitsOf(r.value), readOnly: r.value.readOnly === true };
  if (depth >= 6) return p;
  if (isObject(r.value.properties) || Array.isArray(r.value.allOf)) {
    const inner: SpecBody = { doc, pointer: r.pointer, closed: r.value.additionalProperties === false, properties: new Map(), complete: true };
    addProperties(doc, inner, r.value, r.pointer, depth + 1);
    p.properties = inner.properties;
  }
  if (r.value.items !== undefined && !Array.isArray(r.value.items)) p.items = propertyAt(doc, r.value.items, [...r.pointer, 'items'], '[]', depth + 1);
  return p;
}

function typeOf(schema: JsonObject): BodyPropertyType {
  const t = typesOf(schema).filter((x) => x !== 'null');
  if (t.length !== 1) return 'unknown';
  return (['string', 'number', 'integer', 'boolean', 'array', 'object'] as const).find((x) => x === t[0]) ?? 'unknown';
}

function limitsOf(schema: JsonObject): Limits {
  const out: Limits = {};
  for (const k of LIMIT_KEYWORDS) {
    const v = schema[k];
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out;
}
