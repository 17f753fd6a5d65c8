/**
 * API4 drift, per request body property: the code's validator bounds a property (maxLength,
 * maxItems, maximum) that the API description leaves unbounded, or the reverse — the
 * description promises a bound the validator does not enforce (or enforces more loosely).
 * Compared only where both sides are known: a paired operation, a spec body schema, and a
 * code schema (zod, Joi, class-validator DTO) that really runs before the handler.
 */
import { importEdits } from '../../code/nestjs/fixes';
import type { CodeProject } from '../../code/project';
import { bodySchemaOf } from '../../code/schemas/route-body';
import type { BodyProperty, BodyPropertyType, BodySchema, LimitKeyword, RequestPart } from '../../code/schemas/types';
import { opRef } from '../../model/drift-fixes';
import { specBodyOf, specQueryOf, type SpecBodyProperty } from '../../model/spec-body';
import { appendEntry } from '../../openapi/edit';
import { rangeOf } from '../../openapi/document';
import type { Fix } from '../../types';
import { defineWorkspaceRule } from '../rule';

const WRITES = new Set(['post', 'put', 'patch', 'all']);
const PARTS: readonly RequestPart[] = ['body', 'query'];
/** Nested levels compared (DTOs may refer to themselves: a tree of categories). */
const MAX_NESTING = 6;

/** The upper bound that matters for each type (resource consumption is about the maximum). */
const MAX_KEYWORD: Partial<Record<BodyPropertyType, LimitKeyword>> = { string: 'maxLength', array: 'maxItems', number: 'maximum', integer: 'maximum' };
const DECORATOR: Partial<Record<LimitKeyword, string>> = { maxLength: 'MaxLength', maxItems: 'ArrayMaxSize', maximum: 'Max' };

export default defineWorkspaceRule({
  meta: {
    id: 'drift-input-limit-mismatch',
    kind: 'workspace',
    owasp: ['API4:2023'],
    cwe: [770],
    severity: 'warning',
    recommended: true,
    description: 'Request body and query limits (maxLength, maxItems, maximum) must agree between the API description and the code that validates them.',
    messages: {
      specMissingLimit: '`{{prop}}` ({{where}} of {{method}} {{path}}) has no {{keyword}} in the API description, but {{validator}} in the code limits it to {{value}}: add `{{keyword}}: {{value}}` so clients, gateways and tests know the bound.',
      codeMissingLimit: 'The API description limits `{{prop}}` ({{where}} of {{method}} {{path}}) to {{keyword}}: {{value}}, but {{validator}} does not bound it: a client can send far more than documented. Add {{suggestion}}.',
      codeLooser: '{{validator}} allows `{{prop}}` ({{where}} of {{method}} {{path}}) up to {{codeValue}}, but the API description says {{keyword}}: {{value}}: use {{value}}, the value documented.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      workspace({ inventory, project }) {
        const seen = new Set<string>();
        for (const pairing of inventory.pairings) {
          for (const { spec, route } of pairing.matched) {
            for (const part of PARTS) {
              if (part === 'body' && !WRITES.has(route.method)) continue;
              const body = part === 'body' ? specBodyOf(pairing.api, spec) : specQueryOf(pairing.api, spec);
              if (!body) continue;
              const facts = project.routeFacts.get(route);
              const code = facts && bodySchemaOf(facts, project, part);
              if (!code?.known || !code.value.enforced.known || !code.value.enforced.value) continue;
              const label = { method: route.method.toUpperCase(), path: route.path, validator: code.value.name, where: part === 'body' ? 'request body' : 'query parameter' };
              // Property by property, nested objects and array items included (`items[].sku`).
              const compare = (sp: SpecBodyProperty, cp: BodyProperty, name: string, depth: number): void => {
                if (cp.opaque) return;
                if (depth < MAX_NESTING) {
                  if (sp.properties && cp.properties) for (const [k, nsp] of sp.properties) {
                    const ncp = cp.properties.get(k);
                    if (ncp) compare(nsp, ncp, `${name}.${k}`, depth + 1);
                  }
                  if (sp.items && cp.items) compare(sp.items, cp.items, `${name}[]`, depth + 1);
                }
                const kw = sameKind(sp.type, cp.type);
                if (!kw) return;
                const s = sp.limits[kw];
                const c = cp.limits[kw];
                // Most properties agree (or neither side has a limit): build the dedupe key only for a difference.
                if (s === c || (s !== undefined && c !== undefined && c <= s)) return;
                const key = `${name}\0${kw}\0${cp.at.file}:${cp.at.range.start}\0${sp.doc.file}:${sp.pointer.join('/')}`;
                if (seen.has(key)) return;
                seen.add(key);
                const data = { ...label, prop: name, keyword: kw };
                if (c !== undefined && s === undefined) {
                  const fix = specFix(sp, name, kw, c);
                  ctx.report({
                    messageId: 'specMissingLimit',
                    severity: 'info',
                    data: { ...data, value: c },
                    at: { pointer: sp.pointer, doc: sp.doc },
                    operation: opRef(spec),
                    related: [{ ...(cp.limitAt[kw] ?? cp.at), message: `${code.value.name} limits \`${name}\` to ${c}` }],
                    suggestions: fix ? [fix] : undefined,
                  });
                } else if (s !== undefined && c === undefined && !(kw === 'maxLength' && cp.boundedBy)) {
                  const fix = codeFix(project, code.value, cp, kw, s);
                  ctx.report({
                    messageId: 'codeMissingLimit',
                    data: { ...data, value: s, suggestion: fix?.text ?? `a ${kw} of ${s}` },
                    at: { file: cp.at.file, range: cp.at.range },
                    operation: opRef(route),
                    related: [{ file: sp.doc.file, range: rangeOf(sp.doc, sp.pointer), message: `${kw}: ${s} in the API description` }],
                    suggestions: fix ? [fix.fix] : undefined,
                  });
                } else if (s !== undefined && c !== undefined && c > s) {
                  const at = cp.limitAt[kw] ?? cp.at;
                  ctx.report({
                    messageId: 'codeLooser',
                    data: { ...data, value: s, codeValue: c },
                    at: { file: at.file, range: at.range },
                    operation: opRef(route),
                    related: [{ file: sp.doc.file, range: rangeOf(sp.doc, sp.pointer), message: `${kw}: ${s} in the API description` }],
                    suggestions: cp.limitAt[kw] ? [{ title: `Use the documented ${kw}: ${s}`, edits: [{ file: at.file, range: at.range, newText: String(s) }] }] : undefined,
                  });
                }
              };
              for (const sp of body.properties.values()) {
                const cp = code.value.properties.get(sp.name);
                if (cp) compare(sp, cp, sp.name, 0);
              }
            }
          }
        }
      },
    };
  },
});

/** The keyword to compare when both sides agree on the property's type (integer and number compare). */
function sameKind(spec: BodyPropertyType, code: BodyPropertyType): LimitKeyword | undefined {
  const numeric = (t: BodyPropertyType) => t === 'number' || t === 'integer';
  if (spec !== code && !(numeric(spec) && numeric(code))) return undefined;
  return MAX_KEYWORD[spec];
}

function specFix(sp: SpecBodyProperty, name: string, kw: LimitKeyword, value: number): Fix | undefined {
  const edit = appendEntry(sp.schemaDoc, sp.schemaPointer, kw, value);
  return edit ? { title: `Document ${kw}: ${value} for \`${name}\` (the code's limit)`, edits: [edit] } : undefined;
}

function codeFix(project: CodeProject, schema: BodySchema, cp: BodyProperty, kw: LimitKeyword, value: number): { fix: Fix; text: string } | undefined {
  const at = cp.insertAt;
  if (at.style === 'validator-chain') {
    const method = { maxLength: 'isLength', maxItems: 'isArray', maximum: cp.type === 'integer' ? 'isInt' : 'isFloat' }[kw as 'maxLength' | 'maxItems' | 'maximum'];
    if (!method) return undefined;
    const text = `.${method}({ max: ${value} })`;
    return { text: `\`${text}\``, fix: { title: `Enforce the documented ${kw}: ${text}`, edits: [{ file: at.file, range: { start: at.offset, end: at.offset }, newText: text }] } };
  }
  if (at.style === 'chain') {
    const text = `.max(${value})`;
    return { text: `\`${text}\``, fix: { title: `Enforce the documented ${kw}: ${text}`, edits: [{ file: at.file, range: { start: at.offset, end: at.offset }, newText: text }] } };
  }
  const name = DECORATOR[kw];
  const file = project.files.get(at.file);
  if (!name || !file || schema.library !== 'class-validator') return undefined;
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const text = `@${name}(${value})`;
  return {
    text: `\`${text}\``,
    fix: {
      title: `Enforce the documented ${kw}: ${text}`,
      edits: [
        { file: at.file, range: { start: at.offset, end: at.offset }, newText: `${text}${eol}${at.indent ?? ''}` },
        ...importEdits(file, [{ name, from: { spec: 'class-validator' } }]),
      ],
    },
  };
}
