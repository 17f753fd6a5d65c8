import { isObject } from '../../openapi/document';
import { personalKind, secretKind, words } from '../../openapi/names';
import { hasType, typesOf } from '../../openapi/schema-facts';
import type { SpecOperation } from '../../openapi/document';
import { describeOperation, listNames, RELATED_LIMIT } from '../../openapi/spec';
import type { SchemaNode } from '../../openapi/spec-model';
import { defineOpenApiRule } from '../rule';

/** Operations whose purpose is to hand out credentials (token endpoints, key creation, sign-in). */
function issuesCredentials(path: string, operationId: unknown): boolean {
  const w = new Set([...words(path), ...(typeof operationId === 'string' ? words(operationId) : [])]);
  return ['token', 'tokens', 'oauth', 'login', 'signin', 'session', 'sessions', 'credentials', 'keys', 'key', 'secret', 'secrets', 'authorize', 'authorizations', 'authenticate', 'registration'].some((x) => w.has(x));
}

const MASKED = /\b(masked|redacted|obfuscated|truncated|hashed|last (4|four)|first (6|six))\b/i;
/** A bare `token` is also a word piece (language models) or a lexer token: it needs a description that says credential. */
const CREDENTIAL_TEXT = /credential|authenticat|authoriz|access|secret|bearer|api key|password|login/i;

interface Hit {
  name: string;
  kindText: string;
  messageId: 'secret' | 'personal';
  node: SchemaNode;
  uses: SpecOperation[];
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-sensitive-data-in-response',
    kind: 'openapi',
    owasp: ['API3:2023'],
    cwe: [213],
    severity: 'warning',
    recommended: true,
    description: 'Responses must not return passwords, secrets, credentials or sensitive personal data (government ids, card numbers and codes).',
    messages: {
      secret: "Responses include '{{name}}' ({{kind}}) in {{label}}: whoever can read the response (other users, logs, caches, browser extensions) gets it. Remove it, or mark it `writeOnly: true` if clients only send it. Returned by {{uses}}.",
      personal: "Responses include '{{name}}' ({{kind}}) in {{label}}: excessive exposure of sensitive personal data. Return a masked form (last 4 digits) or nothing. Returned by {{uses}}.",
    },
  },
  create(ctx) {
    // The same field in several schemas (`temp_clone_token` in every repository shape) is one finding.
    const hits = new Map<string, Hit[]>();
    // Asked for every use of every hit: the same few hundred operations.
    const issuing = new Map<SpecOperation, boolean>();
    const issues = (op: SpecOperation) => {
      let v = issuing.get(op);
      if (v === undefined) issuing.set(op, (v = issuesCredentials(op.path, op.value.operationId)));
      return v;
    };
    return {
      schema(node, spec) {
        if (node.context !== 'response' || !isObject(node.value.properties)) return;
        for (const name of Object.keys(node.value.properties)) {
          const secretOrPersonal = secretKind(name) ?? personalKind(name);
          if (!secretOrPersonal) continue; // most names: decided without resolving anything
          const prop = spec.set.resolveObject(node.value.properties[name], node.doc, [...node.pointer, 'properties', name]);
          if (!prop || prop.value.writeOnly === true) continue;
          // Secrets are strings; a boolean `password` ("has a password") or an object `token` (metadata) is not one.
          if (typesOf(prop.value).length && !hasType(prop.value, 'string')) continue;
          const description = typeof prop.value.description === 'string' ? prop.value.description : '';
          if (MASKED.test(description)) continue;
          const secret = secretKind(name);
          const personal = secret ? undefined : personalKind(name);
          // A session id in a response is the caller's own session; reported only in URLs (spec-credential-in-url).
          if ((!secret && !personal) || secret === 'session') continue;
          if (secret === 'token' && words(name).length === 1 && !CREDENTIAL_TEXT.test(description)) continue;
          let uses = spec.model.usesOf(node.unit);
          // Token endpoints exist to return tokens, keys and secrets.
          if (secret && secret !== 'password') uses = uses.filter((op) => !issues(op));
          if (!uses.length) continue;
          const kindText = secret ? { password: 'a password', secret: 'a secret', token: 'a token', apiKey: 'an API key' }[secret] : { 'government-id': 'a government id', card: 'card data', bank: 'a bank account number' }[personal!];
          const key = `${name}|${kindText}`;
          const hit: Hit = { name, kindText, messageId: secret ? 'secret' : 'personal', node, uses };
          const list = hits.get(key);
          if (list) list.push(hit);
          else hits.set(key, [hit]);
        }
      },
      documentEnd(doc, spec) {
        for (const list of hits.values()) {
          const [first, ...rest] = list;
          const label = (n: SchemaNode) => (n.unit.component ? `schema ${n.unit.component}` : 'the response body');
          const uses = [...new Set(list.flatMap((h) => h.uses))];
          ctx.report({
            messageId: first.messageId,
            data: { name: first.name, kind: first.kindText, label: rest.length ? `${label(first.node)} and ${rest.length} other schema(s)` : label(first.node), uses: listNames(uses.map(describeOperation), 3) },
            at: { pointer: [...first.node.pointer, 'properties', first.name], doc: first.node.doc },
            related: [
              ...rest.slice(0, RELATED_LIMIT).map((h) => spec.related(h.node.doc, [...h.node.pointer, 'properties', h.name], `also in ${label(h.node)}`)),
              ...spec.usedBy(uses, Math.max(0, RELATED_LIMIT - rest.length)),
            ],
          });
        }
      },
    };
  },
});
