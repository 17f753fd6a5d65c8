import { defineOpenApiRule } from '../rule';

const ALGORITHMS = /\b(RS|ES|PS|HS)(256|384|512)\b|\bEdDSA\b|\bEd25519\b|\balg(orithm)?s?\b|\bJWKS?\b/i;

export default defineOpenApiRule({
  meta: {
    id: 'spec-bearer-format-undocumented',
    kind: 'openapi',
    owasp: ['API2:2023'],
    cwe: [347],
    severity: 'info',
    recommended: true,
    description: 'Bearer schemes should say what the token is (`bearerFormat`) and, for JWTs, which signing algorithms are accepted.',
    messages: {
      noFormat: "Bearer scheme '{{name}}' does not say what its tokens are (`bearerFormat`): clients and reviewers cannot tell an opaque token from a JWT that must be verified.",
      jwtAlgorithms: "JWT bearer scheme '{{name}}' does not document the accepted signing algorithms or key source: implementations that accept `alg: none` or switch RS256 to HS256 are a classic way in. Name the algorithms (e.g. RS256) and where keys come from (JWKS) in the description.",
    },
  },
  create(ctx) {
    return {
      securityScheme(scheme, doc) {
        const v = scheme.value;
        if (doc.version === '2.0' || v.type !== 'http' || typeof v.scheme !== 'string' || v.scheme.toLowerCase() !== 'bearer') return;
        if (typeof v.bearerFormat !== 'string' || v.bearerFormat.trim() === '') {
          ctx.report({ messageId: 'noFormat', data: { name: scheme.name }, at: { pointer: scheme.pointer } });
          return;
        }
        const text = `${v.bearerFormat} ${typeof v.description === 'string' ? v.description : ''}`;
        if (/jwt/i.test(v.bearerFormat) && !ALGORITHMS.test(text)) {
          ctx.report({ messageId: 'jwtAlgorithms', data: { name: scheme.name }, at: { pointer: [...scheme.pointer, 'bearerFormat'], part: 'value' } });
        }
      },
    };
  },
});
