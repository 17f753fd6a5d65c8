import { rootSecurityFixes, securityRequirementFixes } from '../../openapi/fixes';
import { documentDeclaresSecurity, isObjectLevel, securityState, WRITE_METHODS } from '../../openapi/security';
import { operationRef } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-operation-without-security',
    kind: 'openapi',
    owasp: ['API2:2023'],
    cwe: [306],
    severity: 'warning',
    recommended: true,
    description: 'Operations must declare the security that protects them, or `security: []` when public by design.',
    messages: {
      missing: '{{method}} {{path}} declares no security and the document has no default: anyone can call it. Add `security`, or `security: []` if it is public by design.',
      missingWrite: '{{method}} {{path}} changes data but declares no security and the document has no default: anyone can call it.',
      documentWithoutSecurity: 'None of the {{count}} operations declares security{{schemes}}: as documented, anyone can call every operation. If the API needs credentials, document them (`securitySchemes` + a root `security` requirement).',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    // Decided once per document: a document with no security anywhere gets one summary, not N copies.
    let documentHasSecurity = true;
    return {
      document(doc, spec) {
        const ops = spec.operations;
        documentHasSecurity = documentDeclaresSecurity(ops);
        if (!documentHasSecurity && ops.length > 0) {
          const n = spec.securitySchemes.length;
          ctx.report({
            messageId: 'documentWithoutSecurity',
            data: { count: ops.length, schemes: n ? ` although ${n} security scheme${n > 1 ? 's are' : ' is'} defined` : ' and no security schemes are defined' },
            at: { pointer: ['paths'] },
            suggestions: rootSecurityFixes(doc, spec.securitySchemes),
          });
        }
      },
      operation(op, doc, spec) {
        // Object-level operations (`/things/{id}`) are reported by spec-object-level-without-security.
        if (!documentHasSecurity || securityState(op) !== 'none' || isObjectLevel(op.path)) return;
        const write = WRITE_METHODS.has(op.method);
        ctx.report({
          messageId: write ? 'missingWrite' : 'missing',
          data: { method: op.method.toUpperCase(), path: op.path },
          at: { pointer: op.pointer, doc: op.doc },
          operation: operationRef(op),
          severity: write ? 'error' : undefined,
          suggestions: securityRequirementFixes(op.doc ?? doc, op, spec.securitySchemes),
        });
      },
    };
  },
});
