import { insertEntry } from '../../openapi/edit';
import { securitySchemesOf, type OpenApiDocument, type SpecOperation } from '../../openapi/document';
import type { Fix } from '../../types';
import { defineOpenApiRule } from '../rule';

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

function addSecurityFixes(doc: OpenApiDocument, op: SpecOperation): Fix[] {
  return securitySchemesOf(doc).flatMap((scheme) => {
    const edit = insertEntry(
      doc,
      op.pointer,
      'security',
      (indent, unit, eol) => `security:${eol}${indent}${unit}- ${scheme.name}: []`,
      [{ [scheme.name]: [] }],
    );
    return edit ? [{ title: `Require the '${scheme.name}' security scheme`, edits: [edit] }] : [];
  });
}

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
      documentWithoutSecurity: 'None of the {{count}} operations declares security and no security schemes are defined; if the API needs credentials, document them (`securitySchemes` + `security`).',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    // Decided once per document: a document with no security anywhere gets one summary, not N copies.
    let documentHasSecurity = true;
    return {
      document(doc, spec) {
        const ops = spec.operations;
        documentHasSecurity = doc.root.security !== undefined || securitySchemesOf(doc).length > 0 || ops.some((o) => o.security);
        if (!documentHasSecurity && ops.length > 0) {
          ctx.report({ messageId: 'documentWithoutSecurity', data: { count: ops.length }, at: { pointer: ['paths'] } });
        }
      },
      operation(op, doc) {
        if (op.security || !documentHasSecurity) return;
        const write = WRITE_METHODS.has(op.method);
        ctx.report({
          messageId: write ? 'missingWrite' : 'missing',
          data: { method: op.method.toUpperCase(), path: op.path },
          at: { pointer: op.pointer, doc: op.doc },
          operation: { method: op.method.toUpperCase(), path: op.path },
          severity: write ? 'error' : undefined,
          suggestions: addSecurityFixes(op.doc ?? doc, op),
        });
      },
    };
  },
});
