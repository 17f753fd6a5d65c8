import { boundsFix } from '../../openapi/fixes';
import { isPageSize } from '../../openapi/names';
import { hasUpperBound, isEnumerated } from '../../openapi/schema-facts';
import { describeOperation, RELATED_LIMIT } from '../../openapi/spec';
import type { ParameterNode } from '../../openapi/spec-model';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-pagination-without-maximum',
    kind: 'openapi',
    owasp: ['API4:2023'],
    cwe: [770],
    severity: 'warning',
    recommended: true,
    description: 'Page-size parameters (`limit`, `per_page`, `size`, `top`…) must declare a `maximum`.',
    messages: {
      noMaximum: "Page-size parameter '{{name}}' has no `maximum`{{more}}: `?{{name}}=1000000` asks the server to load, serialise and send a million records in one response. Declare the largest page the server allows.",
    },
    fix: 'suggestion',
  },
  create(ctx) {
    const groups = new Map<string, ParameterNode[]>();
    return {
      parameter(param) {
        if (param.in !== 'query' || !isPageSize(param.name) || !param.schema) return;
        const s = param.schema.value;
        if (hasUpperBound(s) || isEnumerated(s)) return;
        const list = groups.get(param.name);
        if (list) list.push(param);
        else groups.set(param.name, [param]);
      },
      documentEnd(doc, spec) {
        // The same inline parameter on many operations is one finding, fixed everywhere at once.
        for (const [name, list] of groups) {
          const first = list[0];
          const schemas = list.map((p) => p.schema!);
          const fix = boundsFix(list.length > 1 ? `Add maximum to the ${list.length} '${name}' parameters` : 'Add maximum', schemas, () => ({ maximum: 100 }));
          const ops = list.flatMap((p) => p.uses);
          ctx.report({
            messageId: 'noMaximum',
            data: { name, more: list.length > 1 ? ` (defined ${list.length} times)` : ops.length > 1 ? ` (used by ${ops.length} operations)` : '' },
            at: { pointer: [...first.pointer, 'name'], doc: first.doc, part: 'value' },
            related: [
              ...list.slice(1, RELATED_LIMIT + 1).map((p) => spec.related(p.doc, [...p.pointer, 'name'], `also in ${p.uses.map(describeOperation).slice(0, 2).join(', ')}`, 'value')),
              ...(list.length === 1 && (first.doc !== doc || ops.length > 1) ? spec.usedBy(ops, 5) : []),
            ],
            suggestions: fix ? [fix] : [],
          });
        }
      },
    };
  },
});
