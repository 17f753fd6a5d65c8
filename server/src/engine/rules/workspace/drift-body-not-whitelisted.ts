/**
 * API3 drift: the API description promises that clients cannot set some properties (the body
 * schema is closed, or marks properties `readOnly`), while the code writes the whole request
 * body into a model with nothing that strips or rejects undeclared properties. Reported on the
 * code route, with the spec schema and the write linked.
 */
import { wholeBodyWrites, type BodyWrite } from '../../code/flow/body-writes';
import { bodySchemaOf } from '../../code/schemas/route-body';
import { opRef, relatedTo } from '../../model/drift-fixes';
import type { Operation } from '../../model/operation';
import { specBodyOf } from '../../model/spec-body';
import { rangeOf } from '../../openapi/document';
import { listNames } from '../../openapi/spec';
import type { Fix, RelatedInfo } from '../../types';
import { defineWorkspaceRule } from '../rule';

const WRITES = new Set(['post', 'put', 'patch', 'all']);

export default defineWorkspaceRule({
  meta: {
    id: 'drift-body-not-whitelisted',
    kind: 'workspace',
    // The write it links is what request-body-mass-assignment reports: one finding, with the spec's evidence.
    supersedes: ['request-body-mass-assignment'],
    owasp: ['API3:2023'],
    cwe: [915],
    severity: 'warning',
    recommended: true,
    description: 'When the API description closes a request body or marks properties readOnly, the code must not write the whole body into a model.',
    messages: {
      closedSchema: '{{method}} {{path}}: the API description accepts only the properties it declares (additionalProperties: false), but the code writes {{source}} whole into {{into}} {{validation}}: a client can set any field the model has.',
      readOnlyFields: '{{method}} {{path}}: the API description marks {{fields}} readOnly, but the code writes {{source}} whole into {{into}} {{validation}}: a client can set them anyway.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      workspace({ inventory, project }) {
        const reported = new Set<Operation>();
        for (const pairing of inventory.pairings) {
          for (const { spec, route } of pairing.matched) {
            if (!WRITES.has(route.method) || reported.has(route)) continue;
            const body = specBodyOf(pairing.api, spec);
            if (!body) continue;
            const readOnly = [...body.properties.values()].filter((p) => p.readOnly);
            if (!body.closed && !readOnly.length) continue;
            const facts = project.routeFacts.get(route);
            if (!facts) continue;
            const writes = wholeBodyWrites(facts, project);
            if (!writes.length) continue;
            // A validator that rejects undeclared properties before the write closes the body as the spec does;
            // readOnly properties still pass when the validator declares them.
            const code = bodySchemaOf(facts, project);
            // (`strip` here means the validated result replaced req.body, so the write sees only declared properties.)
            const rejects = code.known && code.value.enforced.known && code.value.enforced.value && code.value.unknownKeys.known && code.value.unknownKeys.value !== 'allow' && code.value.complete;
            const readOnlyAccepted = readOnly.filter((p) => !rejects || !code.known || code.value.properties.has(p.name));
            if (rejects && !readOnlyAccepted.length) continue;
            reported.add(route);
            const w = writes[0];
            const sf = w.node.getSourceFile();
            const validation = !code.known
              ? '(no validator strips or rejects undeclared properties)'
              : rejects
                ? `(${code.value.appliedBy} ${code.value.unknownKeys.known && code.value.unknownKeys.value === 'reject' ? 'rejects' : 'strips'} undeclared properties, but ${code.value.name} declares the readOnly ones)`
                : `(${code.value.appliedBy}: ${code.value.name} ${code.value.unknownKeys.known ? 'lets undeclared properties through to the body' : 'may let undeclared properties through'})`;
            const useReadOnly = readOnlyAccepted.length > 0;
            const specRelated: RelatedInfo = useReadOnly
              ? { file: readOnlyAccepted[0].doc.file, range: rangeOf(readOnlyAccepted[0].doc, readOnlyAccepted[0].pointer), message: `readOnly in ${spec.method.toUpperCase()} ${spec.path}'s request body` }
              : { file: body.doc.file, range: rangeOf(body.doc, body.pointer), message: `the request body of ${spec.method.toUpperCase()} ${spec.path} is closed (additionalProperties: false)` };
            const related: RelatedInfo[] = [
              specRelated,
              { file: sf.fileName, range: { start: w.node.getStart(sf), end: w.node.getEnd() }, message: `${w.taint.text} is written whole into ${w.into}` },
            ];
            if (code.known) related.push({ ...code.value.at, message: `${code.value.name} validates the body` });
            const writable = body.complete ? [...body.properties.values()].filter((p) => !p.readOnly).map((p) => p.name) : [];
            const fix = pickFix(w, writable);
            ctx.report({
              messageId: useReadOnly ? 'readOnlyFields' : 'closedSchema',
              data: {
                method: route.method.toUpperCase(), path: route.path, source: w.taint.text, into: w.into, validation,
                fields: listNames(readOnlyAccepted.map((p) => `\`${p.name}\``)),
              },
              at: { file: route.at.file, range: route.at.range },
              operation: opRef(route),
              related: [...related, relatedTo(spec, 'the operation in the API description')],
              suggestions: fix ? [fix] : undefined,
            });
          }
        }
      },
    };
  },
});

/** Writes only the properties the API description lets clients set (declared, not readOnly), picked from the body. */
function pickFix(w: BodyWrite, fields: readonly string[]): Fix | undefined {
  const sf = w.node.getSourceFile();
  const source = w.spread ? w.spread.expression.getText(sf) : w.node.getText(sf);
  if (!fields.length || source.includes('\n') || fields.some((f) => !/^[A-Za-z_$][\w$]*$/.test(f))) return undefined;
  const props = fields.map((f) => `${f}: ${source}.${f}`).join(', ');
  const title = `Write only the properties the API description declares writable (${fields.join(', ')})`;
  const target = w.spread ?? w.node;
  return { title, edits: [{ file: sf.fileName, range: { start: target.getStart(sf), end: target.getEnd() }, newText: w.spread ? props : `{ ${props} }` }] };
}
