import type { SpecOperation } from '../../openapi/document';
import { describeOperation, RELATED_LIMIT } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

const VERSION = /^(v\d+(?:\.\d+)*(?:beta\d*|alpha\d*)?|\d{4}-\d{2}-\d{2})$/i;

/** Orders `v1` < `v2` < `v10`, dates chronologically. */
function compareVersions(a: string, b: string): number {
  const na = a.toLowerCase().replace(/^v/, '').split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  const nb = b.toLowerCase().replace(/^v/, '').split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) if ((na[i] ?? 0) !== (nb[i] ?? 0)) return (na[i] ?? 0) - (nb[i] ?? 0);
  return 0;
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-multiple-api-versions',
    kind: 'openapi',
    owasp: ['API9:2023'],
    cwe: [1059],
    severity: 'info',
    recommended: true,
    description: 'Several API versions side by side in one document: the older ones are often still live and less protected.',
    messages: {
      olderVersion: 'Version {{version}} ({{count}} operations) is documented next to {{latest}}: older versions tend to stay deployed with weaker controls and are forgotten in security reviews. Retire it (deprecate, set a sunset date) or make sure it gets the same protection.',
    },
  },
  create(ctx) {
    return {
      documentEnd(doc, spec) {
        const byVersion = new Map<string, SpecOperation[]>();
        for (const op of spec.operations) {
          const seg = op.path.split('/').find((s) => VERSION.test(s));
          if (!seg) continue;
          const list = byVersion.get(seg);
          if (list) list.push(op);
          else byVersion.set(seg, [op]);
        }
        if (byVersion.size < 2) return;
        const versions = [...byVersion.keys()].sort(compareVersions);
        const latest = versions[versions.length - 1];
        for (const v of versions.slice(0, -1)) {
          const ops = byVersion.get(v)!;
          // At the path item, so the whole older path is highlighted once.
          ctx.report({
            messageId: 'olderVersion',
            data: { version: v, count: ops.length, latest },
            at: { pointer: ['paths', ops[0].path] },
            related: ops.slice(1, RELATED_LIMIT + 1).map((op) => spec.related(op.doc ?? doc, op.pointer, `${describeOperation(op)} is ${v}`)),
          });
        }
      },
    };
  },
});
