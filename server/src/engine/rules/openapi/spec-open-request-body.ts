import { closeObjectFix } from '../../openapi/fixes';
import { isObject } from '../../openapi/document';
import { summarise } from '../../openapi/grouping';
import { isClosedObject, isObjectSchema } from '../../openapi/schema-facts';
import { WRITE_METHODS } from '../../openapi/security';
import type { SchemaNode } from '../../openapi/spec-model';
import { listNames, RELATED_LIMIT, schemaLabel, type OpenApiSpec } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

function usedByWrites(node: SchemaNode, spec: OpenApiSpec): boolean {
  return spec.model.usesOf(node.unit).some((op) => WRITE_METHODS.has(op.method));
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-open-request-body',
    kind: 'openapi',
    owasp: ['API3:2023'],
    cwe: [915],
    severity: 'warning',
    recommended: true,
    description: 'Request bodies of write operations should reject unknown properties (`additionalProperties: false`).',
    messages: {
      open: '{{label}} accepts properties it does not declare (no `additionalProperties: false`): a client can send fields such as `role` or `ownerId` and a framework that binds the body to a model may write them (mass assignment). Used by {{uses}}.',
      documentOpen: '{{count}} of the {{total}} request bodies of write operations accept properties they do not declare (no `additionalProperties: false`): any extra field a client sends reaches the implementation, which invites mass assignment. For example: {{names}}.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    const open: SchemaNode[] = [];
    let closed = 0;
    return {
      schema(node, spec) {
        // The body's own object: nested objects are reached through it, and closing the top level is what
        // stops a framework from binding unexpected top-level fields.
        if (node.context !== 'request' || node.role !== 'root' || node.unit.origin === 'parameter' || node.unit.origin === 'header') return;
        const v = node.value;
        // Objects with declared properties; maps (`additionalProperties: {…}` only) are open on purpose.
        if (!isObjectSchema(v) || !isObject(v.properties) || Object.keys(v.properties).length === 0) return;
        if (isObject(v.additionalProperties) || v.additionalProperties === true) return;
        if (!usedByWrites(node, spec)) return;
        if (isClosedObject(v)) closed++;
        else open.push(node);
      },
      documentEnd(doc, spec) {
        if (!open.length) return;
        if (summarise(open.length, open.length + closed, open.length)) {
          // The document mostly leaves request bodies open: one finding, not one per schema.
          ctx.report({
            messageId: 'documentOpen',
            data: { count: open.length, total: open.length + closed, names: listNames(open.map(schemaLabel)) },
            at: { pointer: open[0].pointer, doc: open[0].doc },
            related: open.slice(1, RELATED_LIMIT + 1).map((n) => spec.related(n.doc, n.pointer, `${schemaLabel(n)} is open`)),
          });
          return;
        }
        for (const node of open) {
          const uses = spec.model.usesOf(node.unit);
          const fix = closeObjectFix(node.doc, node.pointer);
          ctx.report({
            messageId: 'open',
            data: { label: schemaLabel(node), uses: listNames(uses.map((o) => `${o.method.toUpperCase()} ${o.path}`), 3) },
            at: { pointer: node.pointer, doc: node.doc },
            related: node.doc !== doc || node.unit.component ? spec.usedBy(uses) : undefined,
            suggestions: fix ? [fix] : [],
          });
        }
      },
    };
  },
});
