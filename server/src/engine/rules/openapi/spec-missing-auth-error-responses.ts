import { addResponsesEdit, errorResponse } from '../../openapi/fixes';
import { isObject, type SpecOperation } from '../../openapi/document';
import { summarise } from '../../openapi/grouping';
import { securityState } from '../../openapi/security';
import { describeOperation, listNames, operationRef, RELATED_LIMIT } from '../../openapi/spec';
import type { Fix } from '../../types';
import { defineOpenApiRule } from '../rule';

function missingCodes(op: SpecOperation): string[] {
  const r = isObject(op.value.responses) ? op.value.responses : {};
  if ('4XX' in r || '4xx' in r) return [];
  return ['401', '403'].filter((c) => !(c in r));
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-missing-auth-error-responses',
    kind: 'openapi',
    owasp: ['API8:2023'],
    cwe: [755],
    severity: 'info',
    recommended: true,
    description: 'Secured operations should document 401 (missing or invalid credentials) and 403 (not allowed) responses.',
    messages: {
      missing: '{{method}} {{path}} requires authentication but documents no {{codes}} response: clients cannot tell "log in again" from "not allowed", and undocumented error paths are where implementations leak details or fail open.',
      documentMissing: '{{count}} of the {{total}} secured operations do not document both 401 and 403 responses ({{ops}}): the API does not say how it refuses requests. Document both on secured operations; the related locations list them.',
    },
    fix: 'safe',
  },
  create(ctx) {
    return {
      documentEnd(doc, spec) {
        const secured = spec.operations.filter((op) => securityState(op) === 'secured');
        const hits = secured.map((op) => ({ op, codes: missingCodes(op) })).filter((h) => h.codes.length);
        if (!hits.length) return;
        if (summarise(hits.length, secured.length, hits.length)) {
          ctx.report({
            messageId: 'documentMissing',
            data: { count: hits.length, total: secured.length, ops: listNames(hits.map((h) => describeOperation(h.op)), 3) },
            at: { pointer: hits[0].op.pointer, doc: hits[0].op.doc },
            related: hits.slice(1, RELATED_LIMIT + 1).map((h) => spec.related(h.op.doc ?? doc, h.op.pointer, `${describeOperation(h.op)}: no ${h.codes.join('/')}`)),
          });
          return;
        }
        for (const { op, codes } of hits) {
          const d = op.doc ?? doc;
          const responses: Record<string, Record<string, unknown>> = {};
          if (codes.includes('401')) responses['401'] = errorResponse(d, 'Missing or invalid credentials.');
          if (codes.includes('403')) responses['403'] = errorResponse(d, 'The credentials do not allow this operation.');
          const edit = addResponsesEdit(d, op, responses);
          const fix: Fix | undefined = edit ? { title: `Document ${codes.join(' and ')}`, edits: [edit] } : undefined;
          ctx.report({
            messageId: 'missing',
            data: { method: op.method.toUpperCase(), path: op.path, codes: codes.join(' or ') },
            at: { pointer: op.pointer, doc: op.doc },
            operation: operationRef(op),
            fix,
          });
        }
      },
    };
  },
});
