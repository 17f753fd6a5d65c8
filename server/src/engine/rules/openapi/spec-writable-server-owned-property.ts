import { readOnlyFix } from '../../openapi/fixes';
import { isObject, type JsonObject } from '../../openapi/document';
import { words } from '../../openapi/names';
import { hasType, typesOf } from '../../openapi/schema-facts';
import { describeOperation, listNames } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

interface Owned {
  re: RegExp;
  kind: string;
  /** The property's type must be one of these (an `admin` object or a `credits` list is something else). */
  types?: string[];
  /**
   * Weak names (roles, permissions, owners) are legitimate input of membership, invitation and transfer
   * endpoints; they are reported only when the schema is a resource model also used in responses, the
   * classic shape of mass assignment (the same model bound from the request and returned).
   */
  weak?: boolean;
}

const OWNED: Owned[] = [
  { re: /^(is)?(super)?(admin|administrator|superuser|staff|moderator)$/, kind: 'privilege flag', types: ['boolean'] },
  { re: /^(account|wallet)?(balance|credits?)$/, kind: 'balance', types: ['number', 'integer'] },
  { re: /^(is)?(email|phone|account)?(verified|approved|trusted|confirmed)$/, kind: 'verification state', types: ['boolean'] },
  { re: /^(user)?(roles?|permissions?|privileges?|authorities|acl)$/, kind: 'privileges', weak: true },
  { re: /^(owner|ownerid|ownedby|tenantid|accountid|createdby)$/, kind: 'ownership', weak: true },
];

const PRIVILEGED_VALUES = /admin|owner|super|root|maintain|manage|moderat|write|staff|billing/i;

function ownedBy(name: string, prop: JsonObject): Owned | undefined {
  const c = words(name).join('');
  const o = OWNED.find((x) => x.re.test(c));
  if (!o) return undefined;
  if (o.types && typesOf(prop).length && !o.types.some((t) => hasType(prop, t))) return undefined;
  // A `role` whose values are user/assistant/system (chat messages) grants nothing.
  if (o.weak && Array.isArray(prop.enum) && !prop.enum.some((v) => typeof v === 'string' && PRIVILEGED_VALUES.test(v))) return undefined;
  return o;
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-writable-server-owned-property',
    kind: 'openapi',
    owasp: ['API3:2023'],
    cwe: [915],
    severity: 'warning',
    recommended: true,
    description: 'Request schemas must not let clients set properties the server owns (admin flags, balances, verification state; roles and owners of shared models).',
    messages: {
      writable: "'{{name}}' ({{kind}}) can be set by the client in {{label}}: unless the server ignores it, a user can change their own {{kind}} (mass assignment). Mark it `readOnly: true` or leave it out of request schemas. Used by {{uses}}.",
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      schema(node, spec) {
        if (node.context !== 'request' || !isObject(node.value.properties)) return;
        // Asked only for weak names: it builds the node's pointer, which most nodes never need.
        let shared: boolean | undefined;
        const isShared = () => (shared ??= spec.model.usedIn(node.doc, node.pointer, 'response'));
        for (const name of Object.keys(node.value.properties)) {
          if (!OWNED.some((o) => o.re.test(words(name).join('')))) continue; // cheap test before resolving
          const pointer = [...node.pointer, 'properties', name];
          const prop = spec.set.resolveObject(node.value.properties[name], node.doc, pointer);
          if (!prop || prop.value.readOnly === true || (isObject(node.value.properties[name]) && (node.value.properties[name] as JsonObject).readOnly === true)) continue;
          const owned = ownedBy(name, prop.value);
          if (!owned || (owned.weak && !isShared())) continue;
          const uses = spec.model.usesOf(node.unit);
          const fix = readOnlyFix(node.doc, pointer, name);
          ctx.report({
            messageId: 'writable',
            data: { name, kind: owned.kind, label: node.unit.component ? `schema ${node.unit.component}` : 'the request body', uses: listNames(uses.map(describeOperation), 3) },
            at: { pointer, doc: node.doc },
            related: spec.usedBy(uses),
            suggestions: fix ? [fix] : [],
          });
        }
      },
    };
  },
});
