import { opRef, relatedTo, requireSchemeFix, schemeFor } from '../../model/drift-fixes';
import { securitySchemesOf } from '../../openapi/document';
import type { Fix } from '../../types';
import { defineWorkspaceRule } from '../rule';

export default defineWorkspaceRule({
  meta: {
    id: 'drift-auth-undocumented',
    kind: 'workspace',
    owasp: ['API9:2023'],
    cwe: [1059],
    severity: 'info',
    recommended: true,
    description: 'When the code requires authentication, the API description should say so.',
    messages: {
      undocumented: '{{method}} {{path}} is documented without authentication ({{specEvidence}}) but the code requires it ({{codeEvidence}}).',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      workspace({ inventory }) {
        for (const pairing of inventory.pairings) {
          const doc = pairing.api.doc;
          for (const { spec, route } of pairing.matched) {
            if (!spec.auth.known || spec.auth.value.required) continue;
            if (!route.auth.known || !route.auth.value.required) continue;
            const preferred = schemeFor(doc, route);
            const names = preferred ? [preferred] : securitySchemesOf(doc).map((s) => s.name);
            // Scheme names come from the root document; the operation may live in a file it references.
            const opDoc = pairing.api.docOf(spec);
            const suggestions = names.map((n) => requireSchemeFix(opDoc, spec, n)).filter((f): f is Fix => !!f);
            ctx.report({
              messageId: 'undocumented',
              data: { method: spec.method.toUpperCase(), path: spec.path, specEvidence: spec.auth.value.evidence, codeEvidence: route.auth.value.evidence },
              at: { doc: opDoc, pointer: spec.at.pointer ?? ['paths'] },
              operation: opRef(route),
              related: [relatedTo(route, 'authentication enforced here')],
              suggestions,
            });
          }
        }
      },
    };
  },
});
