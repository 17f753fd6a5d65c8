/**
 * Broken object level authorization: an id taken from the request selects a record (read, update,
 * delete) while the caller's identity takes no part in it: not in the query filter, not compared
 * with the record afterwards, no admin/role check on the route. Followed through locals,
 * destructuring and calls into helpers/services. Reported only for authenticated routes (an open
 * route is route-without-authentication's finding) and only when every step is known.
 */
import ts from 'typescript';
import { administrativeReason } from '../../code/access';
import { shortText, unwrap } from '../../code/ast';
import { escapeSnippet as esc } from '../../code/express/fixes';
import { dataAccessOf, type DataAccess } from '../../code/flow/data-access';
import { flowFor, handlerContext, type Flow, type FlowContext, type Taint } from '../../code/flow/taint';
import { roleCheck, requestNames } from '../../code/middleware/signals';
import type { RouteFacts } from '../../code/route-facts';
import type { Fix } from '../../types';
import { defineCodeRule } from '../rule';

const ID_NAME = /(^|_)(id|ids|uuid|guid|key|slug|number|no|ref)$|Id$|Ids$|ID$|Uuid$|Key$|Slug$/;
const OWNERSHIP_CALL = /owner|ownership|authori[sz]e|permission|policy|access|^can$|^cannot$|assertCan|ensureCan|checkAccess|belongsTo|isMember/i;

interface Candidate {
  access: DataAccess;
  id: { node: ts.Expression; taint: Taint };
  ctx: FlowContext;
}

function isIdLike(t: Taint, pathParams: Set<string>): boolean {
  if (t.whole) return false;
  const last = t.path[t.path.length - 1];
  if (t.kind === 'params') return true;
  if (last === undefined) return false;
  return ID_NAME.test(last) || pathParams.has(last);
}

export default defineCodeRule({
  meta: {
    id: 'route-missing-ownership-check',
    kind: 'code',
    results: { scope: 'unit' },
    owasp: ['API1:2023'],
    cwe: [639],
    severity: 'warning',
    recommended: true,
    description: 'Records selected by an id from the request must be scoped to, or checked against, the caller.',
    messages: {
      unscoped: '{{method}} {{path}} {{op}} {{target}} by {{source}} without checking that it belongs to the caller: the query does not use {{principal}}, the result is not compared with it, and no role check applies.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    const reported = new Set<ts.Node>();
    return {
      route(route, project) {
        if (!route.auth.known || !route.auth.value.required) return;
        const facts = project.routeFacts.get(route);
        if (!facts) return;
        if (!facts.authorization.known || facts.authorization.value.by.length > 0) return;
        const flowCtx = handlerContext(facts);
        if (!flowCtx) return;
        const flow = flowFor(project);
        // administrative routes are a function-level question (route-missing-role-check)
        if (administrativeReason(route, facts, flow)) return;
        const pathParams = new Set(route.params.filter((p) => p.in === 'path').map((p) => p.name));
        const candidates: Candidate[] = [];
        let scoped = false;
        flow.forEachCall(flowCtx, (call, c) => {
          const da = dataAccessOf(call);
          if (!da) {
            // an ownership/permission helper that receives the principal
            if (ts.isCallExpression(call)) {
              const name = shortText(call.expression, 60);
              if (OWNERSHIP_CALL.test(name.split('.').pop() ?? '') && call.arguments.some((a) => flow.mentionsPrincipal(a, c))) scoped = true;
            }
            return;
          }
          if (da.op === 'create') return;
          if (flow.mentionsPrincipal(da.call.expression, c) || da.filter.some((f) => flow.mentionsPrincipal(f, c))) { scoped = true; return; }
          const ids = da.filter.flatMap((f) => flow.requestSourcesIn(f, c)).filter((s) => isIdLike(s.taint, pathParams));
          if (ids.length) candidates.push({ access: da, id: ids[0], ctx: c });
        });
        if (scoped || candidates.length === 0) return;
        if (comparesWithPrincipal(flowCtx, flow)) return;
        const first = candidates[0];
        if (reported.has(first.access.call)) return;
        reported.add(first.access.call);
        const sf = first.access.call.getSourceFile();
        const principal = principalText(facts);
        const suggestions: Fix[] = [];
        const s = ownerSuggestion(first.access, first.id.node, principal, flow, first.ctx);
        if (s) suggestions.push(s);
        ctx.report({
          messageId: 'unscoped',
          data: {
            method: route.method.toUpperCase(), path: route.path, op: verb(first.access), target: first.access.target, source: first.id.taint.text, principal,
          },
          at: { file: sf.fileName, range: { start: first.access.call.getStart(sf), end: first.access.call.getEnd() } },
          operation: { method: route.method.toUpperCase(), path: route.path },
          related: [{ file: route.at.file, range: route.at.range, message: `route ${route.method.toUpperCase()} ${route.path}` }],
          suggestions,
        });
      },
    };
  },
});

function verb(da: DataAccess): string {
  switch (da.op) {
    case 'update': return 'updates';
    case 'delete': return 'deletes';
    case 'query': return 'queries';
    default: return 'loads';
  }
}

/** `if (order.userId !== req.user.id) return res.sendStatus(403)` anywhere in the handler (or helpers). */
function comparesWithPrincipal(ctx: FlowContext, flow: Flow): boolean {
  let found = false;
  const names = requestNames(ctx.fn);
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n)) {
      const k = n.operatorToken.kind;
      if (k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsToken) {
        const l = flow.mentionsPrincipal(n.left, ctx);
        const r = flow.mentionsPrincipal(n.right, ctx);
        if (l !== r) { found = true; return; }
        // role/admin comparisons count as the "admin check applies" exception
        if (roleCheck(n, names)) { found = true; return; }
      }
    }
    if (ts.isCallExpression(n)) {
      const callee = unwrap(n.expression);
      // `order.userId.equals(req.user._id)`, `order.user.toString() === …` handled above
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'equals') {
        const l = flow.mentionsPrincipal(callee.expression, ctx);
        const r = n.arguments.some((a) => flow.mentionsPrincipal(a, ctx));
        if (l !== r) { found = true; return; }
      }
      if (roleCheck(n, names)) { found = true; return; }
      const child = flow.enter(n, ctx);
      if (child && comparesWithPrincipal(child, flow)) { found = true; return; }
    }
    ts.forEachChild(n, visit);
  };
  if (ctx.fn.body) visit(ctx.fn.body);
  return found;
}

function principalText(facts: RouteFacts): string {
  const h = facts.handler?.node;
  const p0 = h?.parameters[0];
  if (facts.inputs) {
    const user = facts.inputs.find((i) => i.source === 'principal');
    if (user) return `${user.param.name.getText()}.id`;
    const req = facts.inputs.find((i) => i.source === 'request');
    if (req) return `${req.param.name.getText()}.user.id`;
    return 'the caller';
  }
  return p0 && ts.isIdentifier(p0.name) ? `${p0.name.text}.user.id` : 'req.user.id';
}

/** Scope the lookup to the caller: add an owner condition to the filter. */
function ownerSuggestion(da: DataAccess, idNode: ts.Expression, principal: string, flow: Flow, ctx: FlowContext): Fix | undefined {
  if (principal === 'the caller') return undefined;
  const call = da.call;
  if (!ts.isCallExpression(call)) return undefined;
  const sf = call.getSourceFile();
  const file = sf.fileName;
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const arg0 = call.arguments[0];
  void flow; void ctx; void idNode;
  const title = 'Scope the lookup to the caller (add an owner condition)';
  const owner = '${1:userId}';
  if ((da.method === 'findByPk' || da.method === 'findById') && arg0) {
    const idText = esc(arg0.getText());
    const newCall = da.method === 'findByPk'
      ? `findOne({ where: { id: ${idText}, ${owner}: ${esc(principal)} \\} \\})`
      : `findOne({ _id: ${idText}, ${owner}: ${esc(principal)} \\})`;
    return { title, isSnippet: true, edits: [{ file, range: { start: callee.name.getStart(sf), end: call.getEnd() }, newText: newCall }] };
  }
  const filter = da.filter[0] ? unwrap(da.filter[0]) : undefined;
  if (filter && ts.isObjectLiteralExpression(filter) && filter.properties.length > 0) {
    const last = filter.properties[filter.properties.length - 1];
    return { title, isSnippet: true, edits: [{ file, range: { start: last.getEnd(), end: last.getEnd() }, newText: `, ${owner}: ${esc(principal)}` }] };
  }
  return undefined;
}
