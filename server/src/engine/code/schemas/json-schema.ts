/**
 * A body schema read from code, written as an OpenAPI schema object: for the quick fix that
 * documents a shadow route with the request body its validator declares. Only what the code
 * states is written: opaque properties get an empty schema, and the body is closed
 * (`additionalProperties: false`) only when the validator is known to strip or reject
 * undeclared properties and every property was read.
 */
import type { BodyProperty, BodySchema } from './types';
import { LIMIT_KEYWORDS } from '../../model/spec-body';

/** Nested levels written (a DTO may refer to itself). */
const MAX_DEPTH = 4;

function propertySchema(p: BodyProperty, depth: number): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  if (p.opaque || p.type === 'unknown') return s;
  s.type = p.type;
  if (p.type === 'object' && p.properties && depth < MAX_DEPTH) Object.assign(s, objectSchema(p.properties, depth + 1));
  if (p.type === 'array') s.items = p.items && depth < MAX_DEPTH ? propertySchema(p.items, depth + 1) : {};
  for (const k of LIMIT_KEYWORDS) if (p.limits[k] !== undefined) s[k] = p.limits[k];
  return s;
}

function objectSchema(props: ReadonlyMap<string, BodyProperty>, depth: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const p of props.values()) {
    properties[p.name] = propertySchema(p, depth);
    if (p.required.known && p.required.value) required.push(p.name);
  }
  return { type: 'object', ...(required.length ? { required } : {}), properties };
}

export function toOpenApiSchema(body: BodySchema): Record<string, unknown> {
  const out = objectSchema(body.properties, 0);
  const closes = body.complete && body.enforced.known && body.enforced.value && body.unknownKeys.known && body.unknownKeys.value !== 'allow';
  if (closes) out.additionalProperties = false;
  return out;
}
