import { isObject, type Pointer } from '../../openapi/document';
import { httpsFix, isLocalUrl } from '../../openapi/urls';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-auth-url-plain-http',
    kind: 'openapi',
    owasp: ['API2:2023'],
    cwe: [319],
    severity: 'error',
    recommended: true,
    description: 'OAuth authorization, token and refresh URLs and OpenID Connect discovery URLs must use HTTPS.',
    messages: {
      plainHttp: "{{what}} of security scheme '{{name}}' is plain HTTP ({{url}}): credentials, codes and tokens would cross the network unencrypted. Use https://.",
    },
    fix: 'safe',
  },
  create(ctx) {
    return {
      securityScheme(scheme, doc) {
        const check = (value: unknown, pointer: Pointer, what: string) => {
          if (typeof value !== 'string' || !/^http:\/\//i.test(value) || isLocalUrl(value)) return;
          ctx.report({ messageId: 'plainHttp', data: { what, name: scheme.name, url: value }, at: { pointer, part: 'value' }, fix: httpsFix(doc, pointer) });
        };
        const v = scheme.value;
        const LABELS: Record<string, string> = { authorizationUrl: 'The authorization URL', tokenUrl: 'The token URL', refreshUrl: 'The refresh URL' };
        if (v.type === 'openIdConnect') check(v.openIdConnectUrl, [...scheme.pointer, 'openIdConnectUrl'], 'The OpenID Connect URL');
        if (v.type !== 'oauth2') return;
        for (const k of Object.keys(LABELS)) check(v[k], [...scheme.pointer, k], LABELS[k]);
        if (isObject(v.flows)) {
          for (const [flow, f] of Object.entries(v.flows)) {
            if (isObject(f)) for (const k of Object.keys(LABELS)) check(f[k], [...scheme.pointer, 'flows', flow, k], `${LABELS[k]} (${flow} flow)`);
          }
        }
      },
    };
  },
});
