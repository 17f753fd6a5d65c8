import { isObject } from '../../openapi/document';
import { defineOpenApiRule } from '../rule';

export default defineOpenApiRule({
  meta: {
    id: 'spec-missing-api-version',
    kind: 'openapi',
    owasp: ['API9:2023'],
    cwe: [1059],
    severity: 'warning',
    recommended: true,
    description: 'The document must state the version of the API it describes (`info.version`).',
    messages: {
      missing: 'The document does not say which version of the API it describes (`info.version` is {{state}}): without it, nobody can tell which deployments match this contract, or which old versions are still live.',
    },
  },
  create(ctx) {
    return {
      document(doc) {
        const info = doc.root.info;
        if (!isObject(info)) {
          ctx.report({ messageId: 'missing', data: { state: 'missing, as is `info`' }, at: { pointer: [doc.version === '2.0' ? 'swagger' : 'openapi'] } });
          return;
        }
        const v = info.version;
        if (v === undefined) ctx.report({ messageId: 'missing', data: { state: 'missing' }, at: { pointer: ['info'] } });
        else if (typeof v !== 'string' && typeof v !== 'number') ctx.report({ messageId: 'missing', data: { state: 'not a string' }, at: { pointer: ['info', 'version'], part: 'value' } });
        else if (String(v).trim() === '') ctx.report({ messageId: 'missing', data: { state: 'empty' }, at: { pointer: ['info', 'version'] } });
      },
    };
  },
});
