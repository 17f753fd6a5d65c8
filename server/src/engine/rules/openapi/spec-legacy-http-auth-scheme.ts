import { defineOpenApiRule } from '../rule';

const LEGACY: Record<string, 'digest' | 'negotiate' | 'oauth1'> = { digest: 'digest', negotiate: 'negotiate', ntlm: 'negotiate', oauth: 'oauth1' };

export default defineOpenApiRule({
  meta: {
    id: 'spec-legacy-http-auth-scheme',
    kind: 'openapi',
    owasp: ['API2:2023'],
    cwe: [1390],
    severity: 'warning',
    recommended: true,
    description: 'Security schemes should not use HTTP Digest, Negotiate/NTLM or OAuth 1.0 authentication.',
    messages: {
      digest: "Security scheme '{{name}}' uses HTTP Digest: it relies on MD5, needs the server to keep passwords in a recoverable form, and is easy to downgrade. Prefer OAuth 2 or bearer tokens over TLS.",
      negotiate: "Security scheme '{{name}}' uses {{scheme}} (Kerberos/NTLM): NTLM is open to relay and pass-the-hash attacks and ties the API to a Windows domain. Prefer OAuth 2 / OpenID Connect.",
      oauth1: "Security scheme '{{name}}' uses OAuth 1.0 signatures: deprecated, HMAC-SHA1 based and hard to implement correctly. Prefer OAuth 2.",
    },
  },
  create(ctx) {
    return {
      securityScheme(scheme, doc) {
        const v = scheme.value;
        if (doc.version === '2.0' || v.type !== 'http' || typeof v.scheme !== 'string') return;
        const kind = LEGACY[v.scheme.toLowerCase()];
        if (!kind) return;
        ctx.report({ messageId: kind, data: { name: scheme.name, scheme: v.scheme }, at: { pointer: [...scheme.pointer, 'scheme'], part: 'value' } });
      },
    };
  },
});
