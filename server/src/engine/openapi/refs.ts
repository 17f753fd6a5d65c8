/**
 * `$ref` resolution across files. A `SpecSet` is one root document plus every file its
 * references reach, loaded on demand through the engine (open buffers first, then disk),
 * parsed with the same fast parser and kept for the set's lifetime.
 *
 * Why resolution never copies or inlines: findings must point into the file that holds the
 * node, so a resolved reference is always `{ doc, pointer, value }`, never a merged tree.
 * Remote (`http(s):`) references are never fetched; they and missing files/targets are
 * recorded as problems for `spec-unresolved-reference` to report.
 */
import type { FilePath } from '../types';
import { dirname } from '../util/paths';
import { getAt, isObject, parseLocalRef, type JsonObject, type OpenApiDocument, type Pointer } from './document';

/** Returns the parsed document for a file, or undefined when it cannot be read. */
export type DocumentLoader = (file: FilePath) => OpenApiDocument | undefined;

export interface Located<T = unknown> {
  doc: OpenApiDocument;
  pointer: Pointer;
  value: T;
}

export type RefProblemKind = 'remote' | 'missing-file' | 'missing-target' | 'cycle' | 'unsupported';

export interface RefProblem {
  kind: RefProblemKind;
  ref: string;
  /** The object holding the `$ref`. */
  doc: OpenApiDocument;
  pointer: Pointer;
  /** Resolved file, for missing files. */
  file?: FilePath;
}

export type RefTarget = { doc: OpenApiDocument; pointer: Pointer } | { problem: RefProblemKind; file?: FilePath };

const URI_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Chains longer than this (real ones have a few links) remember their failure too. */
const LONG_CHAIN = 32;

/** Normalises `a/./b/../c` to `a/c` (engine paths are absolute and '/'-separated). */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const drive = /^[a-z]:$/i.test(out[0] ?? '');
  return (drive ? '' : '/') + out.join('/');
}

/** The file a relative reference names, seen from `from` (undefined for same-document refs). */
export function refFile(ref: string, from: FilePath): FilePath | undefined {
  const hash = ref.indexOf('#');
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  if (filePart === '' || URI_SCHEME.test(filePart)) return undefined;
  let decoded = filePart;
  try {
    decoded = decodeURIComponent(filePart);
  } catch {
    // a literal '%' in a file name: use it as written
  }
  return normalizePath(decoded.startsWith('/') ? decoded : `${dirname(from)}/${decoded}`);
}

export function isRemoteRef(ref: string): boolean {
  return /^https?:/i.test(ref);
}

export class SpecSet {
  readonly root: OpenApiDocument;
  private readonly loader?: DocumentLoader;
  private readonly docs = new Map<FilePath, OpenApiDocument | null>();
  private readonly problemKeys = new Set<string>();
  /** Resolved chains by `$ref` object: documents repeat the same few hundred references thousands of times. */
  private readonly resolved = new WeakMap<object, Located>();
  /** `$ref` objects met inside a chain that resolved, with where it ended (see resolveChain). */
  private readonly chainEnds = new WeakMap<object, Located>();
  /** `$ref` objects met inside an absurdly long chain that failed. */
  private readonly longFailures = new WeakSet<object>();
  readonly problems: RefProblem[] = [];

  constructor(root: OpenApiDocument, loader?: DocumentLoader) {
    this.root = root;
    this.loader = loader;
    this.docs.set(root.file, root);
  }

  /** Every document loaded so far (the root first). */
  documents(): OpenApiDocument[] {
    return [...this.docs.values()].filter((d): d is OpenApiDocument => d !== null);
  }

  /** Files the set read besides the root (for cache invalidation and reverse lookups). */
  dependencies(): FilePath[] {
    return [...this.docs.keys()].filter((f) => f !== this.root.file);
  }

  load(file: FilePath): OpenApiDocument | undefined {
    const cached = this.docs.get(file);
    if (cached !== undefined) return cached ?? undefined;
    const doc = this.loader?.(file);
    this.docs.set(file, doc ?? null);
    return doc;
  }

  /** Where a `$ref` string points, seen from `from`. */
  target(ref: string, from: OpenApiDocument): RefTarget {
    if (URI_SCHEME.test(ref)) return { problem: isRemoteRef(ref) ? 'remote' : 'unsupported' };
    const hash = ref.indexOf('#');
    const fragment = hash === -1 ? '' : ref.slice(hash);
    const pointer = fragment === '' ? [] : parseLocalRef(fragment);
    if (!pointer) return { problem: 'unsupported' };
    const file = refFile(ref, from.file);
    if (file === undefined) return { doc: from, pointer };
    if (!this.loader) return { problem: 'missing-file', file };
    const doc = this.load(file);
    return doc ? { doc, pointer } : { problem: 'missing-file', file };
  }

  /**
   * Follows a chain of `$ref`s starting at `value` (which lives at `doc`/`pointer`). Cycle-safe:
   * a chain that comes back to itself stops where it was. Problems are recorded once per site.
   */
  resolve(value: unknown, doc: OpenApiDocument, pointer: Pointer): Located {
    if (!isObject(value) || typeof value.$ref !== 'string') return { doc, pointer, value };
    // A parsed object belongs to one document, so its chain always ends at the same place; only a
    // chain that failed at its first step answers with the caller's own pointer (YAML aliases).
    const cached = this.resolved.get(value);
    if (cached) return cached.value === value ? { doc, pointer, value } : cached;
    const result = this.resolveChain(value, doc, pointer);
    this.resolved.set(value, result);
    return result;
  }

  /**
   * Where a `$ref` object resolved to, when its chain was followed before and left the object;
   * else undefined (call `resolve`). Lets a walk skip building the pointer `resolve` needs only
   * for a first resolution (documents repeat the same few hundred references thousands of times).
   */
  resolvedBefore(value: object): Located | undefined {
    const cached = this.resolved.get(value);
    return cached && cached.value !== value ? cached : undefined;
  }

  /**
   * Every `$ref` object a chain passes through is remembered with the chain's end, so a chain
   * of N references costs O(N) in total rather than O(N) per starting point (a 10,000-link
   * chain took minutes). A failed chain is remembered only when it is absurdly long, so the
   * problems recorded for ordinary documents stay one per site, as before.
   */
  private resolveChain(value: unknown, doc: OpenApiDocument, pointer: Pointer): Located {
    let cur: Located = { doc, pointer, value };
    const seen = new Set<string>();
    const passed: object[] = [];
    const fail = (): Located => {
      if (passed.length > LONG_CHAIN) for (const p of passed) this.longFailures.add(p);
      return cur;
    };
    while (isObject(cur.value) && typeof cur.value.$ref === 'string') {
      const ref = cur.value.$ref;
      const t = this.target(ref, cur.doc);
      if ('problem' in t) {
        this.record({ kind: t.problem, ref, doc: cur.doc, pointer: cur.pointer, file: t.file });
        return fail();
      }
      const key = `${t.doc.file}#${t.pointer.join('/')}`;
      if (seen.has(key)) {
        this.record({ kind: 'cycle', ref, doc: cur.doc, pointer: cur.pointer });
        return fail();
      }
      seen.add(key);
      const next = getAt(t.doc.root, t.pointer);
      if (next === undefined) {
        this.record({ kind: 'missing-target', ref, doc: cur.doc, pointer: cur.pointer });
        return fail();
      }
      if (isObject(next)) {
        const end = this.chainEnds.get(next);
        if (end) {
          cur = end; // the rest of this chain was resolved before
          break;
        }
        if (this.longFailures.has(next)) return cur; // it joins an absurd chain that failed
        if (typeof next.$ref === 'string') passed.push(next);
      }
      cur = { doc: t.doc, pointer: t.pointer, value: next };
    }
    for (const p of passed) this.chainEnds.set(p, cur);
    return cur;
  }

  /** `resolve`, keeping only objects. */
  resolveObject(value: unknown, doc: OpenApiDocument, pointer: Pointer): Located<JsonObject> | undefined {
    const r = this.resolve(value, doc, pointer);
    return isObject(r.value) && typeof r.value.$ref !== 'string' ? (r as Located<JsonObject>) : undefined;
  }

  /** The value at a pointer inside a document of the set. */
  at(doc: OpenApiDocument, pointer: Pointer): unknown {
    return getAt(doc.root, pointer);
  }

  private record(p: RefProblem): void {
    const key = `${p.doc.file}#${p.pointer.join('/')}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.problems.push(p);
  }
}

/** A stable key for a node of the set: file + pointer. */
export function locationKey(doc: OpenApiDocument, pointer: Pointer): string {
  // Built for every parameter and schema unit of a document: no intermediate array, no regex.
  let key = `${doc.file}#/`;
  for (let i = 0; i < pointer.length; i++) {
    const s = String(pointer[i]);
    key += (i ? '/' : '') + (s.includes('~') ? s.replaceAll('~', '~0') : s).replaceAll('/', '~1');
  }
  return key;
}
