import type { SpecOperation } from '../../openapi/document';
import { UNIT_LIMIT } from '../../openapi/grouping';
import { isAdminWord, isPrivilegeWord } from '../../openapi/names';
import { requirementSignature, securityState, WRITE_METHODS } from '../../openapi/security';
import { describeOperation, listNames, operationRef, RELATED_LIMIT } from '../../openapi/spec';
import { defineOpenApiRule } from '../rule';

/** Why an operation is administrative, or undefined. `deletes`: paths that have an item-level DELETE. */
function adminReason(op: SpecOperation, itemDeletes: ReadonlySet<string>): string | undefined {
  const segments = op.path.split('/').filter((s) => s && !s.startsWith('{'));
  const seg = segments.find(isAdminWord);
  if (seg) return `its path contains '${seg}'`;
  const tag = (Array.isArray(op.value.tags) ? op.value.tags : []).find((t): t is string => typeof t === 'string' && isAdminWord(t));
  if (tag) return `it is tagged '${tag}'`;
  const priv = segments.find(isPrivilegeWord);
  if (priv && WRITE_METHODS.has(op.method)) return `it changes '${priv}'`;
  // DELETE /things next to DELETE /things/{id}: the first removes them all.
  if (op.method === 'delete' && !/\}$/.test(op.path) && itemDeletes.has(op.path)) return 'it deletes a whole collection';
  return undefined;
}

export default defineOpenApiRule({
  meta: {
    id: 'spec-admin-operation-same-security',
    kind: 'openapi',
    owasp: ['API5:2023'],
    cwe: [285],
    severity: 'warning',
    recommended: true,
    description: 'Administrative operations (admin/internal paths or tags, role and permission changes, bulk deletes) need stronger requirements or scopes than ordinary ones.',
    messages: {
      sameSecurity: '{{method}} {{path}} looks administrative ({{reason}}) but requires exactly what ordinary operations such as {{example}} require ({{signature}}): any authenticated user may be able to call it. Require an admin scope or a separate scheme, and check the role in the implementation.',
      public: '{{method}} {{path}} looks administrative ({{reason}}) but is declared public (`security: []`).',
      documentSameSecurity: '{{count}} administrative operations ({{ops}}) require exactly what ordinary operations require: nothing in the document separates administrators from other users. Add admin scopes (or a separate scheme) to them; the related locations list them.',
    },
  },
  create(ctx) {
    return {
      documentEnd(doc, spec) {
        const ops = spec.operations;
        const itemDeletes = new Set(ops.filter((o) => o.method === 'delete' && /\/\{[^}]+\}$/.test(o.path)).map((o) => o.path.replace(/\/\{[^}]+\}$/, '')));
        // The requirements most ordinary operations use (and the root's): an admin operation that
        // needs no more than those is open to every user. A scheme only special operations use
        // (an admin API key) is not "ordinary", even when two admin operations share it.
        const counts = new Map<string, { n: number; example: SpecOperation }>();
        const admin: { op: SpecOperation; reason: string }[] = [];
        for (const op of ops) {
          const reason = adminReason(op, itemDeletes);
          if (reason) admin.push({ op, reason });
          else if (securityState(op) === 'secured') {
            const sig = requirementSignature(op);
            const c = counts.get(sig) ?? { n: 0, example: op };
            c.n++;
            counts.set(sig, c);
          }
        }
        const ordinary = new Map<string, SpecOperation>();
        const top = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
        if (top) ordinary.set(top[0], top[1].example);
        const rootOp = ops.find((o) => o.security?.inherited && securityState(o) === 'secured');
        if (rootOp) ordinary.set(requirementSignature(rootOp), counts.get(requirementSignature(rootOp))?.example ?? rootOp);
        const same: { op: SpecOperation; reason: string; example?: SpecOperation }[] = [];
        for (const a of admin) {
          const state = securityState(a.op);
          const example = state === 'secured' ? ordinary.get(requirementSignature(a.op)) : undefined;
          if (state === 'public' || example) same.push({ ...a, example });
        }
        const publicOps = same.filter((s) => !s.example);
        if (same.length - publicOps.length > UNIT_LIMIT) {
          for (const s of publicOps) ctx.report({ messageId: 'public', data: { method: s.op.method.toUpperCase(), path: s.op.path, reason: s.reason }, at: { pointer: s.op.pointer, doc: s.op.doc }, operation: operationRef(s.op) });
          const rest = same.filter((s) => s.example);
          ctx.report({
            messageId: 'documentSameSecurity',
            data: { count: rest.length, ops: listNames(rest.map((s) => describeOperation(s.op)), 3) },
            at: { pointer: rest[0].op.pointer, doc: rest[0].op.doc },
            related: rest.slice(1, RELATED_LIMIT + 1).map((s) => spec.related(s.op.doc ?? doc, s.op.pointer, `${describeOperation(s.op)}: ${s.reason}`)),
          });
          return;
        }
        for (const s of same) {
          if (!s.example) {
            ctx.report({ messageId: 'public', data: { method: s.op.method.toUpperCase(), path: s.op.path, reason: s.reason }, at: { pointer: s.op.pointer, doc: s.op.doc }, operation: operationRef(s.op) });
            continue;
          }
          ctx.report({
            messageId: 'sameSecurity',
            data: { method: s.op.method.toUpperCase(), path: s.op.path, reason: s.reason, example: describeOperation(s.example), signature: requirementSignature(s.op) },
            at: { pointer: s.op.pointer, doc: s.op.doc },
            operation: operationRef(s.op),
            related: [spec.related(s.example.doc ?? doc, s.example.pointer, `${describeOperation(s.example)} has the same requirements`)],
          });
        }
      },
    };
  },
});
