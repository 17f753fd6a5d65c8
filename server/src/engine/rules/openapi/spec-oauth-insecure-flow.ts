import { isObject } from '../../openapi/document';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-oauth-insecure-flow',
    kind: 'openapi',
    owasp: ['API2:2023'],
    cwe: [1390],
    severity: 'warning',
    recommended: true,
    description: 'OAuth 2 schemes should not offer the implicit or the resource-owner password flow (both removed in OAuth 2.1).',
    messages: {
      implicit: "OAuth scheme '{{name}}' offers the implicit flow: the access token comes back in the URL fragment, exposed to the browser, history and injected scripts, with no way to bind it to the client. Use the authorization code flow with PKCE.",
      password: "OAuth scheme '{{name}}' offers the password flow: the client collects the user's password itself, which defeats delegated authorization and rules out MFA. Use the authorization code flow.",
    },
  },
  create(ctx) {
    return {
      securityScheme(scheme, doc) {
        const v = scheme.value;
        if (v.type !== 'oauth2') return;
        if (doc.version === '2.0') {
          if (v.flow === 'implicit' || v.flow === 'password') ctx.report({ messageId: v.flow, data: { name: scheme.name }, at: { pointer: [...scheme.pointer, 'flow'], part: 'value' } });
          return;
        }
        if (!isObject(v.flows)) return;
        for (const flow of ['implicit', 'password'] as const) {
          if (flow in v.flows) ctx.report({ messageId: flow, data: { name: scheme.name }, at: { pointer: [...scheme.pointer, 'flows', flow] } });
        }
      },
    };
  },
});
