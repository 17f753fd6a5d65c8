import { securityRequirementFixes } from '../../openapi/fixes';
import { documentDeclaresSecurity, isObjectLevel, pathParams, securityState, WRITE_METHODS } from '../../openapi/security';
import { operationRef } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-object-level-without-security',
    kind: 'openapi',
    owasp: ['API1:2023', 'API2:2023'],
    cwe: [639, 306],
    severity: 'warning',
    recommended: true,
    description: 'Operations on a particular object (`/things/{id}`) must require authentication, so that access can be checked per object.',
    messages: {
      read: '{{method}} {{path}} returns the object named by {{params}} but declares no security: anyone who knows or guesses an id can read it. Add `security` (and check ownership per object), or `security: []` if it is public by design.',
      write: '{{method}} {{path}} changes the object named by {{params}} but declares no security: anyone who knows or guesses an id can change it.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    let documentHasSecurity = true;
    return {
      document(doc, spec) {
        // A document that documents no security at all gets one summary from spec-operation-without-security.
        documentHasSecurity = documentDeclaresSecurity(spec.operations);
      },
      operation(op, doc, spec) {
        if (!documentHasSecurity || securityState(op) !== 'none' || !isObjectLevel(op.path)) return;
        const write = WRITE_METHODS.has(op.method);
        ctx.report({
          messageId: write ? 'write' : 'read',
          data: { method: op.method.toUpperCase(), path: op.path, params: pathParams(op.path).map((p) => `{${p}}`).join(', ') },
          at: { pointer: op.pointer, doc: op.doc },
          operation: operationRef(op),
          severity: write ? 'error' : undefined,
          suggestions: securityRequirementFixes(op.doc ?? doc, op, spec.securitySchemes),
        });
      },
    };
  },
});
