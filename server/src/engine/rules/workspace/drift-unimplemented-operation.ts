import { markDeprecatedFix, opRef } from '../../model/drift-fixes';
import { mayBeServedByUnmatchable } from '../../model/match';
import { defineWorkspaceRule } from '../rule';

export default defineWorkspaceRule({
  meta: {
    id: 'drift-unimplemented-operation',
    kind: 'workspace',
    owasp: ['API9:2023'],
    cwe: [1059],
    severity: 'warning',
    recommended: true,
    description: 'Operations in the API description should be implemented by the code next to it (stale or zombie documentation).',
    messages: {
      unimplemented: '{{method}} {{path}} is documented but no route in the code implements it: stale documentation, or an endpoint served by something this workspace does not contain.',
      noImplementation: 'No route in this workspace implements any of the {{count}} operations of this document.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      workspace({ inventory }) {
        for (const pairing of inventory.pairings) {
          const doc = pairing.api.doc;
          if (pairing.routes.length === 0 && pairing.unmatchable.length === 0) {
            if (pairing.api.operations.length) {
              ctx.report({ messageId: 'noImplementation', data: { count: pairing.api.operations.length }, at: { doc, pointer: ['paths'] }, severity: 'info' });
            }
            continue;
          }
          for (const op of pairing.specOnly) {
            if (mayBeServedByUnmatchable(pairing, op)) continue;
            const opDoc = pairing.api.docOf(op);
            const fix = op.deprecated ? undefined : markDeprecatedFix(opDoc, op);
            ctx.report({
              messageId: 'unimplemented',
              data: { method: op.method.toUpperCase(), path: op.path },
              at: { doc: opDoc, pointer: op.at.pointer ?? ['paths'] },
              operation: opRef(op),
              suggestions: fix ? [fix] : undefined,
            });
          }
        }
      },
    };
  },
});
