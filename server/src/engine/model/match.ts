/**
 * Pairs spec operations with code routes: one API inventory from two sources.
 *
 * Keys compare method + path with parameters anonymised (`/users/{}`), case-insensitively like
 * Express's default router. Spec paths are tried with each server/basePath prefix and bare (a
 * gateway may strip the prefix). Routes whose path cannot be compared (regex, optional or
 * wildcard segments) are `unmatchable`: neither documented nor shadow, just unknown.
 * With several specs, a route goes to the spec that documents it, else to the nearest spec by
 * folder.
 */
import { getAt, isObject, type OpenApiDocument, type Pointer } from '../openapi/document';
import { SpecSet, type DocumentLoader, type Located } from '../openapi/refs';
import { specOperations } from '../openapi/to-operations';
import picomatch from 'picomatch';
import type { SpecCodePairing } from '../settings';
import type { FilePath } from '../types';
import { dirname, isInside } from '../util/paths';
import { joinPaths, type Operation } from './operation';

export interface SpecApi {
  /** The root document (the one with `openapi`/`swagger`, `paths` and `servers`). */
  doc: OpenApiDocument;
  /** Its operations, also those of path items `$ref`'d from other files. */
  operations: Operation[];
  /** Path prefixes from `servers` (OpenAPI 3) or `basePath` (Swagger 2), '' for none. */
  prefixes: string[];
  /** The document that holds an operation of `operations` (its `at.pointer` is in it). */
  docOf(op: Operation): OpenApiDocument;
  /** Follows a `$ref` chain, also into the other files of the description. */
  resolve(value: unknown, doc: OpenApiDocument, pointer: Pointer): Located;
}

export interface MatchedPair {
  spec: Operation;
  route: Operation;
}

export interface Pairing {
  api: SpecApi;
  /** Code routes assigned to this spec (matched or not). */
  routes: Operation[];
  matched: MatchedPair[];
  specOnly: Operation[];
  codeOnly: Operation[];
  unmatchable: Operation[];
}

export interface WorkspaceInventory {
  pairings: Pairing[];
  /** Routes with no spec in the workspace at all. */
  unpaired: Operation[];
}

export function pathKey(path: string): string {
  return joinPaths(path).replace(/\{[^}]*\}/g, '{}').toLowerCase();
}

/** Express/Nest path features that make a route incomparable with a spec path. */
export function isComparablePath(path: string): boolean {
  return !/[*()[\]?+]|\{[^}]*\}\?/.test(path) && !path.includes('<dynamic>');
}

export function specPrefixes(doc: OpenApiDocument): string[] {
  const out = new Set<string>();
  if (doc.version === '2.0') {
    const base = doc.root.basePath;
    out.add(typeof base === 'string' ? joinPaths(base) : '/');
  } else {
    const servers = doc.root.servers;
    if (Array.isArray(servers)) {
      for (const s of servers) {
        if (!isObject(s) || typeof s.url !== 'string') continue;
        out.add(joinPaths(serverPath(s.url, s.variables)));
      }
    }
  }
  out.add('/');
  return [...out].map((p) => (p === '/' ? '' : p));
}

function serverPath(url: string, variables: unknown): string {
  const withVars = url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const v = isObject(variables) ? getAt(variables, [name, 'default']) : undefined;
    return typeof v === 'string' ? v : whole;
  });
  const noScheme = withVars.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return noScheme.split(/[?#]/)[0] || '/';
}

const apis = new WeakMap<OpenApiDocument, { api: SpecApi; set: SpecSet; withFiles: boolean }>();

/**
 * A document's operations and server prefixes, with the files its `$ref`s reach (read through
 * `load`), once per parsed document: kept while every file the description has read since is
 * still the same parsed document (an edit of one spec, or of a file it references, leaves the
 * others' as they are).
 */
export function specApi(doc: OpenApiDocument, load?: DocumentLoader): SpecApi {
  const cached = apis.get(doc);
  if (cached && cached.withFiles === !!load && cached.set.dependencies().every((f) => (load?.(f) ?? null) === (cached.set.load(f) ?? null))) return cached.api;
  const set = new SpecSet(doc, load);
  const resolve = (value: unknown, d: OpenApiDocument, pointer: Pointer): Located => set.resolve(value, d, pointer);
  const api: SpecApi = {
    doc,
    operations: specOperations(doc, resolve),
    prefixes: specPrefixes(doc),
    docOf: (op) => (op.at.file === doc.file ? doc : set.load(op.at.file) ?? doc),
    resolve,
  };
  apis.set(doc, { api, set, withFiles: !!load });
  return api;
}

function keysFor(api: SpecApi, op: Operation): string[] {
  return api.prefixes.map((prefix) => `${op.method} ${pathKey(prefix + op.path)}`);
}

function distance(specFile: FilePath, routeFile: FilePath): number {
  let dir = dirname(specFile);
  for (let up = 0; ; up++) {
    // The file-system root relates nothing: files only it contains belong to no spec.
    if (dir === '/' || /^[a-z]:$/i.test(dir)) return Number.POSITIVE_INFINITY;
    if (isInside(dir, routeFile)) return up;
    dir = dirname(dir);
  }
}

/**
 * Configured spec <-> code pairs (`pairing` in .api-warden.yaml) for when the folder guess is
 * wrong: routes in the listed code files belong to that spec only, and its `basePath` is tried
 * as one more prefix.
 */
function configuredOwners(apis: readonly SpecApi[], pairing: readonly SpecCodePairing[]): (route: Operation) => number {
  const entries = pairing.map((p) => ({
    spec: picomatch(p.spec),
    code: p.code.map((g) => picomatch(g)),
    basePath: p.basePath,
  }));
  const specIndex = entries.map((e) => apis.findIndex((a) => e.spec(a.doc.file)));
  entries.forEach((e, i) => {
    const api = apis[specIndex[i]];
    if (api && e.basePath) {
      const prefix = joinPaths(e.basePath);
      if (!api.prefixes.includes(prefix)) api.prefixes.unshift(prefix === '/' ? '' : prefix);
    }
  });
  return (route) => {
    const i = entries.findIndex((e, k) => specIndex[k] >= 0 && e.code.some((m) => m(route.at.file)));
    return i >= 0 ? specIndex[i] : -1;
  };
}

/**
 * A route whose path cannot be compared (regex, wildcard, optional segment) may serve anything
 * under its static prefix: a spec operation there is neither implemented nor unimplemented.
 */
export function mayBeServedByUnmatchable(pairing: Pairing, op: Operation): boolean {
  if (pairing.unmatchable.length === 0) return false;
  const prefixes = pairing.unmatchable.map((r) => pathKey(r.path.split(/[*(?[]/)[0]));
  return prefixes.some((o) => pairing.api.prefixes.some((pre) => pathKey(pre + op.path).startsWith(o)));
}

export function buildInventory(apis: readonly SpecApi[], routes: readonly Operation[], pairing: readonly SpecCodePairing[] = []): WorkspaceInventory {
  const pairings: Pairing[] = apis.map((api) => ({ api, routes: [], matched: [], specOnly: [], codeOnly: [], unmatchable: [] }));
  const configured = pairing.length ? configuredOwners(apis, pairing) : () => -1;
  // key -> spec operations, per spec
  const index = apis.map((api) => {
    const m = new Map<string, Operation[]>();
    for (const op of api.operations) {
      for (const k of keysFor(api, op)) {
        const list = m.get(k);
        if (list) list.push(op);
        else m.set(k, [op]);
      }
    }
    return m;
  });
  const unpaired: Operation[] = [];
  const matchedSpecOps = new Set<Operation>();
  for (const route of routes) {
    const fixed = configured(route);
    if (!isComparablePath(route.path)) {
      const nearest = fixed >= 0 ? fixed : nearestSpec(apis, route);
      if (nearest >= 0) pairings[nearest].unmatchable.push(route);
      else unpaired.push(route);
      continue;
    }
    const methods = route.method === 'all' ? ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] : [route.method];
    const keys = methods.map((m) => `${m} ${pathKey(route.path)}`);
    let owner = -1;
    const hits: Operation[] = [];
    index.forEach((m, i) => {
      if (fixed >= 0 && i !== fixed) return;
      const found = keys.flatMap((k) => m.get(k) ?? []);
      if (found.length && owner === -1) {
        owner = i;
        hits.push(...found);
      }
    });
    if (owner === -1) owner = fixed >= 0 ? fixed : nearestSpec(apis, route);
    if (owner === -1) {
      unpaired.push(route);
      continue;
    }
    const p = pairings[owner];
    p.routes.push(route);
    if (hits.length === 0) p.codeOnly.push(route);
    for (const spec of new Set(hits)) {
      p.matched.push({ spec, route });
      matchedSpecOps.add(spec);
    }
  }
  for (const p of pairings) p.specOnly = p.api.operations.filter((op) => !matchedSpecOps.has(op));
  return { pairings, unpaired };
}

function nearestSpec(apis: readonly SpecApi[], route: Operation): number {
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  apis.forEach((api, i) => {
    const d = distance(api.doc.file, route.at.file);
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}
