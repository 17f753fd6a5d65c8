import { defineOpenApiRule } from '../rule';

const LOCAL_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|[\w.-]+\.(?:local|localhost|test|example))(:\d+)?$/i;

function hostOf(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/)[0];
}

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
        if (!/^http:\/\//i.test(server.url)) return;
        const host = hostOf(server.url);
        if (LOCAL_HOST.test(host) || host.includes('{')) return;
        const loc = doc.parsed.positions().locate(server.pointer);
        const fix = loc?.exact ? httpsFix(doc.text, loc.value.start, loc.value.end, doc.file) : undefined;
        ctx.report({ messageId: 'httpServer', data: { url: server.url }, at: { pointer: server.pointer, part: 'value' }, fix });
      },
      document(doc) {
        if (doc.version !== '2.0' || !Array.isArray(doc.root.schemes)) return;
        const host = typeof doc.root.host === 'string' ? doc.root.host : '';
        if (host && LOCAL_HOST.test(host)) return;
        doc.root.schemes.forEach((s, i) => {
          if (typeof s === 'string' && s.toLowerCase() === 'http') ctx.report({ messageId: 'httpScheme', at: { pointer: ['schemes', i], part: 'value' } });
        });
      },
    };
  },
});

function httpsFix(text: string, start: number, end: number, file: string) {
  const i = text.slice(start, end).toLowerCase().indexOf('http://');
  if (i < 0) return undefined;
  return { title: 'Use https://', edits: [{ file, range: { start: start + i, end: start + i + 7 }, newText: 'https://' }] };
}
