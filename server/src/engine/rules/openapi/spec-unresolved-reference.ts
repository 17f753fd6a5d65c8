import type { OpenApiDocument, Pointer } from '../../openapi/document';
import { isTree } from '../../openapi/parse';
import type { RefProblem } from '../../openapi/refs';
import { RELATED_LIMIT } from '../../openapi/spec';
import { checkBudget } from '../../run/budget';
import { defineOpenApiRule } from '../rule';

/** Keywords whose values are data, where a `$ref` key is not a reference. */
const DATA_KEYS = new Set(['example', 'examples', 'enum', 'const', 'default', 'x-examples']);

/**
 * Every `$ref` of a document with the pointer of the object that holds it. Iterative (documents
 * nest deeply), with the path kept in parallel arrays (no object per node) and pointers built
 * only for the objects that hold a `$ref` not `skip`ped: this walks every node of 13 MB documents. A `seen`
 * set is kept only when YAML anchors may share an object between places.
 */
function refsOf(doc: OpenApiDocument, skip: (value: object) => boolean): { ref: string; pointer: Pointer; value: object }[] {
  const out: { ref: string; pointer: Pointer; value: object }[] = [];
  const seen = isTree(doc.parsed) ? undefined : new Set<object>();
  // The pending nodes: value, its key in the parent, and its depth (the root's path is empty).
  const values: unknown[] = [doc.root];
  const keys: (string | number)[] = [''];
  const depths: number[] = [0];
  const path: (string | number)[] = [];
  while (values.length) {
    const value = values.pop();
    const key = keys.pop()!;
    const depth = depths.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (seen) {
      if (seen.has(value)) continue;
      seen.add(value);
    }
    checkBudget();
    // The path of this node: its ancestors' keys (already in place, depth-first) and its own.
    path.length = Math.max(0, depth - 1);
    if (depth > 0) path.push(key);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const v: unknown = value[i];
        if (typeof v === 'object' && v !== null) {
          values.push(v);
          keys.push(i);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    const obj = value as Record<string, unknown>;
    if (typeof obj.$ref === 'string' && !skip(obj)) out.push({ ref: obj.$ref, pointer: path.slice(), value: obj });
    // The same visiting order as ever (problems are listed, and remote ones grouped, in that order).
    for (const k in obj) {
      const v = obj[k];
      if (typeof v === 'object' && v !== null && !DATA_KEYS.has(k)) {
        values.push(v);
        keys.push(k);
        depths.push(depth + 1);
      }
    }
  }
  return out;
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-unresolved-reference',
    kind: 'openapi',
    owasp: ['API9:2023'],
    cwe: [1059],
    severity: 'error',
    recommended: true,
    description: '`$ref`s must resolve: a missing file or target leaves part of the API undocumented and unchecked; remote references are never fetched.',
    messages: {
      missingFile: "`$ref` '{{ref}}' names a file that does not exist ({{file}}): everything it should describe is missing from the contract, and no rule can check it.",
      missingTarget: "`$ref` '{{ref}}' points at nothing: the target does not exist in that document.",
      cycle: "`$ref` '{{ref}}' only refers to itself (a reference cycle with no schema in it).",
      unsupported: "`$ref` '{{ref}}' uses a form that is not resolved (only relative files and JSON pointers are).",
      remote: '{{count}} remote `$ref`(s) ({{refs}}) were not followed: API Warden never fetches anything over the network, so what they describe is not analysed. Vendor them as local files to have them checked.',
    },
  },
  create(ctx) {
    return {
      documentEnd(doc, spec) {
        // Resolve every reference (other rules only resolve what their walks reach), following new files as they load.
        const done = new Set<OpenApiDocument>();
        for (let docs = spec.set.documents(); docs.some((d) => !done.has(d)); docs = spec.set.documents()) {
          for (const d of docs) {
            if (done.has(d)) continue;
            done.add(d);
            // References the other rules' walks already followed are skipped: resolving them again finds nothing new.
            for (const r of refsOf(d, (v) => spec.set.resolvedBefore(v) !== undefined)) spec.set.resolve(r.value, d, r.pointer);
          }
        }
        const remote: RefProblem[] = [];
        const reports: { problem: RefProblem; report: () => void }[] = [];
        for (const p of spec.set.problems) {
          const at = { pointer: [...p.pointer, '$ref'], doc: p.doc, part: 'value' as const };
          if (p.kind === 'remote') {
            // Said once per document, as information: not fetching is a choice, not a defect of the document.
            if (!remote.length) {
              reports.push({
                problem: p,
                report: () => ctx.report({
                  messageId: 'remote',
                  data: { count: remote.length, refs: [...new Set(remote.map((r) => r.ref.split('#')[0]))].slice(0, 3).join(', ') },
                  at,
                  severity: 'info',
                  related: remote.slice(1, RELATED_LIMIT + 1).map((r) => spec.related(r.doc, [...r.pointer, '$ref'], `remote reference ${r.ref}`, 'value')),
                }),
              });
            }
            remote.push(p);
          } else if (p.kind === 'missing-file') reports.push({ problem: p, report: () => ctx.report({ messageId: 'missingFile', data: { ref: p.ref, file: p.file ?? '?' }, at }) });
          else if (p.kind === 'missing-target') reports.push({ problem: p, report: () => ctx.report({ messageId: 'missingTarget', data: { ref: p.ref }, at }) });
          else if (p.kind === 'cycle') reports.push({ problem: p, report: () => ctx.report({ messageId: 'cycle', data: { ref: p.ref }, at, severity: 'warning' }) });
          else reports.push({ problem: p, report: () => ctx.report({ messageId: 'unsupported', data: { ref: p.ref }, at, severity: 'info' }) });
        }
        // In document order (file by file), whatever order the walks met them in.
        const order = (p: RefProblem) => [p.doc === doc ? '' : p.doc.file, spec.range(p.doc, [...p.pointer, '$ref'], 'value').start] as const;
        reports.sort((a, b) => {
          const [fa, sa] = order(a.problem);
          const [fb, sb] = order(b.problem);
          return fa < fb ? -1 : fa > fb ? 1 : sa - sb;
        });
        for (const r of reports) r.report();
      },
    };
  },
});
