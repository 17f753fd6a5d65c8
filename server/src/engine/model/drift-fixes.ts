/** Helpers shared by the spec <-> code drift rules: references, related info, and spec fixes. */
import type { Pairing } from './match';
import { pathKey } from './match';
import type { Operation } from './operation';
import { insertEntry } from '../openapi/edit';
import { getAt, isObject, securitySchemesOf, type OpenApiDocument } from '../openapi/document';
import { yamlEntry } from '../openapi/render';
import { operationFromRoute } from '../openapi/skeleton';
import type { Fix, RelatedInfo } from '../types';
import { toOpenApiSchema } from '../code/schemas/json-schema';
import type { BodySchema } from '../code/schemas/types';

export const METHOD = (op: Operation): string => op.method.toUpperCase();

export function opRef(op: Operation): { method: string; path: string } {
  return { method: METHOD(op), path: op.path };
}

export function relatedTo(op: Operation, message: string): RelatedInfo {
  return { file: op.at.file, range: op.at.range, message };
}

/** The spec path a route would be documented under: its path minus the spec's server prefix. */
export function specPathFor(pairing: Pairing, route: Operation): string {
  const key = pathKey(route.path);
  let best = '';
  for (const p of pairing.api.prefixes) if (p && (key === pathKey(p) || key.startsWith(pathKey(p) + '/')) && p.length > best.length) best = p;
  const rest = route.path.slice(best.length);
  return rest === '' ? '/' : rest;
}

/** The scheme to require for a route: one the code names, else the only one, else none. */
export function schemeFor(doc: OpenApiDocument, route: Operation): string | undefined {
  const schemes = securitySchemesOf(doc).map((s) => s.name);
  if (route.auth.known) {
    const by = route.auth.value.by.map((b) => b.toLowerCase());
    const named = schemes.find((s) => by.some((b) => b.includes(s.toLowerCase()) || s.toLowerCase().includes(b)));
    if (named) return named;
  }
  return schemes.length === 1 ? schemes[0] : undefined;
}

export function operationSkeleton(doc: OpenApiDocument, route: Operation, specPath: string, body?: BodySchema): Record<string, unknown> {
  return operationFromRoute(route, specPath, { swagger2: doc.version === '2.0', scheme: schemeFor(doc, route), requestBody: body && toOpenApiSchema(body) });
}

/** The document's paths by their normalised key (first one written wins), built once per paths object. */
const pathIndexes = new WeakMap<object, Map<string, string>>();
function pathIndex(paths: Record<string, unknown>): Map<string, string> {
  let index = pathIndexes.get(paths);
  if (!index) {
    index = new Map();
    for (const p of Object.keys(paths)) if (!index.has(pathKey(p))) index.set(pathKey(p), p);
    pathIndexes.set(paths, index);
  }
  return index;
}

/**
 * Fixes already written, per document and route: a workspace with thousands of shadow routes
 * asks again after every edit, and only the edited document (a new object) or a rebuilt route
 * needs a new one. The body is the same object while the route models are (route-body.ts).
 */
const written = new WeakMap<OpenApiDocument, WeakMap<Operation, { specPath: string; body?: BodySchema; target: OpenApiDocument; fix: Fix | undefined }>>();

/**
 * Adds the route to the spec: under its existing path item (in the file that holds it, when the
 * root's entry is a `$ref`), or as a new path (with the request body its validator declares, when known).
 */
export function addOperationFix(pairing: Pairing, route: Operation, body?: BodySchema): Fix | undefined {
  const doc = pairing.api.doc;
  const paths = doc.root.paths;
  if (route.method === 'all' || !isObject(paths)) return undefined;
  const specPath = specPathFor(pairing, route);
  const existing = pathIndex(paths).get(pathKey(specPath));
  // A `$ref`'d path item takes the new method where it is defined: keys beside a `$ref` are ignored.
  const item = existing === undefined ? undefined : pairing.api.resolve(paths[existing], doc, ['paths', existing]);
  if (item && (!isObject(item.value) || typeof item.value.$ref === 'string')) return undefined;
  const target = item?.doc ?? doc;
  let byRoute = written.get(doc);
  if (!byRoute) written.set(doc, (byRoute = new WeakMap()));
  const hit = byRoute.get(route);
  if (hit && hit.specPath === specPath && hit.body === body && hit.target === target) return hit.fix;
  const op = operationSkeleton(doc, route, specPath, body);
  const edit = item
    ? insertEntry(item.doc, item.pointer, route.method, (indent, unit, eol) => yamlEntry(route.method, op, indent, unit, eol), op)
    : insertEntry(doc, ['paths'], specPath, (indent, unit, eol) => yamlEntry(specPath, { [route.method]: op }, indent, unit, eol), { [route.method]: op });
  const fix = edit ? { title: `Document ${METHOD(route)} ${specPath} in ${target.file.slice(target.file.lastIndexOf('/') + 1)}`, edits: [edit] } : undefined;
  byRoute.set(route, { specPath, body, target, fix });
  return fix;
}

/** Sets an operation's `security` to require `scheme` (replacing an explicit `security: []`). */
export function requireSchemeFix(doc: OpenApiDocument, spec: Operation, scheme: string): Fix | undefined {
  const pointer = spec.at.pointer;
  if (!pointer) return undefined;
  const op = getAt(doc.root, pointer);
  if (!isObject(op)) return undefined;
  const title = `Document that ${METHOD(spec)} ${spec.path} requires '${scheme}'`;
  if (op.security !== undefined) {
    const loc = doc.parsed.positions().locate([...pointer, 'security']);
    if (!loc?.exact) return undefined;
    const text = doc.parsed.format === 'json' ? JSON.stringify([{ [scheme]: [] }]) : `[{ ${scheme}: [] }]`;
    return { title, edits: [{ file: doc.file, range: loc.value, newText: text }] };
  }
  const edit = insertEntry(doc, pointer, 'security', (indent, unit, eol) => `security:${eol}${indent}${unit}- ${scheme}: []`, [{ [scheme]: [] }]);
  return edit ? { title, edits: [edit] } : undefined;
}

export function markDeprecatedFix(doc: OpenApiDocument, spec: Operation): Fix | undefined {
  if (!spec.at.pointer) return undefined;
  const edit = insertEntry(doc, spec.at.pointer, 'deprecated', () => 'deprecated: true', true);
  return edit ? { title: `Mark ${METHOD(spec)} ${spec.path} deprecated`, edits: [edit] } : undefined;
}
