import { boundsFix } from '../../openapi/fixes';
import { fieldPath, reportGrouped } from '../../openapi/grouping';
import { hasType, isBinary, stringBound } from '../../openapi/schema-facts';
import type { SchemaNode } from '../../openapi/spec-model';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-string-without-max-length',
    kind: 'openapi',
    owasp: ['API4:2023'],
    cwe: [770],
    severity: 'info',
    recommended: true,
    description: 'Request strings should declare `maxLength` unless an enum, a const, a bounded format or an anchored bounded pattern already limits them.',
    messages: {
      unbounded: '{{where}} accepts {{count}} string(s) without `maxLength`: {{fields}}. Unbounded strings let a client send megabytes per field, costing memory, CPU (parsing, regexes) and storage.',
      documentUnbounded: '{{count}} request strings in {{units}} schemas, bodies or parameters have no `maxLength` (only {{bounded}} of the {{total}} strings that no enum, format or pattern bounds have one), e.g. {{fields}}: the API mostly documents no size limits for text input. Add `maxLength` to request schemas, shared ones first; the related locations list the places.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    const hits: SchemaNode[] = [];
    let total = 0;
    return {
      schema(node) {
        if (node.context !== 'request' || !hasType(node.value, 'string') || isBinary(node.value)) return;
        // Path segments are bounded by the URL; uploads are spec-upload-without-size-limit's.
        if (node.role === 'root' && node.unit.in === 'path') return;
        const bound = stringBound(node.value);
        if (bound && bound !== 'maxLength') return;
        total++;
        if (!bound) hits.push(node);
      },
      documentEnd(doc, spec) {
        reportGrouped(ctx, spec, hits, total, {
          unitMessage: 'unbounded',
          documentMessage: 'documentUnbounded',
          describe: (n) => `string ${fieldPath(n) || '(value)'} has no maxLength`,
          fix: (nodes) => boundsFix(nodes.length > 1 ? `Add maxLength to the ${nodes.length} strings` : 'Add maxLength', nodes, () => ({ maxLength: 256 })),
        });
      },
    };
  },
});
