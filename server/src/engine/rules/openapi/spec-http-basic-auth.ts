import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-http-basic-auth',
    kind: 'openapi',
    owasp: ['API2:2023'],
    cwe: [522],
    severity: 'warning',
    recommended: true,
    description: 'Security schemes should not use HTTP Basic authentication.',
    messages: {
      basic: "Security scheme '{{name}}' uses HTTP Basic: the user's password travels with every request and cannot be scoped or revoked. Prefer OAuth 2 or bearer tokens.",
    },
  },
  create(ctx) {
    return {
      securityScheme(scheme, doc) {
        const v = scheme.value;
        const isBasic =
          doc.version === '2.0' ? v.type === 'basic' : v.type === 'http' && typeof v.scheme === 'string' && v.scheme.toLowerCase() === 'basic';
        if (!isBasic) return;
        const at = doc.version === '2.0' ? [...scheme.pointer, 'type'] : [...scheme.pointer, 'scheme'];
        ctx.report({ messageId: 'basic', data: { name: scheme.name }, at: { pointer: at, part: 'value' } });
      },
    };
  },
});
