/**
 * What an API description says about an operation's request body, in the terms the code's
 * body facts use (code/schemas/types.ts): the JSON (or form) body schema, its top-level
 * properties with their types and limits, `readOnly` properties, and whether it is closed
 * (`additionalProperties: false`). `$ref`s (also into other files, through the spec's
 * `SpecApi.resolve`) and `allOf` are followed, and every pointer comes with the document that
 * holds it; a body built from `oneOf`/`anyOf`, or behind a reference that does not resolve, is
 * reported as incomplete rather than guessed.
 */
import { getAt, isObject, type JsonObject, type OpenApiDocument, type Pointer } from '../openapi/document';
import { typesOf } from '../openapi/schema-facts';
import type { BodyPropertyType, LimitKeyword, Limits } from '../code/schemas/types';
import type { SpecApi } from './match';
import type { Operation } from './operation';

type Resolve = SpecApi['resolve'];

export interface SpecBodyProperty {
  name: string;
  /** Where the property is declared (`…/properties/name`), in `doc`: findings point here. */
  doc: OpenApiDocument;
  pointer: Pointer;
  /** The property's schema after `$ref`s, in `schemaDoc`: edits go here. */
  schemaDoc: OpenApiDocument;
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
  /** The body schema (after `$ref`s) and the document that holds it. */
  doc: OpenApiDocument;
  pointer: Pointer;
  /** `additionalProperties: false` on the body schema. */
  closed: boolean;
  properties: Map<string, SpecBodyProperty>;
  /** False when properties may come from a `$ref` that does not resolve or a `oneOf`/`anyOf` the reader does not merge. */
  complete: boolean;
}

export const LIMIT_KEYWORDS: readonly LimitKeyword[] = ['maxLength', 'minLength', 'maxItems', 'minItems', 'maximum', 'minimum'];

const MEDIA = [/^application\/json$/i, /[/+]json\b/i, /^application\/x-www-form-urlencoded$/i];

export function specBodyOf(api: SpecApi, op: Operation): SpecBody | undefined {
  const opPointer = op.at.pointer;
  if (!opPointer) return undefined;
  const doc = api.docOf(op);
  const value = getAt(doc.root, opPointer);
  if (!isObject(value)) return undefined;
  const schema = api.doc.version === '2.0' ? swagger2Schema(api.resolve, doc, value, opPointer) : oas3Schema(api.resolve, doc, value, opPointer);
  return schema && readSchema(api.resolve, schema.doc, schema.value, schema.pointer);
}

/**
 * The operation's query parameters as one object schema, so they compare with the code's query
 * schema like body properties do: path-item parameters too (the operation's win), local `$ref`s
 * followed; a parameter's finding points at its definition, edits go to its schema (OAS 3) or to
 * the parameter itself (Swagger 2, where the parameter carries the keywords).
 */
export function specQueryOf(api: SpecApi, op: Operation): SpecBody | undefined {
  const opPointer = op.at.pointer;
  if (!opPointer) return undefined;
  const doc = api.docOf(op);
  const swagger2 = api.doc.version === '2.0';
  const out: SpecBody = { doc, pointer: opPointer, closed: false, properties: new Map(), complete: true };
  for (const level of [opPointer.slice(0, -1), opPointer]) {
    const params = getAt(doc.root, [...level, 'parameters']);
    if (!Array.isArray(params)) continue;
    params.forEach((raw, i) => {
      const p = api.resolve(raw, doc, [...level, 'parameters', i]);
      if (!isObject(p.value) || p.value.in !== 'query' || typeof p.value.name !== 'string') {
        if (isRef(p.value)) out.complete = false;
        return;
      }
      const schema = swagger2 ? p : api.resolve(p.value.schema, p.doc, [...p.pointer, 'schema']);
      if (!isObject(schema.value)) return;
      out.properties.set(p.value.name, {
        name: p.value.name, doc: p.doc, pointer: p.pointer, schemaDoc: schema.doc, schemaPointer: schema.pointer,
        type: typeOf(schema.value), limits: limitsOf(schema.value), readOnly: false,
      });
    });
  }
  return out.properties.size ? out : undefined;
}

/** A `$ref` left unresolved (a missing file or target, a remote reference). */
function isRef(value: unknown): boolean {
  return isObject(value) && typeof value.$ref === 'string';
}

type Located = ReturnType<Resolve>;

function oas3Schema(resolve: Resolve, doc: OpenApiDocument, op: JsonObject, pointer: Pointer): Located | undefined {
  const body = resolve(op.requestBody, doc, [...pointer, 'requestBody']);
  if (!isObject(body.value) || !isObject(body.value.content)) return undefined;
  const content = body.value.content;
  const media = MEDIA.map((re) => Object.keys(content).find((k) => re.test(k))).find((k) => k !== undefined);
  if (media === undefined) return undefined;
  const m = content[media];
  if (!isObject(m) || m.schema === undefined) return undefined;
  return resolve(m.schema, body.doc, [...body.pointer, 'content', media, 'schema']);
}

function swagger2Schema(resolve: Resolve, doc: OpenApiDocument, op: JsonObject, pointer: Pointer): Located | undefined {
  if (!Array.isArray(op.parameters)) return undefined;
  for (let i = 0; i < op.parameters.length; i++) {
    const p = resolve(op.parameters[i], doc, [...pointer, 'parameters', i]);
    if (isObject(p.value) && p.value.in === 'body' && p.value.schema !== undefined) return resolve(p.value.schema, p.doc, [...p.pointer, 'schema']);
  }
  return undefined;
}

function readSchema(resolve: Resolve, doc: OpenApiDocument, value: unknown, pointer: Pointer): SpecBody | undefined {
  if (!isObject(value)) return undefined;
  const out: SpecBody = { doc, pointer, closed: value.additionalProperties === false, properties: new Map(), complete: !isRef(value) };
  addProperties(resolve, doc, out, value, pointer, 0);
  return out;
}

function addProperties(resolve: Resolve, doc: OpenApiDocument, out: SpecBody, schema: JsonObject, pointer: Pointer, depth: number): void {
  if (depth > 8) {
    out.complete = false;
    return;
  }
  if (Array.isArray(schema.allOf)) {
    schema.allOf.forEach((member, i) => {
      const r = resolve(member, doc, [...pointer, 'allOf', i]);
      if (isObject(r.value) && !isRef(r.value)) addProperties(resolve, r.doc, out, r.value, r.pointer, depth + 1);
      else out.complete = false;
    });
  }
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) out.complete = false;
  if (!isObject(schema.properties)) return;
  for (const name of Object.keys(schema.properties)) {
    const declared: Pointer = [...pointer, 'properties', name];
    const p = propertyAt(resolve, doc, schema.properties[name], declared, name, depth);
    if (!p) continue;
    if (isObject(schema.properties[name]) && (schema.properties[name] as JsonObject).readOnly === true) p.readOnly = true;
    out.properties.set(name, p);
  }
}

/** One property schema (declared at `declared` in `doc`), with its nested properties and items. */
function propertyAt(resolve: Resolve, doc: OpenApiDocument, raw: unknown, declared: Pointer, name: string, depth: number): SpecBodyProperty | undefined {
  const r = resolve(raw, doc, declared);
  if (!isObject(r.value)) return undefined;
  const p: SpecBodyProperty = {
    name, doc, pointer: declared, schemaDoc: r.doc, schemaPointer: r.pointer,
    type: typeOf(r.value), limits: limitsOf(r.value), readOnly: r.value.readOnly === true,
  };
  if (depth >= 6) return p;
  if (isObject(r.value.properties) || Array.isArray(r.value.allOf)) {
    const inner: SpecBody = { doc: r.doc, pointer: r.pointer, closed: r.value.additionalProperties === false, properties: new Map(), complete: true };
    addProperties(resolve, r.doc, inner, r.value, r.pointer, depth + 1);
    p.properties = inner.properties;
  }
  if (r.value.items !== undefined && !Array.isArray(r.value.items)) p.items = propertyAt(resolve, r.doc, r.value.items, [...r.pointer, 'items'], '[]', depth + 1);
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
