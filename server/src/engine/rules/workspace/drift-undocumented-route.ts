import { declaredBodyOf } from '../../code/schemas/route-body';
import { addOperationFix, opRef, specPathFor } from '../../model/drift-fixes';
import { defineWorkspaceRule } from '../rule';

export default defineWorkspaceRule({
  meta: {
    id: 'drift-undocumented-route',
    kind: 'workspace',
    owasp: ['API9:2023'],
    cwe: [1059],
    severity: 'warning',
    recommended: true,
    description: 'Routes in code must be documented in the API description that covers them (shadow endpoints).',
    messages: {
      undocumented: '{{method}} {{path}} is implemented but {{spec}} does not document it: a shadow endpoint escapes spec-driven tests, gateway policies and reviews.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      workspace({ inventory, project }) {
        for (const pairing of inventory.pairings) {
          const spec = pairing.api.doc.file.slice(pairing.api.doc.file.lastIndexOf('/') + 1);
          for (const route of pairing.codeOnly) {
            const fix = addOperationFix(pairing, route, declaredBodyOf(route, project));
            ctx.report({
              messageId: 'undocumented',
              data: { method: route.method.toUpperCase(), path: route.path, spec },
              at: { file: route.at.file, range: route.at.range },
              operation: opRef(route),
              related: [{ file: pairing.api.doc.file, range: pathsKeyRange(pairing.api.doc), message: `${spec} documents this API (${specPathFor(pairing, route)} is missing)` }],
              suggestions: fix ? [fix] : undefined,
            });
          }
        }
      },
    };
  },
});

function pathsKeyRange(doc: import('../../openapi/document').OpenApiDocument) {
  const loc = doc.parsed.positions().locate(['paths']);
  return loc?.key ?? loc?.value ?? { start: 0, end: 0 };
}
