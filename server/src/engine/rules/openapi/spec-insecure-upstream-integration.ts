import { isObject, type JsonObject, type OpenApiDocument, type Pointer } from '../../openapi/document';
import { httpsFix, isLocalUrl } from '../../openapi/urls';
import { defineOpenApiRule } from '../rule';

/** Gateway extensions that document the upstream service an operation is forwarded to. */
const INTEGRATIONS: { key: string; url: string; label: string }[] = [
  { key: 'x-amazon-apigateway-integration', url: 'uri', label: 'AWS API Gateway integration' },
  { key: 'x-google-backend', url: 'address', label: 'Google API Gateway backend' },
  { key: 'x-azure-backend', url: 'url', label: 'Azure backend' },
];

export default defineOpenApiRule({
  meta: {
    id: 'spec-insecure-upstream-integration',
    kind: 'openapi',
    owasp: ['API10:2023'],
    cwe: [319, 306],
    severity: 'warning',
    recommended: true,
    description: 'Gateway integrations documented in the spec (AWS, Google, Azure extensions) must reach upstream services over HTTPS and authenticate to them.',
    messages: {
      plainHttp: 'The {{label}} forwards requests to {{url}} over plain HTTP: data and credentials cross the network to the upstream service unencrypted and unauthenticated. Use https://.',
      authDisabled: 'The {{label}} disables authentication to the upstream service (`disable_auth: true`): the backend accepts calls from anyone who can reach it, not only from the gateway.',
    },
    fix: 'safe',
  },
  create(ctx) {
    const check = (holder: JsonObject, pointer: Pointer, doc: OpenApiDocument) => {
      for (const { key, url, label } of INTEGRATIONS) {
        const integration = holder[key];
        if (!isObject(integration)) continue;
        const u = integration[url];
        if (typeof u === 'string' && /^http:\/\//i.test(u) && !isLocalUrl(u)) {
          ctx.report({ messageId: 'plainHttp', data: { label, url: u }, at: { pointer: [...pointer, key, url], part: 'value', doc }, fix: httpsFix(doc, [...pointer, key, url]) });
        }
        if (integration.disable_auth === true) ctx.report({ messageId: 'authDisabled', data: { label }, at: { pointer: [...pointer, key, 'disable_auth'], doc } });
      }
    };
    return {
      document(doc) {
        check(doc.root, [], doc);
      },
      operation(op, doc) {
        check(op.value, op.pointer, op.doc ?? doc);
      },
    };
  },
});
