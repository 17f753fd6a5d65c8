/**
 * Mass assignment: the whole request body (directly, through a variable, a spread copy or
 * `Object.assign`) written into a model (create/update/insert/save/new Model/doc.set). Picking
 * fields, a whitelisting validator (`schema.parse(req.body)`, Joi/celebrate, `_.pick`) or
 * destructuring named fields breaks the flow and the rule stays quiet.
 */
import ts from 'typescript';
import { dottedName, unwrap } from '../../code/ast';
import { dataAccessOf } from '../../code/flow/data-access';
import { flowFor, handlerContext, type Flow, type FlowContext, type Taint } from '../../code/flow/taint';
import { NEST_WHITELISTING_PIPE } from '../../code/nestjs/route-facts';
import type { RouteFacts } from '../../code/route-facts';
import { declarationOf } from '../../code/scope';
import { escapeSnippet as esc } from '../../code/express/fixes';
import type { Fix } from '../../types';
import { defineCodeRule } from '../rule';

/** Validators that reject or strip unknown keys before the handler runs. */
const WHITELISTING = new Set(['celebrate', 'express-joi-validation', 'express-openapi-validator', 'zod-express-middleware', NEST_WHITELISTING_PIPE]);
const PRIVILEGED = /^(role|roles|isAdmin|is_admin|admin|permissions|verified|isVerified|emailVerified|balance|credits|plan|tier|owner|ownerId|userId|tenantId|id|_id|createdAt|updatedAt|deleted|approved|status)$/;

interface Sink {
  node: ts.Expression;
  into: string;
  taint: Taint;
  spread?: ts.SpreadAssignment;
  ctx: FlowContext;
}

export default defineCodeRule({
  meta: {
    id: 'request-body-mass-assignment',
    kind: 'code',
    owasp: ['API3:2023'],
    cwe: [915],
    severity: 'warning',
    recommended: true,
    description: 'Do not write the whole request body into a model: pick the fields a client may set.',
    messages: {
      wholeBody: '{{method}} {{path}} writes {{source}} as a whole into {{into}}: a client can set any field, including ones like `role` or `isAdmin`.',
      spreadBody: '{{method}} {{path}} copies every field of {{source}} into {{into}} with a spread: a client can set any field, including ones like `role` or `isAdmin`.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    const reported = new Set<ts.Node>();
    return {
      route(route, project) {
        const facts = project.routeFacts.get(route);
        if (!facts) return;
        if (facts.chain.some((e) => e.library && WHITELISTING.has(e.library))) return;
        const flowCtx = handlerContext(facts);
        if (!flowCtx) return;
        const flow = flowFor(project);
        const sinks: Sink[] = [];
        flow.forEachCall(flowCtx, (call, c) => {
          for (const s of sinksOf(call, c, flow)) sinks.push(s);
        });
        for (const s of sinks) {
          if (reported.has(s.node)) continue;
          reported.add(s.node);
          const sf = s.node.getSourceFile();
          const fields = bodyFieldsUsed(facts, flow, flowCtx);
          const fix = pickFix(s, fields);
          ctx.report({
            messageId: s.spread ? 'spreadBody' : 'wholeBody',
            data: { method: route.method.toUpperCase(), path: route.path, source: s.taint.text, into: s.into },
            at: { file: sf.fileName, range: { start: s.node.getStart(sf), end: s.node.getEnd() } },
            operation: { method: route.method.toUpperCase(), path: route.path },
            related: [{ file: route.at.file, range: route.at.range, message: `route ${route.method.toUpperCase()} ${route.path}` }],
            suggestions: fix ? [fix] : [],
          });
        }
      },
    };
  },
});

function isBodyWhole(t: Taint | undefined): t is Taint {
  return !!t && t.kind === 'body' && !!t.whole && !t.converted;
}

/** The whole body, or an object literal that spreads it. */
function bodyIn(expr: ts.Expression, ctx: FlowContext, flow: Flow): { node: ts.Expression; taint: Taint; spread?: ts.SpreadAssignment } | undefined {
  const e = unwrap(expr);
  if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p)) {
        const t = flow.source(p.expression, ctx);
        if (isBodyWhole(t)) return { node: e, taint: t, spread: p };
      }
    }
    return undefined;
  }
  const t = flow.source(e, ctx);
  return isBodyWhole(t) ? { node: e, taint: t } : undefined;
}

function sinksOf(call: ts.CallExpression | ts.NewExpression, ctx: FlowContext, flow: Flow): Sink[] {
  const out: Sink[] = [];
  const da = dataAccessOf(call);
  if (da && da.data && (da.op === 'create' || da.op === 'update')) {
    const b = bodyIn(da.data, ctx, flow);
    if (b) out.push({ ...b, into: `${da.target}.${da.method === 'new' ? 'constructor' : da.method}()`.replace(/^(.*)\.constructor\(\)$/, 'new $1()'), ctx });
    return out;
  }
  if (!ts.isCallExpression(call)) return out;
  const callee = unwrap(call.expression);
  const name = dottedName(callee)?.join('.');
  // Object.assign(doc, req.body), _.merge(user, req.body)
  if (name && /^(Object\.assign|_\.(assign|merge|extend|assignIn|defaults)|lodash\.(assign|merge|extend))$/.test(name) && call.arguments.length >= 2) {
    const target = unwrap(call.arguments[0]);
    if (ts.isObjectLiteralExpression(target)) return out; // a copy, judged where it is written
    for (const a of call.arguments.slice(1)) {
      const b = bodyIn(a, ctx, flow);
      if (b) out.push({ ...b, into: target.getText().slice(0, 40), ctx });
    }
    return out;
  }
  // doc.set(req.body), user.update(req.body) on a record loaded from the database
  if (ts.isPropertyAccessExpression(callee) && /^(set|update|updateAttributes|merge|assign)$/.test(callee.name.text) && call.arguments[0] && loadedRecord(callee.expression)) {
    const b = bodyIn(call.arguments[0], ctx, flow);
    if (b) out.push({ ...b, into: `${callee.expression.getText().slice(0, 30)}.${callee.name.text}()`, ctx });
  }
  return out;
}

/** A variable holding a record read from the database (`const user = await User.findByPk(id)`). */
function loadedRecord(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (!ts.isIdentifier(u)) return false;
  const d = declarationOf(u);
  if (!d || !ts.isVariableDeclaration(d) || !d.initializer) return false;
  const init = unwrap(d.initializer);
  return (ts.isCallExpression(init) || ts.isNewExpression(init)) && dataAccessOf(init)?.op === 'read';
}

/** Fields of the body the handler reads by name (`req.body.email`), as pick candidates. */
function bodyFieldsUsed(facts: RouteFacts, flow: Flow, ctx: FlowContext): string[] {
  const out = new Set<string>();
  const body = facts.handler?.node.body;
  if (!body) return [];
  const visit = (n: ts.Node): void => {
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && !ts.isCallExpression(n.parent)) {
      const t = flow.source(n, ctx);
      if (t && t.kind === 'body' && t.path.length === 1 && /^[A-Za-z_$][\w$]*$/.test(t.path[0]) && !PRIVILEGED.test(t.path[0])) out.add(t.path[0]);
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return [...out];
}

function pickFix(s: Sink, fields: string[]): Fix | undefined {
  const sf = s.node.getSourceFile();
  const file = sf.fileName;
  const source = s.spread ? s.spread.expression.getText() : s.node.getText();
  if (source.includes('\n')) return undefined;
  const props = fields.length
    ? fields.map((f) => `${f}: ${esc(source)}.${f}`).join(', ')
    : `\${1:name}: ${esc(source)}.\${1:name}`;
  const title = fields.length ? `Pick the fields a client may set (${fields.join(', ')})` : 'Pick the fields a client may set';
  if (s.spread) {
    return { title, isSnippet: true, edits: [{ file, range: { start: s.spread.getStart(sf), end: s.spread.getEnd() }, newText: props }] };
  }
  return { title, isSnippet: true, edits: [{ file, range: { start: s.node.getStart(sf), end: s.node.getEnd() }, newText: `{ ${props} \\}` }] };
}
