import { isObject, type JsonObject, type OpenApiDocument, type Pointer, type SpecOperation } from '../../openapi/document';
import { locationKey } from '../../openapi/refs';
import { words } from '../../openapi/names';
import { describeOperation, listNames } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

const INTERNAL_NAMES = new Set(['stack', 'stacktrace', 'backtrace', 'traceback', 'exception', 'exceptionclass', 'exceptiontype', 'exceptionmessage', 'sql', 'sqlquery', 'sqlstate', 'query', 'debug', 'debuginfo', 'debugmessage', 'internalerror', 'innerexception', 'trace']);
const INTERNAL_TEXT = /\bat [\w$.]+\([\w.]+:\d+\)|Traceback \(most recent call last\)|SQLSTATE|ORA-\d{5}|\bat Object\.<anonymous>|Exception in thread|\.java:\d+\)|node_modules\//;
const MAX_DEPTH = 6;

interface Hit {
  doc: OpenApiDocument;
  pointer: Pointer;
  name: string;
  ops: SpecOperation[];
}

function samePointer(a: Pointer, b: Pointer): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isErrorStatus(status: string): boolean {
  return status === 'default' || /^[45]/.test(status);
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-error-exposes-internals',
    kind: 'openapi',
    owasp: ['API8:2023'],
    cwe: [209],
    severity: 'warning',
    recommended: true,
    description: 'Error responses must not expose stack traces, exception details or SQL.',
    messages: {
      internals: "Error responses include '{{name}}'{{where}}: stack traces, exception classes and SQL tell attackers the framework, versions, file layout and queries to target. Return a stable error code and message; log the details server-side. Returned by {{uses}}.",
      example: 'An error response example shows internal details ({{what}}): error responses should never carry stack traces or SQL.',
    },
  },
  create(ctx) {
    const hits = new Map<string, Hit>();
    // Error schemas are shared by hundreds of responses (and can be huge): each schema location is
    // searched once and remembers which hits lie under it.
    const memo = new Map<string, string[]>();
    // The same memo found by the schema object, without building its location key (the key is
    // still the truth: one object can sit at two locations through YAML aliases).
    const memoByValue = new WeakMap<JsonObject, { doc: OpenApiDocument; pointer: Pointer; list: string[] }>();
    const reportedExamples = new Set<string>();
    return {
      response(response, spec) {
        if (!isErrorStatus(response.status)) return;
        const under = (v: JsonObject, doc: OpenApiDocument, pointer: Pointer, depth: number, stack: Set<string>): string[] => {
          const seen = memoByValue.get(v);
          if (seen && seen.doc === doc && samePointer(seen.pointer, pointer)) return seen.list;
          const key = locationKey(doc, pointer);
          const known = memo.get(key);
          if (known) return known;
          if (depth > MAX_DEPTH || stack.has(key)) return [];
          stack.add(key);
          const out = new Set<string>();
          const child = (x: unknown, p: Pointer) => {
            const c = spec.set.resolveObject(x, doc, p);
            if (c) for (const k of under(c.value, c.doc, c.pointer, depth + 1, stack)) out.add(k);
          };
          if (isObject(v.properties)) {
            for (const name of Object.keys(v.properties)) {
              const p = [...pointer, 'properties', name];
              if (INTERNAL_NAMES.has(words(name).join(''))) {
                const k = locationKey(doc, p);
                if (!hits.has(k)) hits.set(k, { doc, pointer: p, name, ops: [] });
                out.add(k);
              }
              child(v.properties[name], p);
            }
          }
          for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
            const list = v[k];
            if (Array.isArray(list)) list.forEach((x, i) => child(x, [...pointer, k, i]));
          }
          if (isObject(v.items)) child(v.items, [...pointer, 'items']);
          stack.delete(key);
          const list = [...out];
          memo.set(key, list);
          if (!seen) memoByValue.set(v, { doc, pointer, list });
          return list;
        };
        for (const media of response.media) {
          if (media.schema) {
            for (const k of under(media.schema.value, media.schema.doc, media.schema.pointer, 0, new Set())) {
              const hit = hits.get(k)!;
              if (!hit.ops.includes(response.op)) hit.ops.push(response.op);
            }
          }
          const m = spec.set.at(media.doc, media.pointer);
          if (isObject(m)) checkExamples(m, media.doc, media.pointer);
        }
      },
      documentEnd(doc, spec) {
        for (const hit of hits.values()) {
          if (!hit.ops.length) continue;
          const at = hit.pointer.lastIndexOf('properties');
          const component = (hit.pointer[0] === 'components' || hit.pointer[0] === 'definitions') && at > 0 ? String(hit.pointer[at - 1]) : undefined;
          ctx.report({
            messageId: 'internals',
            data: { name: hit.name, where: component ? ` (schema ${component})` : '', uses: listNames(hit.ops.map(describeOperation), 3) },
            at: { pointer: hit.pointer, doc: hit.doc },
            related: spec.usedBy(hit.ops, 5),
          });
        }
      },
    };

    function checkExamples(media: JsonObject, doc: OpenApiDocument, pointer: Pointer): void {
      const candidates: [unknown, Pointer][] = [[media.example, [...pointer, 'example']]];
      if (isObject(media.examples)) {
        for (const k of Object.keys(media.examples)) {
          const e = media.examples[k];
          candidates.push([isObject(e) ? e.value : undefined, [...pointer, 'examples', k, 'value']]);
        }
      }
      for (const [value, p] of candidates) {
        if (value === undefined) continue;
        const m = INTERNAL_TEXT.exec(typeof value === 'string' ? value : JSON.stringify(value));
        if (!m) continue;
        const key = locationKey(doc, p);
        if (!reportedExamples.has(key)) {
          reportedExamples.add(key);
          ctx.report({ messageId: 'example', data: { what: m[0].slice(0, 40) }, at: { pointer: p, doc } });
        }
      }
    }
  },
});
