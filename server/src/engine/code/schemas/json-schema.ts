/**
 * A body schema read from code, written as an OpenAPI schema object: for the quick fix that
 * documents a shadow route with the request body its validator declares. Only what the code
 * states is written: opaque properties get an empty schema, and the body is closed
 * (`additionalProperties: false`) only when the validator is known to strip or reject
 * undeclared properties and every property was read.
 */
import type { BodySchema } from './types';
import { LIMIT_KEYWORDS } from '../../model/spec-body';

export function toOpenApiSchema(body: BodySchema): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const p of body.properties.values()) {
    const s: Record<string, unknown> = {};
    if (!p.opaque && p.type !== 'unknown') {
      s.type = p.type;
      if (p.type === 'array') s.items = {};
      for (const k of LIMIT_KEYWORDS) if (p.limits[k] !== undefined) s[k] = p.limits[k];
    }
    properties[p.name] = s;
    if (p.required.known && p.required.value) required.push(p.name);
  }
  const out: Record<string, unknown> = { type: 'object' };
  if (required.length) out.required = required;
  out.properties = properties;
  const closes = body.complete && body.enforced.known && body.enforced.value && body.unknownKeys.known && body.unknownKeys.value !== 'allow';
  if (closes) out.additionalProperties = false;
  return out;
}
