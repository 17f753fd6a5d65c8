import { isObject, type SpecOperation } from '../../openapi/document';
import { UNIT_LIMIT } from '../../openapi/grouping';
import { securityState } from '../../openapi/security';
import { describeOperation, listNames, RELATED_LIMIT, type OpenApiSpec } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

const SIGNATURE_HEADER = /signature|hmac|x-hub-signature|x-signature|webhook-id|svix|authorization/i;
const SIGNATURE_TEXT = /signature|signed|hmac|verify|verification|authenticat|shared secret|mutual tls|mtls/i;

/** How the callback lets its receiver check that the request really comes from the API. */
function evidence(op: SpecOperation, spec: OpenApiSpec): string | undefined {
  if (securityState(op) !== 'none') return 'security';
  const doc = op.doc ?? spec.root;
  const item = spec.set.at(doc, op.pathItemPointer);
  const params = [...(Array.isArray(op.value.parameters) ? op.value.parameters : []), ...(isObject(item) && Array.isArray(item.parameters) ? item.parameters : [])];
  for (const p of params) {
    const r = spec.set.resolveObject(p, doc, op.pointer);
    if (r && r.value.in === 'header' && typeof r.value.name === 'string' && SIGNATURE_HEADER.test(r.value.name)) return 'signature header';
  }
  const texts = [op.value.summary, op.value.description, isObject(item) ? item.description : undefined, isObject(item) ? item.summary : undefined];
  if (texts.some((t) => typeof t === 'string' && SIGNATURE_TEXT.test(t))) return 'description';
  return undefined;
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-webhook-without-authentication',
    kind: 'openapi',
    owasp: ['API10:2023'],
    cwe: [345],
    severity: 'warning',
    recommended: true,
    description: 'Callbacks and webhooks must document how receivers verify them (a signature header, or a security requirement).',
    messages: {
      unverifiable: '{{what}} documents no signature or authentication: receivers cannot tell the API\'s requests from forged ones, so anyone who learns the URL can inject events. Document a signature header (e.g. an HMAC of the body with a shared secret and a timestamp) or a `security` requirement.',
      documentUnverifiable: '{{count}} callbacks and webhooks ({{ops}}) document no signature or authentication: receivers cannot tell real events from forged ones. Document how they are signed; the related locations list them.',
    },
  },
  create(ctx) {
    const hits: SpecOperation[] = [];
    return {
      callback(op, spec) {
        if (!evidence(op, spec)) hits.push(op);
      },
      documentEnd(doc, spec) {
        if (hits.length > UNIT_LIMIT) {
          ctx.report({
            messageId: 'documentUnverifiable',
            data: { count: hits.length, ops: listNames(hits.map(describeOperation), 3) },
            at: { pointer: hits[0].pointer, doc: hits[0].doc },
            related: hits.slice(1, RELATED_LIMIT + 1).map((op) => spec.related(op.doc ?? doc, op.pointer, `${describeOperation(op)} is unsigned`)),
          });
          return;
        }
        for (const op of hits) {
          ctx.report({
            messageId: 'unverifiable',
            data: { what: describeOperation(op).replace(/^./, (c) => c.toUpperCase()) },
            at: { pointer: op.pointer, doc: op.doc },
            ...(op.parent ? { related: [spec.related(op.parent.doc ?? doc, op.parent.pointer, `registered by ${describeOperation(op.parent)}`)] } : {}),
          });
        }
      },
    };
  },
});
