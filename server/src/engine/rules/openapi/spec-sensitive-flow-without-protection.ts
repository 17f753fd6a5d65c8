import type { SpecOperation } from '../../openapi/document';
import { UNIT_LIMIT } from '../../openapi/grouping';
import { sensitiveFlow, type SensitiveFlow } from '../../openapi/names';
import { protectionOf } from '../../openapi/protection';
import { WRITE_METHODS } from '../../openapi/security';
import { describeOperation, listNames, operationRef, RELATED_LIMIT } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

const FLOW_TEXT: Record<SensitiveFlow, string> = {
  'sign-up': 'sign-up (fake accounts, spam)',
  login: 'login (credential stuffing, brute force)',
  'password-reset': 'password or credential reset (account takeover, mail bombing)',
  verification: 'code verification (OTP brute force)',
  checkout: 'checkout (scalping, inventory hoarding)',
  redemption: 'coupon or voucher redemption (code guessing)',
  transfer: 'transfer of money or ownership (automated fraud)',
};

/** The sensitive business flow an operation implements, from its path and operationId. */
function flowOf(op: SpecOperation): SensitiveFlow | undefined {
  const segments = op.path.split('/').filter((s) => s && !s.startsWith('{'));
  for (let i = segments.length - 1; i >= 0; i--) {
    const f = sensitiveFlow(segments[i]) ?? (i > 0 ? sensitiveFlow(`${segments[i - 1]}-${segments[i]}`) : undefined);
    if (f) return f;
  }
  return typeof op.value.operationId === 'string' ? sensitiveFlow(op.value.operationId) : undefined;
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-sensitive-flow-without-protection',
    kind: 'openapi',
    owasp: ['API6:2023'],
    cwe: [799],
    severity: 'warning',
    recommended: true,
    description: 'Sensitive business flows (sign-up, login, password reset, OTP, checkout, coupon redemption, transfers) should document rate limiting or anti-automation.',
    messages: {
      unprotected: '{{method}} {{path}} is a {{flow}} flow and documents no rate limiting or anti-automation (no 429, rate-limit headers, CAPTCHA input or stated limit): automated abuse of this flow hurts the business even when every request is valid.',
      documentUnprotected: '{{count}} sensitive business flows ({{ops}}) document no rate limiting or anti-automation; the related locations list them.',
    },
  },
  create(ctx) {
    return {
      documentEnd(doc, spec) {
        const hits: { op: SpecOperation; flow: SensitiveFlow }[] = [];
        for (const op of spec.operations) {
          if (!WRITE_METHODS.has(op.method) || op.method === 'delete') continue;
          const flow = flowOf(op);
          if (flow && !protectionOf(op, spec.set)) hits.push({ op, flow });
        }
        if (hits.length > UNIT_LIMIT) {
          ctx.report({
            messageId: 'documentUnprotected',
            data: { count: hits.length, ops: listNames(hits.map((h) => describeOperation(h.op)), 3) },
            at: { pointer: hits[0].op.pointer, doc: hits[0].op.doc },
            related: hits.slice(1, RELATED_LIMIT + 1).map((h) => spec.related(h.op.doc ?? doc, h.op.pointer, `${describeOperation(h.op)}: ${FLOW_TEXT[h.flow]}`)),
          });
          return;
        }
        for (const h of hits) {
          ctx.report({
            messageId: 'unprotected',
            data: { method: h.op.method.toUpperCase(), path: h.op.path, flow: FLOW_TEXT[h.flow] },
            at: { pointer: h.op.pointer, doc: h.op.doc },
            operation: operationRef(h.op),
          });
        }
      },
    };
  },
});
