import type { Pointer } from '../../openapi/document';
import type { OpenApiDocument } from '../../openapi/document';
import { words } from '../../openapi/names';
import { hasType } from '../../openapi/schema-facts';
import { listNames, RELATED_LIMIT } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

const ID_WORDS = new Set(['id', 'ids', 'number', 'num', 'no', 'identifier', 'key', 'seq']);

export default defineOpenApiRule({
  meta: {
    id: 'spec-enumerable-object-id',
    kind: 'openapi',
    owasp: ['API1:2023'],
    cwe: [639],
    severity: 'info',
    recommended: true,
    description: 'Objects addressed by sequential integer ids are easy to enumerate; every access needs a per-object authorization check.',
    messages: {
      integerIds: 'Objects are addressed by sequential integers in {{count}} path parameter(s) ({{names}}): ids that can be counted make it trivial to try other users\' objects. Check ownership on every object-level operation, or use random ids (`format: uuid`).',
    },
  },
  create(ctx) {
    const found: { doc: OpenApiDocument; pointer: Pointer; name: string }[] = [];
    return {
      parameter(param) {
        if (param.in !== 'path' || !param.schema) return;
        const s = param.schema.value;
        if (!hasType(s, 'integer') && !hasType(s, 'number')) return;
        const w = words(param.name);
        if (!ID_WORDS.has(w[w.length - 1] ?? '')) return;
        found.push({ doc: param.schema.doc, pointer: [...param.schema.pointer, 'type'], name: param.name });
      },
      documentEnd(doc, spec) {
        if (!found.length) return;
        // One finding per document: integer ids are an API-wide design choice, not a per-path slip.
        const [first, ...rest] = found;
        ctx.report({
          messageId: 'integerIds',
          data: { count: found.length, names: listNames(found.map((f) => f.name)) },
          at: { pointer: first.pointer, doc: first.doc, part: 'value' },
          related: rest.slice(0, RELATED_LIMIT).map((f) => spec.related(f.doc, f.pointer, `path parameter '${f.name}' is an integer`, 'value')),
        });
      },
    };
  },
});
