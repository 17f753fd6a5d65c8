/**
 * What the fuzzer mutates: the suite's own seed files (always present), the fixture projects
 * under test/fixtures (each file fuzzed inside its project, so code rules see real imports),
 * and the real-world documents in ../shared/specs when that folder exists.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CORPUS_DIR, FIXTURES_DIR, sharedSpecs } from '../support';

export type ItemKind = 'yaml' | 'json' | 'code';

export interface CorpusItem {
  /** Stable name for reports: `corpus:openapi.yaml`, `fixtures:code/express/...`, `shared:stripe...`. */
  name: string;
  kind: ItemKind;
  /** Engine path of the file that gets mutated. */
  file: string;
  /** Engine root of its project. */
  root: string;
  /** Every file of the project by engine path (the target included, unmutated). */
  files: Record<string, string>;
}

export interface CorpusOptions {
  /** Skip documents larger than this (the short run in `npm test` keeps to small ones). */
  maxBytes?: number;
  includeShared?: boolean;
  /** Fuzz at most this many files of each fixture project (evenly spread over its files). */
  maxPerProject?: number;
}

const CODE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/i;

export function kindOf(file: string): ItemKind | undefined {
  if (CODE.test(file) && !/\.d\.[mc]?ts$/i.test(file)) return 'code';
  if (/\.json$/i.test(file)) return 'json';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return undefined;
}

/** Seed files are stored as `.txt` where tsc would otherwise compile them. */
const SEEDS: Record<string, string> = {
  'orders-api.yaml': '/ws/openapi.yaml',
  'legacy-shop.json': '/ws/swagger.json',
  'express-app.ts.txt': '/ws/src/app.ts',
  'nest-orders.controller.ts.txt': '/ws/src/orders/orders.controller.ts',
};

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

export function loadCorpus(options: CorpusOptions = {}): { items: CorpusItem[]; notes: string[] } {
  const maxBytes = options.maxBytes ?? Infinity;
  const items: CorpusItem[] = [];
  const notes: string[] = [];

  const seedFiles: Record<string, string> = {};
  for (const [name, target] of Object.entries(SEEDS)) seedFiles[target] = fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8');
  for (const target of Object.values(SEEDS)) {
    items.push({ name: `corpus:${target.slice(4)}`, kind: kindOf(target)!, file: target, root: '/ws', files: seedFiles });
  }

  if (fs.existsSync(FIXTURES_DIR)) {
    // A project: workspaces/<name>, code/<framework>/<name>, or any other folder two levels down.
    const groups = new Map<string, string[]>();
    for (const abs of listFiles(FIXTURES_DIR)) {
      const rel = path.relative(FIXTURES_DIR, abs).split(path.sep);
      if (!kindOf(abs) || rel.length < 2) continue;
      const group = rel.slice(0, Math.min(rel[0] === 'code' ? 3 : 2, rel.length - 1)).join('/');
      groups.set(group, [...(groups.get(group) ?? []), rel.join('/')]);
    }
    for (const [group, rels] of groups) {
      const root = `/fixtures/${group}`;
      const files: Record<string, string> = {};
      for (const rel of rels) files[`/fixtures/${rel}`] = fs.readFileSync(path.join(FIXTURES_DIR, rel), 'utf8');
      const perProject = options.maxPerProject ?? Infinity;
      const picked = rels.length <= perProject ? rels : rels.filter((_, i) => i % Math.ceil(rels.length / perProject) === 0);
      for (const rel of picked) {
        const text = files[`/fixtures/${rel}`];
        if (Buffer.byteLength(text) > maxBytes || /package(-lock)?\.json$|tsconfig.*\.json$/.test(rel)) continue;
        items.push({ name: `fixtures:${rel}`, kind: kindOf(rel)!, file: `/fixtures/${rel}`, root, files });
      }
    }
  } else {
    notes.push(`no fixture projects: ${FIXTURES_DIR} is absent`);
  }

  if (options.includeShared !== false) {
    const specs = sharedSpecs();
    if (!specs) notes.push('shared specs skipped: ../shared/specs is absent');
    for (const abs of specs ?? []) {
      const size = fs.statSync(abs).size;
      const base = path.basename(abs);
      if (size > maxBytes) {
        notes.push(`shared:${base} skipped (${(size / 1e6).toFixed(1)} MB > --max-bytes)`);
        continue;
      }
      const file = `/shared/${base}`;
      items.push({ name: `shared:${base}`, kind: kindOf(base)!, file, root: '/shared', files: { [file]: fs.readFileSync(abs, 'utf8') } });
    }
  }
  return { items: items.filter((i) => i.kind !== undefined), notes };
}
