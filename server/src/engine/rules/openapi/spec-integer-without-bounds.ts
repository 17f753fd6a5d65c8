import { boundsFix } from '../../openapi/fixes';
import { fieldPath, reportGrouped } from '../../openapi/grouping';
import { isPageSize } from '../../openapi/names';
import { hasLowerBound, hasType, hasUpperBound, isEnumerated } from '../../openapi/schema-facts';
import type { SchemaNode } from '../../openapi/spec-model';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-integer-without-bounds',
    kind: 'openapi',
    owasp: ['API4:2023'],
    cwe: [1284],
    severity: 'info',
    recommended: true,
    description: 'Request integers should declare `minimum` and `maximum` (quantities, counts, durations, offsets).',
    messages: {
      unbounded: '{{where}} accepts {{count}} integer(s) without both `minimum` and `maximum`: {{fields}}. Huge or negative quantities, counts and durations are a classic way to exhaust resources or break business rules (negative amounts, 10^9 retries).',
      documentUnbounded: '{{count}} request integers in {{units}} schemas, bodies or parameters lack `minimum`/`maximum` (only {{bounded}} of {{total}} have both), e.g. {{fields}}: the API mostly documents no ranges for numeric input. Add bounds to request schemas, shared ones first; the related locations list the places.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    const hits: SchemaNode[] = [];
    let total = 0;
    return {
      schema(node) {
        if (node.context !== 'request' || !hasType(node.value, 'integer') || isEnumerated(node.value)) return;
        // Object ids in paths need no range; page sizes are spec-pagination-without-maximum's.
        if (node.role === 'root' && (node.unit.in === 'path' || (node.unit.in === 'query' && node.unit.name && isPageSize(node.unit.name)))) return;
        total++;
        if (!hasUpperBound(node.value) || !hasLowerBound(node.value)) hits.push(node);
      },
      documentEnd(doc, spec) {
        reportGrouped(ctx, spec, hits, total, {
          unitMessage: 'unbounded',
          documentMessage: 'documentUnbounded',
          describe: (n) => `integer ${fieldPath(n) || '(value)'} is unbounded`,
          fix: (nodes) =>
            boundsFix(nodes.length > 1 ? `Add bounds to the ${nodes.length} integers` : 'Add minimum and maximum', nodes, (t) => {
              const v = nodes.find((n) => n.pointer === t.pointer)?.value ?? {};
              return { ...(hasLowerBound(v) ? {} : { minimum: 0 }), ...(hasUpperBound(v) ? {} : { maximum: 10000 }) };
            }),
        });
      },
    };
  },
});
