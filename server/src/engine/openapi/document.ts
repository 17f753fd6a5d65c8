/**
 * An OpenAPI/Swagger document: the parsed value, its positions, and the semantic walks rules
 * need (operations with their effective security, schemes, servers). Local `$ref`s resolve here.
 */
import type { FilePath, TextRange } from '../types';
import { HTTP_METHODS, type HttpMethod } from '../model/operation';
import { formatOf, parseText, type ParsedText } from './parse';
import { reparseEdit } from './reparse';
import type { PointerSegment } from './position-index';

export type Pointer = PointerSegment[];
export type SpecVersion = '2.0' | '3.0' | '3.1';
export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface OpenApiDocument {
  file: FilePath;
  text: string;
  parsed: ParsedText;
  /** Undefined when the file is not (or no longer) an OpenAPI document. */
  version?: SpecVersion;
  root: JsonObject;
}

export interface SpecOperation {
  method: HttpMethod;
  /** The path template; for callbacks the runtime expression, for webhooks the webhook's name. */
  path: string;
  pointer: Pointer;
  value: JsonObject;
  pathItemPointer: Pointer;
  /** `operation.security`, else the root `security`; undefined when neither is declared. */
  security?: { requirements: unknown[]; pointer: Pointer; inherited: boolean; doc?: OpenApiDocument };
  /** The document that holds the operation (a referenced file for `$ref`'d path items); the root when absent. */
  doc?: OpenApiDocument;
  /** `path` (the default): served by the API; `callback`/`webhook`: requests the API sends. */
  kind?: 'path' | 'callback' | 'webhook';
  /** For callbacks: the operation that registers them. */
  parent?: SpecOperation;
}

export interface NamedNode {
  name: string;
  pointer: Pointer;
  value: JsonObject;
}

export function versionOf(root: unknown): SpecVersion | undefined {
  if (!isObject(root)) return undefined;
  if (typeof root.swagger === 'string' || typeof root.swagger === 'number') return '2.0';
  const v = root.openapi;
  if (typeof v !== 'string') return undefined;
  if (v.startsWith('3.1') || v.startsWith('3.2')) return '3.1';
  if (v.startsWith('3.')) return '3.0';
  return undefined;
}

/**
 * Cheap content sniff used by workspace discovery and lintFile before a full parse. The version
 * key usually comes first, but generated documents often sort their keys (Stripe's and Twilio's
 * put `components:` first and `openapi:` past the middle), so a top-level version key anywhere
 * counts too: a YAML key at column 0, or a JSON key followed by a 2.x/3.x version string. One
 * regex pass, about 2 ms on the 4 MB Stripe document.
 */
export function looksLikeOpenApi(text: string): boolean {
  const head = text.slice(0, 4096);
  if (/^\s*["']?(openapi|swagger)["']?\s*:/m.test(head)) return true;
  // Asked several times per lint of the same text (engine, discovery, quick fixes).
  if (text === sniffed.text) return sniffed.result;
  // Native substring searches, then a look at the few places found (a regex over the whole
  // text cost ~5 ms a lint on Stripe's 4 MB, whose version key is on line 40,015).
  const result = keyFollowedBy(text, '\nopenapi', /^[ \t]*:/) || keyFollowedBy(text, '\nswagger', /^[ \t]*:/) ||
    keyFollowedBy(text, '"openapi"', /^\s*:\s*"[23]\./) || keyFollowedBy(text, '"swagger"', /^\s*:\s*"[23]\./);
  sniffed = { text, result };
  return result;
}

let sniffed: { text?: string; result: boolean } = { result: false };

function keyFollowedBy(text: string, key: string, after: RegExp): boolean {
  for (let i = text.indexOf(key); i !== -1; i = text.indexOf(key, i + 1)) {
    if (after.test(text.slice(i + key.length, i + key.length + 24))) return true;
  }
  return false;
}

/**
 * `previous`: the same file's document before an edit, so a YAML edit can re-parse just the
 * entry it touched (openapi/reparse.ts); anything that needs it gets a full parse.
 */
export function parseOpenApi(file: FilePath, text: string, previous?: OpenApiDocument): OpenApiDocument {
  const reparsed = previous && previous.file === file ? reparseEdit(previous.parsed, previous.text, text) : undefined;
  const parsed = reparsed ?? parseText(text, formatOf(file, text));
  const root = isObject(parsed.value) ? parsed.value : {};
  return { file, text, parsed, version: versionOf(root), root };
}

export function getAt(root: unknown, pointer: Pointer): unknown {
  let cur: unknown = root;
  for (const seg of pointer) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg as string] : undefined;
    else return undefined;
  }
  return cur;
}

/** `#/components/schemas/A~1B` -> ['components', 'schemas', 'A/B']; undefined for non-local refs. */
export function parseLocalRef(ref: string): Pointer | undefined {
  if (!ref.startsWith('#')) return undefined;
  const body = ref.slice(1);
  if (body === '') return [];
  if (!body.startsWith('/')) return undefined;
  return body
    .slice(1)
    .split('/')
    .map((s) => decodeSegment(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A malformed escape (`#/a%zz`) is taken as written: decodeURIComponent would throw. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function pointerToString(pointer: Pointer): string {
  return '#/' + pointer.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** Follows local `$ref` chains (cycle-safe). Returns the final value and where it lives. */
export function resolveLocal(doc: OpenApiDocument, value: unknown, pointer: Pointer): { value: unknown; pointer: Pointer } {
  const seen = new Set<string>();
  let cur = value;
  let at = pointer;
  while (isObject(cur) && typeof cur.$ref === 'string') {
    const target = parseLocalRef(cur.$ref);
    if (!target || seen.has(cur.$ref)) break;
    seen.add(cur.$ref);
    at = target;
    cur = getAt(doc.root, target);
  }
  return { value: cur, pointer: at };
}

/** Resolves a path item, possibly in another file (see SpecSet); local-only by default. */
export type PathItemResolver = (value: unknown, doc: OpenApiDocument, pointer: Pointer) => { doc: OpenApiDocument; pointer: Pointer; value: unknown };

export function operationsOf(doc: OpenApiDocument, resolve?: PathItemResolver): SpecOperation[] {
  const out: SpecOperation[] = [];
  const paths = doc.root.paths;
  if (!isObject(paths)) return out;
  const rootSecurity = Array.isArray(doc.root.security) ? doc.root.security : undefined;
  for (const path of Object.keys(paths)) {
    const resolved = resolve ? resolve(paths[path], doc, ['paths', path]) : { doc, ...resolveLocal(doc, paths[path], ['paths', path]) };
    if (!isObject(resolved.value)) continue;
    const item = resolved.value;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const pointer = [...resolved.pointer, method];
      let security: SpecOperation['security'];
      if (Array.isArray(op.security)) security = { requirements: op.security, pointer: [...pointer, 'security'], inherited: false, doc: resolved.doc };
      else if (rootSecurity) security = { requirements: rootSecurity, pointer: ['security'], inherited: true, doc };
      out.push({ method, path, pointer, value: op, pathItemPointer: resolved.pointer, security, doc: resolved.doc, kind: 'path' });
    }
  }
  return out;
}

export function securitySchemesOf(doc: OpenApiDocument): NamedNode[] {
  const base: Pointer = doc.version === '2.0' ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  const container = getAt(doc.root, base);
  if (!isObject(container)) return [];
  return Object.keys(container).flatMap((name) => {
    const r = resolveLocal(doc, container[name], [...base, name]);
    return isObject(r.value) ? [{ name, pointer: [...base, name], value: r.value }] : [];
  });
}

export interface ServerNode {
  url: string;
  pointer: Pointer;
}

/** OpenAPI 3 `servers` (root, path item and operation level); Swagger 2 `host` + `schemes`. */
export function serversOf(doc: OpenApiDocument): ServerNode[] {
  const out: ServerNode[] = [];
  const collect = (list: unknown, pointer: Pointer) => {
    if (!Array.isArray(list)) return;
    list.forEach((s, i) => {
      if (isObject(s) && typeof s.url === 'string') out.push({ url: s.url, pointer: [...pointer, i, 'url'] });
    });
  };
  if (doc.version === '2.0') return out;
  collect(doc.root.servers, ['servers']);
  const paths = doc.root.paths;
  if (isObject(paths)) {
    for (const p of Object.keys(paths)) {
      const item = paths[p];
      if (!isObject(item)) continue;
      collect(item.servers, ['paths', p, 'servers']);
      for (const m of HTTP_METHODS) if (isObject(item[m])) collect((item[m] as JsonObject).servers, ['paths', p, m, 'servers']);
    }
  }
  return out;
}

/** Range of a pointer: the key where there is one (for "missing/bad entry"), else the value. */
export function rangeOf(doc: OpenApiDocument, pointer: Pointer, part: 'key' | 'value' = 'key'): TextRange {
  const loc = doc.parsed.positions().locate(pointer);
  if (!loc) return { start: 0, end: 0 };
  if (part === 'key' && loc.key && loc.exact) return loc.key;
  return loc.value;
}
