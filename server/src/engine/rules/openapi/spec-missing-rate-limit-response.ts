import { addResponseEdit, TOO_MANY_REQUESTS } from '../../openapi/fixes';
import { isObject, type SpecOperation } from '../../openapi/document';
import { summarise } from '../../openapi/grouping';
import { describeOperation, listNames, operationRef, RELATED_LIMIT } from '../../openapi/spec';
import type { Fix } from '../../types';
import { defineOpenApiRule } from '../rule';

/** Documents with more operations than this get no one-click "add 429 everywhere". */
const BULK_FIX_LIMIT = 100;

function documents429(op: SpecOperation): boolean {
  return isObject(op.value.responses) && ('429' in op.value.responses || 429 in op.value.responses);
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-missing-rate-limit-response',
    kind: 'openapi',
    owasp: ['API4:2023'],
    cwe: [770],
    severity: 'info',
    recommended: true,
    description: 'Operations should document the 429 Too Many Requests response (with `Retry-After`): it is how an API tells clients it rate-limits.',
    messages: {
      missing: '{{method}} {{path}} documents no 429 response: clients cannot tell it is rate limited, and if it is not, nothing stops a client from calling it as fast as it can.',
      documentMissing: '{{count}} of the {{total}} operations document no 429 Too Many Requests response ({{ops}}): the API mostly says nothing about rate limiting. Document 429 with `Retry-After` on every operation (or at least on the expensive and sensitive ones); the related locations list them.',
    },
    fix: 'safe',
  },
  create(ctx) {
    return {
      documentEnd(doc, spec) {
        const ops = spec.operations;
        const missing = ops.filter((op) => !documents429(op));
        if (!missing.length) return;
        const fixFor = (op: SpecOperation): Fix | undefined => {
          const d = op.doc ?? doc;
          const edit = addResponseEdit(d, op, '429', TOO_MANY_REQUESTS(d));
          return edit ? { title: 'Document 429 Too Many Requests (with Retry-After)', edits: [edit] } : undefined;
        };
        if (summarise(missing.length, ops.length, missing.length)) {
          const edits = missing.length <= BULK_FIX_LIMIT ? missing.flatMap((op) => fixFor(op)?.edits ?? []) : [];
          ctx.report({
            messageId: 'documentMissing',
            data: { count: missing.length, total: ops.length, ops: listNames(missing.map(describeOperation), 3) },
            at: { pointer: ['paths'] },
            related: missing.slice(0, RELATED_LIMIT).map((op) => spec.related(op.doc ?? doc, op.pointer, `${describeOperation(op)}: no 429`)),
            suggestions: edits.length ? [{ title: `Document 429 on all ${missing.length} operations`, edits }] : [],
          });
          return;
        }
        for (const op of missing) {
          ctx.report({
            messageId: 'missing',
            data: { method: op.method.toUpperCase(), path: op.path },
            at: { pointer: op.pointer, doc: op.doc },
            operation: operationRef(op),
            fix: fixFor(op),
          });
        }
      },
    };
  },
});
