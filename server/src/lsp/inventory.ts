/**
 * `apiWarden/inventory`: the workspace's endpoints (engine/model/endpoints.ts) in LSP terms,
 * and the source the CodeLenses read.
 *
 * One computation per workspace state: every change the server hears of (a buffer edited or
 * closed, files on disk, settings, folders) bumps a generation, and askers of the same
 * generation share one promise. The computation is an engine audit, which yields to the event
 * loop between files, so diagnostics and code actions keep being answered meanwhile.
 *
 * Once a client has asked, the server re-checks the inventory a moment after changes settle and
 * tells the client when it really changed (`apiWarden/inventoryChanged`, and
 * `workspace/codeLens/refresh` when supported): an edit in a route file changes the lenses in
 * the spec, which the editor would not otherwise ask for again.
 */
import { CodeLensRefreshRequest, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { collectEndpoints, type Endpoint, type EndpointAuth, type EndpointInventory, type Engine, type Logger, type Severity } from '../engine';
import { pointerToString } from '../engine/openapi/document';
import { InventoryChangedNotification, type InventoryAuth, type InventoryEndpoint, type InventoryResult, type WardenLocation } from '../protocol';
import { toRange, type PositionsOf } from './convert';
import type { EnginePool } from './engines';
import { positionsFor } from './positions';
import { toEngineSettings, type SettingsStore } from './settings';
import type { UriMapper } from './uri';

/** How long changes must settle before the inventory is re-checked for the client. */
export const INVENTORY_DEBOUNCE_MS = 400;

export interface InventoryDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  uris: UriMapper;
  engines: EnginePool;
  settings: SettingsStore;
  log: Logger;
  /** The client accepts `workspace/codeLens/refresh`. */
  codeLensRefresh: boolean;
}

/** One computed inventory: the engine data (offsets) and the LSP form (positions). */
export interface ComputedInventory {
  generation: number;
  endpoints: EndpointInventory;
  result: InventoryResult;
  /** Workspace folders, as engine paths (for relative file names). */
  roots: string[];
}

export const EMPTY_INVENTORY: InventoryResult = { groups: [], total: 0, specs: [], generation: 0 };

export class InventoryService {
  private generation = 0;
  private current: { generation: number; promise: Promise<ComputedInventory> } | undefined;
  /** The client asked at least once: only then is it worth re-checking after changes. */
  private wanted = false;
  /** The inventory the client last received or was told about. */
  private lastSent: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly loggedFailures = new Set<string>();

  constructor(private readonly deps: InventoryDeps) {}

  /** Something the inventory may depend on changed. */
  changed(): void {
    this.generation++;
    if (!this.wanted || this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.recheck();
    }, INVENTORY_DEBOUNCE_MS);
  }

  /** The inventory of the current workspace state (computed once per state). */
  get(): Promise<ComputedInventory> {
    this.wanted = true;
    const generation = this.generation;
    if (this.current?.generation === generation) return this.current.promise;
    const entry = { generation, promise: this.compute(generation) };
    this.current = entry;
    entry.promise.catch(() => {
      // Never keep a failure: the next ask tries again.
      if (this.current === entry) this.current = undefined;
    });
    return entry.promise;
  }

  /** For `apiWarden/inventory`: what the client is given is what later changes are compared with. */
  async request(): Promise<InventoryResult> {
    const c = await this.get();
    this.lastSent = fingerprint(c.result);
    return c.result;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async recheck(): Promise<void> {
    try {
      const c = await this.get();
      // A newer change is already scheduled to re-check: let that one speak.
      if (c.generation !== this.generation || this.disposed) return;
      const print = fingerprint(c.result);
      if (print === this.lastSent) return;
      this.lastSent = print;
      const { connection } = this.deps;
      await connection.sendNotification(InventoryChangedNotification, { generation: c.generation });
      if (this.deps.codeLensRefresh) {
        // The lenses then stay as they were until the editor asks again: worth a warning, no more.
        await connection.sendRequest(CodeLensRefreshRequest.type).catch((e: unknown) => this.deps.log.warn(`workspace/codeLens/refresh failed: ${String(e)}`));
      }
    } catch (e) {
      this.deps.log.error(`Inventory update failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  private async compute(generation: number): Promise<ComputedInventory> {
    const { engines, settings, uris, documents } = this.deps;
    const roots = engines.getRoots();
    // The audit's choice: one run over all roots, with the first folder's settings.
    const s = await settings.get(roots.length ? uris.toUri(roots[0]) : undefined);
    const engine: Engine = engines.get(toEngineSettings(s, roots.length ? engines.repositoryConfig(roots[0]) : undefined));
    const positionsOf = positionsFor(documents, uris, engine);
    // Turned off for the workspace: no endpoints, so no lenses either (as with diagnostics).
    if (!s.enable) return { generation, endpoints: { groups: [], total: 0, specs: [] }, result: { ...EMPTY_INVENTORY, generation }, roots };
    const { endpoints, audit } = await collectEndpoints(engine);
    for (const f of audit.failures) {
      // Every re-check audits again: say it once per rule, file and message (as diagnostics do).
      const id = `${f.ruleId}\u0000${f.file}\u0000${f.message}`;
      if (this.loggedFailures.has(id)) continue;
      this.loggedFailures.add(id);
      this.deps.log.error(`Rule ${f.ruleId} failed on ${f.file}: ${f.message}`);
    }
    return { generation, endpoints, result: toInventoryResult(endpoints, positionsOf, generation), roots };
  }
}

/** The result without its generation: equal prints mean the client has nothing new to show. */
function fingerprint(result: InventoryResult): string {
  return JSON.stringify({ ...result, generation: 0 });
}

function toAuth(a: EndpointAuth): InventoryAuth {
  return { status: a.status, by: [...a.by], evidence: a.evidence };
}

export function toInventoryResult(inv: EndpointInventory, positionsOf: PositionsOf, generation: number): InventoryResult {
  const location = (file: string, range: { start: number; end: number }): WardenLocation | undefined => {
    const at = positionsOf(file);
    return at ? { uri: at.uri, range: toRange(at.positions, range) } : undefined;
  };
  const groups = inv.groups.flatMap((g) => {
    const endpoints = g.endpoints.flatMap((e) => {
      const converted = toInventoryEndpoint(e, location);
      return converted ? [converted] : [];
    });
    return endpoints.length ? [{ path: g.path, endpoints }] : [];
  });
  return {
    groups,
    total: groups.reduce((n, g) => n + g.endpoints.length, 0),
    specs: inv.specs.flatMap((f) => positionsOf(f)?.uri ?? []),
    generation,
  };
}

type Locate = (file: string, range: { start: number; end: number }) => WardenLocation | undefined;

/** Undefined when none of the endpoint's files can be read any more (deleted meanwhile). */
function toInventoryEndpoint(e: Endpoint, location: Locate): InventoryEndpoint | undefined {
  const specLoc = e.spec && location(e.spec.file, e.spec.range);
  const specSpan = e.spec && location(e.spec.file, e.spec.span);
  const code = e.code.flatMap((c) => {
    const at = location(c.file, c.range);
    if (!at) return [];
    const handler = c.handler && location(c.handler.file, c.handler.range);
    return [{
      location: at,
      ...(handler ? { handler } : {}),
      framework: c.framework,
      method: c.method,
      path: c.path,
      ...(c.operationId ? { operationId: c.operationId } : {}),
      auth: toAuth(c.auth),
    }];
  });
  if (!specLoc && code.length === 0) return undefined;
  const findings: Record<Severity, number> & { total: number } = { ...e.findings };
  const specUri = e.specFile ? location(e.specFile, { start: 0, end: 0 })?.uri : undefined;
  return {
    id: e.id,
    method: e.method,
    path: e.path,
    sources: e.sources,
    status: e.status,
    ...(specUri ? { specUri } : {}),
    ...(e.spec && specLoc && specSpan
      ? {
          spec: {
            location: specLoc,
            span: specSpan.range,
            pointer: pointerToString(e.spec.pointer),
            path: e.spec.path,
            ...(e.spec.operationId ? { operationId: e.spec.operationId } : {}),
            deprecated: e.spec.deprecated,
            auth: toAuth(e.spec.auth),
          },
        }
      : {}),
    code,
    auth: { ...(e.auth.spec ? { spec: toAuth(e.auth.spec) } : {}), ...(e.auth.code ? { code: toAuth(e.auth.code) } : {}) },
    findings,
  };
}
