import type { ParameterNode } from '../../openapi/spec-model';
import { secretKind } from '../../openapi/names';
import { describeOperation, RELATED_LIMIT } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-credential-in-url',
    kind: 'openapi',
    owasp: ['API2:2023'],
    cwe: [598],
    severity: 'warning',
    recommended: true,
    description: 'Passwords, tokens, secrets and session ids must not be sent in the URL (query string or path).',
    messages: {
      credential: "{{location}} parameter '{{name}}' looks like a {{kind}}: URLs end up in access logs, proxy logs, browser history and Referer headers. Send it in a header or the request body.",
    },
  },
  create(ctx) {
    // Inline definitions of the same parameter on many operations are one problem, reported once.
    const groups = new Map<string, ParameterNode[]>();
    return {
      parameter(param) {
        if (param.in !== 'query' && param.in !== 'path') return;
        if (!secretKind(param.name)) return;
        const key = `${param.in}:${param.name}`;
        const list = groups.get(key);
        if (list) list.push(param);
        else groups.set(key, [param]);
      },
      documentEnd(doc, spec) {
        for (const list of groups.values()) {
          const [first, ...rest] = list;
          const kind = secretKind(first.name)!;
          ctx.report({
            messageId: 'credential',
            data: { location: first.in === 'query' ? 'Query' : 'Path', name: first.name, kind: kind === 'apiKey' ? 'API key' : kind === 'session' ? 'session id' : kind },
            at: { pointer: [...first.pointer, 'name'], doc: first.doc, part: 'value' },
            related: [
              ...rest.slice(0, RELATED_LIMIT).map((p) => spec.related(p.doc, [...p.pointer, 'name'], `also in ${p.uses.map(describeOperation).slice(0, 3).join(', ')}`, 'value')),
              ...(first.doc !== doc ? spec.usedBy(first.uses) : []),
            ],
          });
        }
      },
    };
  },
});
