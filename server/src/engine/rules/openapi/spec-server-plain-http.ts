import { hostOf, httpsFix, isLocalHost, isLocalUrl } from '../../openapi/urls';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-server-plain-http',
    kind: 'openapi',
    owasp: ['API8:2023'],
    cwe: [319],
    severity: 'error',
    recommended: true,
    description: 'Servers must be reached over HTTPS: plain HTTP exposes credentials and data in transit.',
    messages: {
      httpServer: 'Server {{url}} uses plain HTTP: tokens and data travel unencrypted. Use https://.',
      httpScheme: 'The API is offered over plain HTTP (`schemes` lists `http`): tokens and data travel unencrypted.',
    },
    fix: 'safe',
  },
  create(ctx) {
    return {
      server(server, doc) {
        if (!/^http:\/\//i.test(server.url) || isLocalUrl(server.url)) return;
        ctx.report({ messageId: 'httpServer', data: { url: server.url }, at: { pointer: server.pointer, part: 'value' }, fix: httpsFix(doc, server.pointer) });
      },
      document(doc) {
        if (doc.version !== '2.0' || !Array.isArray(doc.root.schemes)) return;
        const host = typeof doc.root.host === 'string' ? doc.root.host : '';
        if (host && isLocalHost(hostOf(host))) return;
        doc.root.schemes.forEach((s, i) => {
          if (typeof s === 'string' && s.toLowerCase() === 'http') ctx.report({ messageId: 'httpScheme', at: { pointer: ['schemes', i], part: 'value' } });
        });
      },
    };
  },
});
