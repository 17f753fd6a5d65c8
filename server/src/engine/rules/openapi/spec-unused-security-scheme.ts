import { isObject } from '../../openapi/document';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-unused-security-scheme',
    kind: 'openapi',
    owasp: ['API2:2023'],
    cwe: [1164],
    severity: 'hint',
    recommended: true,
    description: 'Security schemes that no requirement uses document nothing and often mean a `security` entry was forgotten.',
    messages: {
      unused: "Security scheme '{{name}}' is defined but no `security` requirement uses it: either an operation forgot to require it, or it can be removed.",
    },
  },
  create(ctx) {
    return {
      documentEnd(doc, spec) {
        const used = new Set<string>();
        const add = (reqs: unknown) => {
          if (Array.isArray(reqs)) for (const r of reqs) if (isObject(r)) for (const k of Object.keys(r)) used.add(k);
        };
        add(doc.root.security);
        for (const op of [...spec.operations, ...spec.callbacks]) add(op.security?.requirements);
        for (const scheme of spec.securitySchemes) {
          if (!used.has(scheme.name)) ctx.report({ messageId: 'unused', data: { name: scheme.name }, at: { pointer: scheme.pointer } });
        }
      },
    };
  },
});
