import { rangeOf } from '../../openapi/document';
import { validateStructure } from '../../openapi/validate';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-invalid-structure',
    kind: 'openapi',
    owasp: ['API9:2023'],
    cwe: [1059],
    severity: 'error',
    recommended: true,
    description: 'The document must be a valid Swagger 2.0 / OpenAPI 3.0 / 3.1 document (official JSON Schemas).',
    messages: {
      invalid: 'Not valid OpenAPI {{version}}: {{message}}. Gateways, generators and validators may reject the document or silently drop this part, so what it describes is not enforced.',
    },
  },
  create(ctx) {
    return {
      document(doc) {
        const version = doc.version === '2.0' ? '2.0 (Swagger)' : (doc.version ?? '');
        // The security rules still run on whatever parts are usable; this only reports.
        const located = validateStructure(doc).map((p) => ({ p, start: rangeOf(doc, p.pointer, p.part).start }));
        // In document order, whatever order the validator found them in.
        for (const { p } of located.sort((a, b) => a.start - b.start)) ctx.report({ messageId: 'invalid', data: { version, message: p.message }, at: { pointer: p.pointer, part: p.part } });
      },
    };
  },
});
