import { opRef, relatedTo } from '../../model/drift-fixes';
import { defineWorkspaceRule } from '../rule';

export default defineWorkspaceRule({
  meta: {
    id: 'drift-deprecated-implemented',
    kind: 'workspace',
    owasp: ['API9:2023'],
    cwe: [1059],
    severity: 'warning',
    recommended: true,
    description: 'Operations the API description marks deprecated should not still be served by the code.',
    messages: {
      stillServed: '{{method}} {{path}} is deprecated in the API description but the code still serves it: retire it, or keep it patched and monitored like any live endpoint.',
    },
  },
  create(ctx) {
    return {
      workspace({ inventory }) {
        for (const pairing of inventory.pairings) {
          for (const { spec, route } of pairing.matched) {
            if (!spec.deprecated) continue;
            ctx.report({
              messageId: 'stillServed',
              data: { method: spec.method.toUpperCase(), path: route.path },
              at: { file: route.at.file, range: route.at.range },
              operation: opRef(route),
              related: [relatedTo(spec, 'deprecated here')],
            });
          }
        }
      },
    };
  },
});
