import { isObject, type OpenApiDocument, type Pointer } from '../../openapi/document';
import { RELATED_LIMIT } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-undefined-security-scheme',
    kind: 'openapi',
    owasp: ['API2:2023'],
    cwe: [287],
    severity: 'error',
    recommended: true,
    description: 'Security requirements must name schemes the document defines; an unknown name protects nothing.',
    messages: {
      undefined: "Security requirement names '{{name}}', which is not defined in {{where}}{{more}}: tools and gateways cannot enforce an unknown scheme.",
    },
  },
  create(ctx) {
    const sites = new Map<string, { doc: OpenApiDocument; pointer: Pointer }[]>();
    const collect = (requirements: unknown[], pointer: Pointer, doc: OpenApiDocument, defined: Set<string>) => {
      requirements.forEach((r, i) => {
        if (!isObject(r)) return;
        for (const name of Object.keys(r)) {
          if (defined.has(name)) continue;
          const list = sites.get(name) ?? [];
          if (!list.some((s) => s.doc === doc && s.pointer.join('/') === [...pointer, i, name].join('/'))) list.push({ doc, pointer: [...pointer, i, name] });
          sites.set(name, list);
        }
      });
    };
    return {
      documentEnd(doc, spec) {
        const defined = new Set(spec.securitySchemes.map((s) => s.name));
        if (Array.isArray(doc.root.security)) collect(doc.root.security, ['security'], doc, defined);
        for (const op of [...spec.operations, ...spec.callbacks]) {
          if (op.security && !op.security.inherited) collect(op.security.requirements, op.security.pointer, op.security.doc ?? op.doc ?? doc, defined);
        }
        const where = doc.version === '2.0' ? '`securityDefinitions`' : '`components.securitySchemes`';
        // One finding per unknown name, with every other place that uses it.
        for (const [name, list] of sites) {
          const [first, ...rest] = list;
          ctx.report({
            messageId: 'undefined',
            data: { name, where, more: rest.length ? ` (used in ${list.length} places)` : '' },
            at: { pointer: first.pointer, doc: first.doc },
            related: rest.slice(0, RELATED_LIMIT).map((s) => spec.related(s.doc, s.pointer, `also requires '${name}'`)),
          });
        }
      },
    };
  },
});
