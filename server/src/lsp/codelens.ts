/**
 * CodeLenses from the endpoint inventory: above each spec operation and each route
 * registration, what that side says about authentication and how it pairs with the other side
 * ("guarded by JwtAuthGuard (global) · documented in openapi.yaml", "requires bearer ·
 * implemented in src/routes/orders.ts:14"). Clicking a lens reveals the other side through a
 * client command (REVEAL_LOCATION_COMMAND, or SHOW_LOCATIONS_COMMAND for several places).
 */
import type { CodeLens, Command } from 'vscode-languageserver';
import { relativePath } from '../engine';
import {
  REVEAL_LOCATION_COMMAND,
  SHOW_LOCATIONS_COMMAND,
  type InventoryAuth,
  type InventoryCodeSide,
  type InventoryEndpoint,
  type InventoryResult,
  type WardenLocation,
} from '../protocol';
import type { UriMapper } from './uri';

const SEPARATOR = ' · ';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A guard attached through APP_GUARD or app.useGlobalGuards (the Nest model's own wording). */
function isGlobalGuard(name: string, evidence: string): boolean {
  return evidence.includes(`${name} (APP_GUARD`) || evidence.includes(`${name} (app.useGlobalGuards`);
}

export function authText(auth: InventoryAuth | undefined, side: 'spec' | 'express' | 'nestjs'): string {
  if (!auth) return 'authentication unknown';
  switch (auth.status) {
    case 'required': {
      if (auth.by.length === 0) return 'authentication required';
      if (side === 'spec') return `requires ${auth.by.join(' or ')}`;
      if (side === 'nestjs') return `guarded by ${auth.by.map((b) => (isGlobalGuard(b, auth.evidence) ? `${b} (global)` : b)).join(', ')}`;
      return `authenticated by ${auth.by.join(', ')}`;
    }
    case 'public':
      return 'declared public';
    case 'missing':
      return 'no authentication';
    default:
      return 'authentication unknown';
  }
}

/** Where a route is, for a human: `src/routes/orders.ts:14` (the handler's line, 1-based). */
function codePlace(c: InventoryCodeSide, uris: UriMapper, roots: readonly string[]): string {
  const target = c.handler ?? c.location;
  const path = uris.toPath(target.uri);
  const root = roots.filter((r) => path.startsWith(r + '/')).sort((a, b) => b.length - a.length)[0];
  return `${root ? relativePath(root, path) : baseName(path)}:${target.range.start.line + 1}`;
}

function navigate(title: string, from: WardenLocation, targets: readonly WardenLocation[], tooltip?: string): Command {
  if (targets.length === 0) return { title, command: '' };
  if (targets.length === 1) return { title, command: REVEAL_LOCATION_COMMAND, arguments: [targets[0]], ...(tooltip ? { tooltip } : {}) };
  return { title, command: SHOW_LOCATIONS_COMMAND, arguments: [from.uri, from.range.start, targets], ...(tooltip ? { tooltip } : {}) };
}

function specName(e: InventoryEndpoint, uris: UriMapper): string {
  return e.specUri ? baseName(uris.toPath(e.specUri)) : 'the spec';
}

/** The lens above a spec operation. */
function specLens(e: InventoryEndpoint, uris: UriMapper, roots: readonly string[]): CodeLens | undefined {
  const spec = e.spec;
  if (!spec) return undefined;
  let pairing: string;
  switch (e.status) {
    case 'documented':
      pairing = e.code.length === 1 ? `implemented in ${codePlace(e.code[0], uris, roots)}` : `implemented in ${e.code.length} places`;
      break;
    case 'unimplemented':
      pairing = 'not implemented in the code';
      break;
    case 'unmatchable':
      pairing = 'may be served by a route with a dynamic path';
      break;
    default:
      pairing = 'no code in the workspace';
  }
  const title = `${authText(spec.auth, 'spec')}${SEPARATOR}${pairing}`;
  const targets = e.code.map((c) => c.handler ?? c.location);
  return { range: spec.location.range, command: navigate(title, spec.location, targets, e.code.length ? 'Go to the implementation' : undefined) };
}

/** The lens above a route registration (one per registration, whatever it implements). */
function codeLens(c: InventoryCodeSide, endpoints: readonly InventoryEndpoint[], uris: UriMapper): CodeLens {
  const e = endpoints[0];
  let pairing: string;
  const documented = endpoints.filter((x) => x.spec && x.status === 'documented');
  if (documented.length) {
    const methods = documented.length > 1 ? ` (${documented.map((x) => x.method).join(', ')})` : '';
    pairing = `documented in ${specName(documented[0], uris)}${methods}`;
  } else if (e.status === 'shadow') pairing = `not in ${specName(e, uris)}`;
  else if (e.status === 'unmatchable') pairing = `dynamic path: not compared with ${specName(e, uris)}`;
  else pairing = 'not in any spec';
  const title = `${authText(c.auth, c.framework)}${SEPARATOR}${pairing}`;
  const targets = documented.flatMap((x) => (x.spec ? [x.spec.location] : []));
  return { range: c.location.range, command: navigate(title, c.location, targets, targets.length ? 'Go to the spec operation' : undefined) };
}

/** Lenses for one document: its spec operations and its route registrations. */
export function codeLensesFor(uri: string, inventory: InventoryResult, uris: UriMapper, roots: readonly string[]): CodeLens[] {
  const path = uris.toPath(uri);
  const here = (loc: WardenLocation) => loc.uri === uri || uris.toPath(loc.uri) === path;
  const lenses: CodeLens[] = [];
  // Routes by registration: an `app.all` route implements several operations but gets one lens.
  const routes = new Map<string, { side: InventoryCodeSide; endpoints: InventoryEndpoint[] }>();
  for (const g of inventory.groups) {
    for (const e of g.endpoints) {
      if (e.spec && here(e.spec.location)) {
        const lens = specLens(e, uris, roots);
        if (lens) lenses.push(lens);
      }
      for (const c of e.code) {
        if (!here(c.location)) continue;
        const key = `${c.location.range.start.line}:${c.location.range.start.character}:${c.method}:${c.path}`;
        const entry = routes.get(key);
        if (entry) entry.endpoints.push(e);
        else routes.set(key, { side: c, endpoints: [e] });
      }
    }
  }
  for (const { side, endpoints } of routes.values()) lenses.push(codeLens(side, endpoints, uris));
  return lenses.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
