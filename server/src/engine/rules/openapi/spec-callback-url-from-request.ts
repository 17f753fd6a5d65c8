import { describeOperation } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-callback-url-from-request',
    kind: 'openapi',
    owasp: ['API7:2023'],
    cwe: [918],
    severity: 'warning',
    recommended: true,
    description: 'Callbacks whose URL comes from the request make the API call an address the client chose (server-side request forgery).',
    messages: {
      fromRequest: "Callback '{{expression}}' of {{operation}} sends requests to a URL taken from the client's request: validate it against an allow-list, refuse private, loopback and cloud-metadata addresses after DNS resolution, and do not follow redirects.",
    },
  },
  create(ctx) {
    const seen = new Set<string>();
    return {
      callback(op, spec) {
        if (op.kind !== 'callback' || !op.parent || !/\{\$request\./.test(op.path)) return;
        // One finding per callback expression, not per method of its path item.
        const key = `${op.doc?.file}#${op.pathItemPointer.join('/')}`;
        if (seen.has(key)) return;
        seen.add(key);
        ctx.report({
          messageId: 'fromRequest',
          data: { expression: op.path, operation: describeOperation(op.parent) },
          at: { pointer: op.pathItemPointer, doc: op.doc },
          related: [spec.related(op.parent.doc ?? spec.root, op.parent.pointer, `registered by ${describeOperation(op.parent)}`)],
        });
      },
    };
  },
});
