import { hostOf } from '../../openapi/urls';
import { defineOpenApiRule } from '../rule';

const NON_PROD = new Set(['dev', 'develop', 'development', 'staging', 'stage', 'stg', 'test', 'testing', 'qa', 'uat', 'internal', 'int', 'preprod', 'preproduction', 'intranet', 'corp', 'local', 'debug']);
const PRIVATE_IP = /^(10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+)(:\d+)?$/;

/** Why a host looks like a non-production or internal one, or undefined. */
function nonProductionReason(host: string): string | undefined {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  if (!h || h.includes('{') || h === 'localhost' || h.startsWith('127.')) return undefined;
  if (PRIVATE_IP.test(h)) return 'a private network address';
  const labels = h.split(/[.-]/);
  const label = labels.find((l) => NON_PROD.has(l));
  if (label) return `'${label}' in its host name`;
  if (/\.(internal|corp|lan|intranet)$/.test(h)) return 'an internal domain';
  return undefined;
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-non-production-server',
    kind: 'openapi',
    owasp: ['API9:2023'],
    cwe: [1059],
    severity: 'warning',
    recommended: true,
    description: 'Published documents should not list staging, development, test or internal servers.',
    messages: {
      nonProduction: 'Server {{url}} looks like a non-production or internal host ({{reason}}): publishing it points attackers at environments that usually have weaker controls, test data and debug features. Keep it out of the published document.',
    },
  },
  create(ctx) {
    return {
      server(server) {
        const reason = nonProductionReason(hostOf(server.url));
        if (reason) ctx.report({ messageId: 'nonProduction', data: { url: server.url, reason }, at: { pointer: server.pointer, part: 'value' } });
      },
      document(doc) {
        if (doc.version !== '2.0' || typeof doc.root.host !== 'string') return;
        const reason = nonProductionReason(doc.root.host);
        if (reason) ctx.report({ messageId: 'nonProduction', data: { url: doc.root.host, reason }, at: { pointer: ['host'], part: 'value' } });
      },
    };
  },
});
