/**
 * The endpoint inventory as files: JSON (display data: relative paths, 1-based lines) and
 * Markdown (a table for a pull request or a wiki). Pure: texts come from `readFile`.
 */
import type { Endpoint, EndpointAuth, EndpointInventory } from '../model/endpoints';
import type { FilePath, TextRange } from '../types';
import { LineIndex } from '../util/line-index';
import { relativePath } from '../util/paths';
import { escapeMarkdown } from './escape';

export const INVENTORY_SCHEMA_VERSION = 1;

interface Where {
  file: string;
  line: number;
}

export interface InventoryJson {
  schemaVersion: number;
  tool: { name: string; version: string };
  root: string;
  specs: string[];
  summary: { endpoints: number; byStatus: Record<string, number> };
  endpoints: {
    method: string;
    path: string;
    sources: Endpoint['sources'];
    status: Endpoint['status'];
    spec?: Where & { path: string; operationId?: string; deprecated: boolean; auth: EndpointAuth };
    code: (Where & { framework: string; method: string; path: string; auth: EndpointAuth; handler?: Where })[];
    findings: Endpoint['findings'];
  }[];
}

export function inventoryToJson(
  inv: EndpointInventory,
  root: FilePath,
  readFile: (f: FilePath) => string | undefined,
  tool: { name: string; version: string },
): InventoryJson {
  const lines = new Map<FilePath, LineIndex | null>();
  const where = (file: FilePath, range: TextRange): Where => {
    let idx = lines.get(file);
    if (idx === undefined) {
      const text = readFile(file);
      idx = text === undefined ? null : new LineIndex(text);
      lines.set(file, idx);
    }
    return { file: relativePath(root, file), line: idx ? idx.positionAt(range.start).line + 1 : 1 };
  };
  const endpoints = inv.groups.flatMap((g) => g.endpoints).map((e) => ({
    method: e.method,
    path: e.path,
    sources: e.sources,
    status: e.status,
    ...(e.spec
      ? { spec: { ...where(e.spec.file, e.spec.range), path: e.spec.path, ...(e.spec.operationId ? { operationId: e.spec.operationId } : {}), deprecated: e.spec.deprecated, auth: e.spec.auth } }
      : {}),
    code: e.code.map((c) => ({
      ...where(c.file, c.range),
      framework: c.framework,
      method: c.method,
      path: c.path,
      auth: c.auth,
      ...(c.handler ? { handler: where(c.handler.file, c.handler.range) } : {}),
    })),
    findings: e.findings,
  }));
  const byStatus: Record<string, number> = {};
  for (const e of endpoints) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool,
    root,
    specs: inv.specs.map((s) => relativePath(root, s)),
    summary: { endpoints: endpoints.length, byStatus },
    endpoints,
  };
}

const STATUS_TEXT: Record<Endpoint['status'], string> = {
  documented: 'documented',
  shadow: 'shadow (not in the spec)',
  unimplemented: 'not implemented',
  unmatchable: 'cannot tell',
  'spec-only': 'spec only',
  'code-only': 'code only (no spec)',
};

function authText(a: EndpointAuth | undefined): string {
  if (!a) return '—';
  const by = a.by.length ? ` (${a.by.join(', ')})` : '';
  return `${a.status}${by}`;
}

export function inventoryToMarkdown(json: InventoryJson): string {
  const out: string[] = ['# API inventory', ''];
  const counts = Object.entries(json.summary.byStatus).map(([s, n]) => `${n} ${STATUS_TEXT[s as Endpoint['status']] ?? s}`);
  out.push(`${json.summary.endpoints} endpoint${json.summary.endpoints === 1 ? '' : 's'}${counts.length ? `: ${counts.join(', ')}` : ''}.`);
  if (json.specs.length) out.push('', `Specs: ${json.specs.map(escapeMarkdown).join(', ')}`);
  out.push('', '| Method | Path | Pairing | Spec auth | Code auth | Findings | Where |', '|---|---|---|---|---|---|---|');
  for (const e of json.endpoints) {
    const where = [...(e.spec ? [`${e.spec.file}:${e.spec.line}`] : []), ...e.code.map((c) => `${c.file}:${c.line}`)].map(escapeMarkdown).join('<br>');
    out.push(
      `| ${e.method} | ${escapeMarkdown(e.path)} | ${STATUS_TEXT[e.status]} | ${escapeMarkdown(authText(e.spec?.auth))} | ${escapeMarkdown(authText(e.code[0]?.auth))} | ${e.findings.total} | ${where} |`,
    );
  }
  return out.join('\n') + '\n';
}
