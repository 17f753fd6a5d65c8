import { boundsFix } from '../../openapi/fixes';
import { fieldPath, reportGrouped } from '../../openapi/grouping';
import { hasType, isEnumerated } from '../../openapi/schema-facts';
import type { SchemaNode } from '../../openapi/spec-model';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-array-without-max-items',
    kind: 'openapi',
    owasp: ['API4:2023'],
    cwe: [770],
    severity: 'warning',
    recommended: true,
    description: 'Request arrays should declare `maxItems`: each item usually costs a query, a write or an upstream call.',
    messages: {
      unbounded: '{{where}} accepts {{count}} array(s) without `maxItems`: {{fields}}. A client can send a million items in one request, and every item usually costs a database write or an upstream call.',
      documentUnbounded: '{{count}} request arrays in {{units}} schemas, bodies or parameters have no `maxItems` (only {{bounded}} of {{total}} have one), e.g. {{fields}}: the API mostly documents no limit on batch sizes. Add `maxItems` to request schemas, shared ones first; the related locations list the places.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    const hits: SchemaNode[] = [];
    let total = 0;
    return {
      schema(node) {
        if (node.context !== 'request' || !hasType(node.value, 'array') || isEnumerated(node.value)) return;
        if (node.role === 'root' && node.unit.in === 'path') return;
        total++;
        if (typeof node.value.maxItems !== 'number') hits.push(node);
      },
      documentEnd(doc, spec) {
        reportGrouped(ctx, spec, hits, total, {
          unitMessage: 'unbounded',
          documentMessage: 'documentUnbounded',
          describe: (n) => `array ${fieldPath(n) || '(value)'} has no maxItems`,
          fix: (nodes) => boundsFix(nodes.length > 1 ? `Add maxItems to the ${nodes.length} arrays` : 'Add maxItems', nodes, () => ({ maxItems: 100 })),
        });
      },
    };
  },
});
