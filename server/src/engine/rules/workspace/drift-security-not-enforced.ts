import { opRef, relatedTo } from '../../model/drift-fixes';
import { defineWorkspaceRule } from '../rule';

export default defineWorkspaceRule({
  meta: {
    id: 'drift-security-not-enforced',
    kind: 'workspace',
    // The route it reports is what route-without-authentication reports: one finding, with the spec's evidence and the code rule's fixes.
    supersedes: ['route-without-authentication'],
    owasp: ['API2:2023'],
    cwe: [306],
    severity: 'error',
    recommended: true,
    description: 'When the API description requires credentials for an operation, the code that implements it must enforce them.',
    messages: {
      notEnforced: '{{method}} {{path}} requires {{schemes}} in the API description, but the code does not enforce authentication: {{evidence}}.',
    },
    // The fixes are route-without-authentication's, offered through `supersedes`.
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      workspace({ inventory }) {
        for (const pairing of inventory.pairings) {
          for (const { spec, route } of pairing.matched) {
            if (!spec.auth.known || !spec.auth.value.required) continue;
            if (!route.auth.known || route.auth.value.required) continue;
            ctx.report({
              messageId: 'notEnforced',
              data: { method: route.method.toUpperCase(), path: route.path, schemes: spec.auth.value.by.join(' or '), evidence: route.auth.value.evidence },
              at: { file: route.at.file, range: route.at.range },
              operation: opRef(route),
              related: [relatedTo(spec, `documented as requiring ${spec.auth.value.by.join(' or ')}`)],
            });
          }
        }
      },
    };
  },
});
