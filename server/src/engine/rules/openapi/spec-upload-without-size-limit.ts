import { boundsFix } from '../../openapi/fixes';
import { fieldPath, reportGrouped } from '../../openapi/grouping';
import { hasType, isBinary } from '../../openapi/schema-facts';
import type { SchemaNode } from '../../openapi/spec-model';
import { defineOpenApiRule } from '../rule';

const SIZE_TEXT = /\b\d+(\.\d+)?\s*(kb|kib|mb|mib|gb|gib|bytes?)\b|\b(max(imum)?|size) (file )?(size|limit)\b/i;

function hasSizeLimit(v: SchemaNode['value']): boolean {
  if (typeof v.maxLength === 'number') return true;
  if (Object.keys(v).some((k) => /^x-.*(size|length|bytes)/i.test(k))) return true;
  return typeof v.description === 'string' && SIZE_TEXT.test(v.description);
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-upload-without-size-limit',
    kind: 'openapi',
    owasp: ['API4:2023'],
    cwe: [400],
    severity: 'warning',
    recommended: true,
    description: 'File uploads and binary request bodies should document a size limit (`maxLength` in bytes, or a stated maximum).',
    messages: {
      unbounded: '{{where}} accepts {{count}} upload(s) with no documented size limit: {{fields}}. Without one, a single request can fill disk, memory or the processing queue (image and PDF processing multiply it).',
      documentUnbounded: '{{count}} of the {{total}} uploads document no size limit ({{fields}}): declare the largest accepted file (`maxLength` in bytes on the binary schema, or in its description).',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    const hits: SchemaNode[] = [];
    let total = 0;
    return {
      schema(node) {
        if (node.context !== 'request' || !isBinary(node.value)) return;
        total++;
        if (!hasSizeLimit(node.value)) hits.push(node);
      },
      documentEnd(doc, spec) {
        reportGrouped(ctx, spec, hits, total, {
          unitMessage: 'unbounded',
          documentMessage: 'documentUnbounded',
          describe: (n) => `upload ${fieldPath(n) || '(body)'} has no size limit`,
          // Swagger 2 `type: file` has no keyword for it: the description must say it.
          fix: (nodes) => {
            const strings = nodes.filter((n) => !hasType(n.value, 'file'));
            return boundsFix(strings.length > 1 ? `Add maxLength (bytes) to the ${strings.length} uploads` : 'Add maxLength (bytes)', strings, () => ({ maxLength: 10485760 }));
          },
        });
      },
    };
  },
});
