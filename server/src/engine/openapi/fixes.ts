/**
 * Quick fixes several spec rules offer, built on the format-keeping edits in edit.ts. Values
 * the user must choose (a length, a maximum) are snippet tab stops with a sensible default.
 */
import type { Fix, TextEdit } from '../types';
import { getAt, isObject, type NamedNode, type OpenApiDocument, type Pointer, type SpecOperation } from './document';
import { addNested, appendEntries, appendEntry, insertEntry, tabStop } from './edit';


/** One "require scheme X" fix per defined scheme (the operation's own `security`). */
export function securityRequirementFixes(doc: OpenApiDocument, op: SpecOperation, schemes: readonly NamedNode[]): Fix[] {
  return schemes.flatMap((scheme) => {
    const edit = insertEntry(
      doc,
      op.pointer,
      'security',
      (indent, unit, eol) => `security:${eol}${indent}${unit}- ${scheme.name}: []`,
      [{ [scheme.name]: [] }],
    );
    return edit ? [{ title: `Require the '${scheme.name}' security scheme`, edits: [edit] }] : [];
  });
}

/** One "require scheme X for the whole API" fix per defined scheme (a root `security` requirement). */
export function rootSecurityFixes(doc: OpenApiDocument, schemes: readonly NamedNode[]): Fix[] {
  if (getAt(doc.root, ['security']) !== undefined) return [];
  return schemes.flatMap((scheme) => {
    const edit = appendEntry(doc, [], 'security', [{ [scheme.name]: [] }]);
    return edit ? [{ title: `Require the '${scheme.name}' security scheme for every operation (root security)`, edits: [edit] }] : [];
  });
}

/** Scope names an OAuth 2 scheme defines (Swagger 2 `scopes`, OAS 3 `flows.*.scopes`). */
export function oauthScopes(scheme: NamedNode): string[] {
  const out = new Set<string>();
  const add = (scopes: unknown) => {
    if (isObject(scopes)) for (const k of Object.keys(scopes)) out.add(k);
  };
  add(scheme.value.scopes);
  if (isObject(scheme.value.flows)) for (const f of Object.values(scheme.value.flows)) if (isObject(f)) add(f.scopes);
  return [...out];
}

/** Adds keywords to a schema with tab stops, e.g. `{ maxLength: 256 }` -> `maxLength: ${1:256}`. */
export function boundsFix(title: string, targets: readonly { doc: OpenApiDocument; pointer: Pointer }[], bounds: (target: { doc: OpenApiDocument; pointer: Pointer }) => Record<string, number>): Fix | undefined {
  let stop = 1;
  const edits: TextEdit[] = [];
  for (const t of targets) {
    const entries = Object.entries(bounds(t)).map(([k, v]) => [k, tabStop(stop++, v)] as const);
    const edit = appendEntries(t.doc, t.pointer, entries, { snippet: true });
    if (edit) edits.push(edit);
  }
  return edits.length ? { title, edits, isSnippet: true } : undefined;
}

/** `additionalProperties: false` on an object schema. */
export function closeObjectFix(doc: OpenApiDocument, pointer: Pointer): Fix | undefined {
  const edit = appendEntry(doc, pointer, 'additionalProperties', false);
  return edit ? { title: 'Reject unknown properties (additionalProperties: false)', edits: [edit] } : undefined;
}

/** `readOnly: true` on a property (not on a bare `$ref` in 3.0/2.0, where siblings are ignored). */
export function readOnlyFix(doc: OpenApiDocument, pointer: Pointer, name: string): Fix | undefined {
  const v = getAt(doc.root, pointer);
  if (!isObject(v) || (typeof v.$ref === 'string' && doc.version !== '3.1')) return undefined;
  const edit = appendEntry(doc, pointer, 'readOnly', true);
  return edit ? { title: `Mark '${name}' readOnly (set by the server)`, edits: [edit] } : undefined;
}

/** An error response the operation documents, in the document's version. */
export function errorResponse(doc: OpenApiDocument, description: string, headers?: Record<string, { description: string; type: string }>): Record<string, unknown> {
  const out: Record<string, unknown> = { description };
  if (headers) {
    out.headers = Object.fromEntries(
      Object.entries(headers).map(([name, h]) => [name, doc.version === '2.0' ? { description: h.description, type: h.type } : { description: h.description, schema: { type: h.type } }]),
    );
  }
  return out;
}

/** Adds `responses.<status>` to an operation (creating `responses` when missing). */
export function addResponseEdit(doc: OpenApiDocument, op: SpecOperation, status: string, response: Record<string, unknown>): TextEdit | undefined {
  return addNested(doc, op.pointer, ['responses', status], response);
}

/** Adds several responses in one edit (so they stay in order). */
export function addResponsesEdit(doc: OpenApiDocument, op: SpecOperation, responses: Record<string, Record<string, unknown>>): TextEdit | undefined {
  if (isObject(getAt(doc.root, [...op.pointer, 'responses']))) return appendEntries(doc, [...op.pointer, 'responses'], Object.entries(responses));
  return appendEntry(doc, op.pointer, 'responses', responses);
}

export const TOO_MANY_REQUESTS = (doc: OpenApiDocument) =>
  errorResponse(doc, 'Too many requests: the client is rate limited.', { 'Retry-After': { description: 'Seconds to wait before retrying.', type: 'integer' } });
