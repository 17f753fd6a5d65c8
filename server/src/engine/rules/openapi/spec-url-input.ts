import { fieldPath, summarise, unitLabel } from '../../openapi/grouping';
import { carriesUrl } from '../../openapi/names';
import { hasType, isEnumerated } from '../../openapi/schema-facts';
import { listNames, RELATED_LIMIT } from '../../openapi/spec';
import type { SchemaNode } from '../../openapi/spec-model';
import { defineOpenApiRule } from '../rule';

const URL_FORMATS = new Set(['uri', 'url', 'iri', 'uri-reference', 'iri-reference', 'uri-template']);
/** A pattern that pins the scheme and a literal host (`^https://hooks\.example\.com/`) is an allow-list. */
const PINNED_HOST = /^\^https?(\?|\(s\)\?)?:\\?\/\\?\/[\w\\.-]+[\\/]/;

function isUrlField(node: SchemaNode): boolean {
  const v = node.value;
  if (!hasType(v, 'string') || isEnumerated(v)) return false;
  if (typeof v.pattern === 'string' && PINNED_HOST.test(v.pattern)) return false;
  if (typeof v.format === 'string' && URL_FORMATS.has(v.format.toLowerCase())) return true;
  const name = node.role === 'items' ? node.parent?.name : node.name;
  const kind = name === undefined ? undefined : carriesUrl(name);
  if (kind === 'strong') return true;
  if (kind !== 'weak') return false;
  const text = `${typeof v.description === 'string' ? v.description : ''} ${typeof v.example === 'string' ? v.example : ''}`;
  return /\burls?\b|\buris?\b|https?:\/\//i.test(text);
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-url-input',
    kind: 'openapi',
    owasp: ['API7:2023'],
    cwe: [918],
    severity: 'info',
    recommended: true,
    description: 'Request fields that carry URLs (webhooks, callbacks, redirects, image URLs, hosts) are where server-side request forgery starts.',
    messages: {
      urlInput: '{{where}} takes {{count}} URL(s) from the client: {{fields}}. If the server fetches, calls or redirects to them, validate the scheme and host against an allow-list and refuse private, loopback and metadata addresses (169.254.169.254) after DNS resolution.',
      documentUrlInput: '{{count}} request fields in {{units}} places take URLs from the client ({{fields}}): wherever the server fetches, calls or redirects to them, validate scheme and host against an allow-list and refuse internal addresses. The related locations list them.',
    },
  },
  create(ctx) {
    const hits: SchemaNode[] = [];
    return {
      schema(node) {
        if (node.context === 'request' && isUrlField(node)) hits.push(node);
      },
      documentEnd(doc, spec) {
        const byUnit = new Map<string, SchemaNode[]>();
        for (const h of hits) {
          const list = byUnit.get(h.unit.key);
          if (list) list.push(h); // one list per unit (copying it per hit was quadratic in a unit's size)
          else byUnit.set(h.unit.key, [h]);
        }
        const label = (n: SchemaNode) => fieldPath(n) || n.unit.name || n.unit.component || 'value';
        // Not a practice to measure: too many places to list one by one is the only reason to summarise.
        if (summarise(hits.length, hits.length * 3, byUnit.size)) {
          ctx.report({
            messageId: 'documentUrlInput',
            data: { count: hits.length, units: byUnit.size, fields: listNames(hits.map(label), 6) },
            at: { pointer: hits[0].pointer, doc: hits[0].doc },
            related: [...byUnit.values()].slice(0, RELATED_LIMIT).map((ns) => spec.related(ns[0].doc, ns[0].pointer, `${unitLabel(ns[0].unit, spec)}: ${listNames(ns.map(label), 3)}`)),
          });
          return;
        }
        for (const nodes of byUnit.values()) {
          const unit = nodes[0].unit;
          ctx.report({
            messageId: 'urlInput',
            data: { where: unitLabel(unit, spec), count: nodes.length, fields: listNames(nodes.map(label), 6) },
            at: { pointer: nodes.length === 1 ? nodes[0].pointer : unit.pointer, doc: unit.doc },
            related: [
              ...(nodes.length > 1 ? nodes.slice(0, RELATED_LIMIT).map((n) => spec.related(n.doc, n.pointer, `URL field ${label(n)}`)) : []),
              ...(unit.component || unit.doc !== doc ? spec.usedBy(spec.model.usesOf(unit), 5) : []),
            ],
          });
        }
      },
    };
  },
});
