/**
 * The endpoint inventory as display-ready plain data: one entry per endpoint (a spec operation,
 * its implementing routes, or a route alone), grouped by path, with where each side lives, what
 * each side says about authentication, how the two sides pair up, and how many active findings
 * concern it. The tree view, the CodeLenses and the CLI's inventory export all read this.
 *
 * Endpoints are shown under the path they are served at: a spec operation gets the `servers`
 * prefix its code uses (`/orders` in a spec served under `/api` is `/api/orders`), so an
 * operation and its route land in one group.
 */
import type { AuditResult, Engine } from '../engine';
import { pointerToString, type OpenApiDocument } from '../openapi/document';
import { NEVER_CANCELLED, type CancellationSignal, type FilePath, type Finding, type Severity, type TextRange } from '../types';
import { buildInventory, mayBeServedByUnmatchable, pathKey, type Pairing, type WorkspaceInventory } from './match';
import { HTTP_METHODS, joinPaths, type Operation } from './operation';

export type EndpointSources = 'spec' | 'code' | 'both';

/** required: credentials enforced/declared; public: declared public; missing: none; unknown: cannot tell. */
export type AuthStatus = 'required' | 'public' | 'missing' | 'unknown';

/**
 * - documented: in the spec and in the code;
 * - shadow: a route the spec that covers its code does not document;
 * - unimplemented: a spec operation no route implements, while the spec's code exists (zombie);
 * - unmatchable: the pairing cannot be decided (a regex/wildcard/optional route path, or a spec
 *   operation such a route may serve);
 * - spec-only: a spec operation in a workspace with no code for that spec at all;
 * - code-only: a route with no spec in the workspace.
 */
export type PairingStatus = 'documented' | 'shadow' | 'unimplemented' | 'unmatchable' | 'spec-only' | 'code-only';

export interface EndpointAuth {
  status: AuthStatus;
  /** Scheme, middleware or guard names. */
  by: string[];
  /** How the decision was made (or why it could not be). */
  evidence: string;
}

export interface SpecSide {
  file: FilePath;
  /** The method key: where spec findings and lenses go. */
  range: TextRange;
  /** The whole operation, key through value. */
  span: TextRange;
  pointer: (string | number)[];
  /** The path as the spec writes it (without the server prefix). */
  path: string;
  operationId?: string;
  deprecated: boolean;
  auth: EndpointAuth;
}

export interface CodeSide {
  file: FilePath;
  /** The route registration: its path argument (Express) or the method decorator (Nest). */
  range: TextRange;
  /** The handler function, when it could be found. */
  handler?: { file: FilePath; range: TextRange };
  framework: 'express' | 'nestjs';
  /** The route's own method, upper-case ('ALL' for `app.all`). */
  method: string;
  /** The full path with mount and global prefixes. */
  path: string;
  operationId?: string;
  auth: EndpointAuth;
}

export type FindingCounts = Record<Severity, number> & { total: number };

export interface Endpoint {
  /** Stable across analyses of unchanged files (the spec pointer or the route's position). */
  id: string;
  /** Upper-case; 'ALL' only for a code-only `app.all` route. */
  method: string;
  /** As served, in `{param}` style. */
  path: string;
  sources: EndpointSources;
  status: PairingStatus;
  /** The spec that documents the endpoint, or that covers its code and should. */
  specFile?: FilePath;
  spec?: SpecSide;
  /** Routes that implement it (usually one), in file order. */
  code: CodeSide[];
  /** Per side; the code side is the weakest of its routes (a request takes any of them). */
  auth: { spec?: EndpointAuth; code?: EndpointAuth };
  /** Active (not suppressed) findings about the endpoint. */
  findings: FindingCounts;
}

export interface EndpointGroup {
  path: string;
  endpoints: Endpoint[];
}

export interface EndpointInventory {
  groups: EndpointGroup[];
  /** Number of endpoints. */
  total: number;
  /** The specs the inventory compared the code with. */
  specs: FilePath[];
}

// ------------------------------------------------------------------ auth

export function authOf(op: Operation): EndpointAuth {
  if (!op.auth.known) return { status: 'unknown', by: [], evidence: op.auth.reason };
  const a = op.auth.value;
  const status: AuthStatus = a.required ? 'required' : a.explicitlyPublic ? 'public' : 'missing';
  return { status, by: [...a.by], evidence: a.evidence };
}

/** Weakest first: a request reaches the endpoint through whichever route is the least protected. */
const WEAKNESS: readonly AuthStatus[] = ['missing', 'public', 'unknown', 'required'];

function weakest(auths: readonly EndpointAuth[]): EndpointAuth | undefined {
  let out: EndpointAuth | undefined;
  for (const a of auths) if (!out || WEAKNESS.indexOf(a.status) < WEAKNESS.indexOf(out.status)) out = a;
  return out;
}

// ------------------------------------------------------------------ building

function emptyCounts(): FindingCounts {
  return { total: 0, error: 0, warning: 0, info: 0, hint: 0 };
}

function fullSpan(doc: OpenApiDocument, op: Operation): TextRange {
  const loc = op.at.pointer ? doc.parsed.positions().locate(op.at.pointer) : undefined;
  if (!loc?.exact) return op.at.range;
  return { start: loc.key?.start ?? loc.value.start, end: loc.value.end };
}

function specSide(doc: OpenApiDocument, op: Operation): SpecSide {
  return {
    file: op.at.file,
    range: op.at.range,
    span: fullSpan(doc, op),
    pointer: [...(op.at.pointer ?? [])],
    path: op.path,
    ...(op.operationId ? { operationId: op.operationId } : {}),
    deprecated: op.deprecated === true,
    auth: authOf(op),
  };
}

function codeSide(route: Operation): CodeSide {
  return {
    file: route.at.file,
    range: route.at.range,
    ...(route.handler ? { handler: { file: route.handler.file, range: route.handler.range } } : {}),
    framework: route.source === 'nestjs' ? 'nestjs' : 'express',
    method: route.method.toUpperCase(),
    path: route.path,
    ...(route.operationId ? { operationId: route.operationId } : {}),
    auth: authOf(route),
  };
}

/** The route's path with `prefix` removed, when the prefix matches (case-insensitively, like the matcher). */
function startsWithPrefix(path: string, prefix: string): boolean {
  const k = pathKey(path);
  const p = pathKey(prefix);
  return p === '/' || k === p || k.startsWith(p + '/');
}

/**
 * The server prefix the code serves this spec under: the one most matched pairs use, else the
 * one most of the spec's routes start with, else none (the spec's paths as written).
 */
function servedPrefix(pairing: Pairing): string {
  const prefixes = pairing.api.prefixes.filter((p) => p !== '');
  if (prefixes.length === 0) return '';
  const votes = new Map<string, number>();
  const vote = (p: string) => votes.set(p, (votes.get(p) ?? 0) + 1);
  for (const { spec, route } of pairing.matched) {
    const p = prefixes.find((pre) => pathKey(pre + spec.path) === pathKey(route.path));
    vote(p ?? '');
  }
  if (votes.size === 0) for (const r of [...pairing.codeOnly, ...pairing.unmatchable]) {
    const p = prefixes.filter((pre) => startsWithPrefix(r.path, pre)).sort((a, b) => b.length - a.length)[0];
    if (p) vote(p);
  }
  let best = '';
  let bestVotes = 0;
  for (const [p, n] of votes) if (n > bestVotes) [best, bestVotes] = [p, n];
  return best;
}

interface Draft {
  endpoint: Endpoint;
  /** Method + path keys a finding's `operation` may use for this endpoint. */
  keys: Set<string>;
  /** Spans whose findings concern the endpoint, by file. */
  spans: { file: FilePath; range: TextRange }[];
  files: Set<FilePath>;
}

function draftFor(endpoint: Endpoint, paths: readonly string[]): Draft {
  const methods = new Set([endpoint.method, ...endpoint.code.map((c) => c.method)]);
  const keys = new Set<string>();
  for (const m of methods) for (const p of paths) keys.add(`${m} ${pathKey(p)}`);
  const spans: Draft['spans'] = [];
  if (endpoint.spec) spans.push({ file: endpoint.spec.file, range: endpoint.spec.span });
  for (const c of endpoint.code) {
    spans.push({ file: c.file, range: c.range });
    if (c.handler) spans.push(c.handler);
  }
  return { endpoint, keys, spans, files: new Set(spans.map((s) => s.file)) };
}

function byFileOrder(a: CodeSide, b: CodeSide): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start - b.range.start;
}

function endpointsOfPairing(pairing: Pairing, drafts: Draft[]): void {
  const doc = pairing.api.doc;
  const prefix = pairing.routes.length || pairing.unmatchable.length ? servedPrefix(pairing) : '';
  const prefixed = (specPath: string) => (prefix ? joinPaths(prefix, specPath) : specPath);
  const hasCode = pairing.routes.length > 0 || pairing.unmatchable.length > 0;

  const routesOf = new Map<Operation, Operation[]>();
  for (const { spec, route } of pairing.matched) {
    const list = routesOf.get(spec);
    if (list) list.push(route);
    else routesOf.set(spec, [route]);
  }
  for (const op of pairing.api.operations) {
    const routes = routesOf.get(op) ?? [];
    const code = routes.map(codeSide).sort(byFileOrder);
    const status: PairingStatus = routes.length ? 'documented' : !hasCode ? 'spec-only' : mayBeServedByUnmatchable(pairing, op) ? 'unmatchable' : 'unimplemented';
    // The operation may live in a file the spec references: its pointer is in that file.
    const spec = specSide(pairing.api.docOf(op), op);
    const endpoint: Endpoint = {
      id: `spec:${op.at.file}${pointerToString(spec.pointer)}`,
      method: op.method.toUpperCase(),
      path: prefixed(op.path),
      sources: routes.length ? 'both' : 'spec',
      status,
      specFile: doc.file,
      spec,
      code,
      auth: { spec: spec.auth, ...(code.length ? { code: weakest(code.map((c) => c.auth)) } : {}) },
      findings: emptyCounts(),
    };
    drafts.push(draftFor(endpoint, [endpoint.path, ...pairing.api.prefixes.map((p) => p + op.path), ...routes.map((r) => r.path)]));
  }
  for (const route of pairing.codeOnly) drafts.push(draftFor(routeEndpoint(route, 'shadow', doc.file), [route.path]));
  for (const route of pairing.unmatchable) drafts.push(draftFor(routeEndpoint(route, 'unmatchable', doc.file), [route.path]));
}

function routeEndpoint(route: Operation, status: PairingStatus, specFile: FilePath | undefined): Endpoint {
  const code = codeSide(route);
  return {
    id: `code:${route.at.file}:${route.at.range.start}:${code.method}:${route.path}`,
    method: code.method,
    path: route.path,
    sources: 'code',
    status,
    ...(specFile ? { specFile } : {}),
    code: [code],
    auth: { code: code.auth },
    findings: emptyCounts(),
  };
}

// ------------------------------------------------------------------ findings

function contains(outer: TextRange, inner: TextRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * A finding concerns an endpoint when its `operation` names the endpoint's method and path
 * (when several endpoints share them, the ones with a side in the finding's file), or, for a
 * finding without `operation` (or naming none of them), when it sits inside the endpoint's spec
 * operation, route registration or handler.
 */
function countFindings(drafts: readonly Draft[], findings: readonly Finding[]): void {
  const byKey = new Map<string, Draft[]>();
  for (const d of drafts) {
    for (const k of d.keys) {
      const list = byKey.get(k);
      if (list) {
        if (!list.includes(d)) list.push(d);
      } else byKey.set(k, [d]);
    }
  }
  const byFile = new Map<FilePath, Draft[]>();
  for (const d of drafts) for (const f of d.files) {
    const list = byFile.get(f);
    if (list) list.push(d);
    else byFile.set(f, [d]);
  }
  for (const f of findings) {
    if (f.suppressed) continue;
    let targets: Draft[] = [];
    if (f.operation) {
      const candidates = byKey.get(`${f.operation.method.toUpperCase()} ${pathKey(f.operation.path)}`) ?? [];
      const local = candidates.filter((d) => d.files.has(f.file));
      targets = local.length ? local : candidates.length === 1 ? candidates : [];
    }
    if (targets.length === 0) {
      targets = (byFile.get(f.file) ?? []).filter((d) => d.spans.some((s) => s.file === f.file && contains(s.range, f.range)));
    }
    for (const d of targets) {
      d.endpoint.findings.total++;
      d.endpoint.findings[f.severity]++;
    }
  }
}

// ------------------------------------------------------------------ grouping

const METHOD_ORDER = [...HTTP_METHODS.map((m) => m.toUpperCase()), 'ALL'];

function methodRank(m: string): number {
  const i = METHOD_ORDER.indexOf(m);
  return i === -1 ? METHOD_ORDER.length : i;
}

function group(drafts: readonly Draft[]): EndpointGroup[] {
  const groups = new Map<string, Endpoint[]>();
  for (const { endpoint } of drafts) {
    const key = pathKey(endpoint.path);
    const list = groups.get(key);
    if (list) list.push(endpoint);
    else groups.set(key, [endpoint]);
  }
  const out: EndpointGroup[] = [];
  for (const endpoints of groups.values()) {
    endpoints.sort((a, b) => methodRank(a.method) - methodRank(b.method) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // The spec's spelling of the path (its parameter names) when the spec has it.
    const shown = endpoints.find((e) => e.spec)?.path ?? endpoints[0].path;
    out.push({ path: shown, endpoints });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The inventory of endpoints, with the number of active findings about each. */
export function buildEndpoints(inventory: WorkspaceInventory, findings: readonly Finding[]): EndpointInventory {
  const drafts: Draft[] = [];
  for (const p of inventory.pairings) endpointsOfPairing(p, drafts);
  for (const route of inventory.unpaired) drafts.push(draftFor(routeEndpoint(route, 'code-only', undefined), [route.path]));
  countFindings(drafts, findings);
  return { groups: group(drafts), total: drafts.length, specs: inventory.pairings.map((p) => p.api.doc.file) };
}

/**
 * Audits the workspace (the engine's caches make a repeat cheap) and builds its endpoint
 * inventory. The engine's own inventory exists only when the workspace has both specs and
 * routes (and spec <-> code rules run); otherwise the two sides are paired here, so a
 * spec-only or code-only workspace still lists its endpoints.
 */
export async function collectEndpoints(engine: Engine, signal: CancellationSignal = NEVER_CANCELLED): Promise<{ endpoints: EndpointInventory; audit: AuditResult }> {
  const audit = await engine.audit({ signal });
  const inventory = engine.inventory(signal) ?? fallbackInventory(engine, audit);
  return { endpoints: buildEndpoints(inventory, audit.findings), audit };
}

function fallbackInventory(engine: Engine, audit: AuditResult): WorkspaceInventory {
  return buildInventory(engine.specApis(), audit.operations.filter((op) => op.source !== 'openapi'), engine.settings.pairing);
}
