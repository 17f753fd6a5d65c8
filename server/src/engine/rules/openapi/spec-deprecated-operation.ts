import { UNIT_LIMIT } from '../../openapi/grouping';
import type { SpecOperation } from '../../openapi/document';
import { describeOperation, listNames, operationRef, RELATED_LIMIT } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

const SUNSET = /sunset|removed? (on|after|by)|end[- ]of[- ]life|\b20\d\d-\d\d-\d\d\b/i;

export default defineOpenApiRule({
  meta: {
    id: 'spec-deprecated-operation',
    kind: 'openapi',
    owasp: ['API9:2023'],
    cwe: [477],
    severity: 'info',
    recommended: true,
    description: 'Deprecated operations are still documented, so probably still served: give them a sunset date and remove them.',
    messages: {
      deprecated: '{{method}} {{path}} is deprecated but still documented{{sunset}}: deprecated endpoints usually stay deployed, miss new security controls and are forgotten in reviews. Announce a sunset date (`x-sunset` or the `Sunset` header) and remove it.',
      documentDeprecated: '{{count}} deprecated operations are still documented ({{ops}}): each is attack surface that no longer gets attention. Set sunset dates and remove them; the related locations list them.',
    },
  },
  create(ctx) {
    return {
      documentEnd(doc, spec) {
        const hits = spec.operations.filter((op) => op.value.deprecated === true);
        if (hits.length > UNIT_LIMIT) {
          ctx.report({
            messageId: 'documentDeprecated',
            data: { count: hits.length, ops: listNames(hits.map(describeOperation), 3) },
            at: { pointer: [...hits[0].pointer, 'deprecated'], doc: hits[0].doc },
            related: hits.slice(1, RELATED_LIMIT + 1).map((op: SpecOperation) => spec.related(op.doc ?? doc, [...op.pointer, 'deprecated'], `${describeOperation(op)} is deprecated`)),
          });
          return;
        }
        for (const op of hits) {
          const text = `${typeof op.value.description === 'string' ? op.value.description : ''} ${Object.keys(op.value).filter((k) => /^x-.*sunset/i.test(k)).join(' ')}`;
          ctx.report({
            messageId: 'deprecated',
            data: { method: op.method.toUpperCase(), path: op.path, sunset: SUNSET.test(text) ? ' (a sunset is announced)' : ' with no sunset date' },
            at: { pointer: [...op.pointer, 'deprecated'], doc: op.doc },
            operation: operationRef(op),
          });
        }
      },
    };
  },
});
