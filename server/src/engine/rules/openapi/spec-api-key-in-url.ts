import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-api-key-in-url',
    kind: 'openapi',
    owasp: ['API2:2023'],
    cwe: [598],
    severity: 'warning',
    recommended: true,
    description: 'API keys must travel in a header, not in the URL where logs, proxies and browser history keep them.',
    messages: {
      inUrl: "API key scheme '{{name}}' is sent in the {{location}}: URLs end up in access logs, proxy logs, browser history and Referer headers. Send it in a header.",
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      securityScheme(scheme, doc) {
        const v = scheme.value;
        if (v.type !== 'apiKey' || (v.in !== 'query' && v.in !== 'path')) return;
        const pointer = [...scheme.pointer, 'in'];
        const loc = doc.parsed.positions().locate(pointer);
        const suggestions = loc?.exact
          ? [{ title: 'Send the API key in a header', edits: [{ file: doc.file, range: loc.value, newText: doc.parsed.format === 'json' ? '"header"' : 'header' }] }]
          : [];
        ctx.report({ messageId: 'inUrl', data: { name: scheme.name, location: v.in === 'query' ? 'query string' : 'path' }, at: { pointer, part: 'value' }, suggestions });
      },
    };
  },
});
