/**
 * Where a handler writes the whole request body into a model: directly, through a variable, a
 * spread copy or `Object.assign`, into create/update/insert/save/new Model/doc.set. Shared by
 * the mass-assignment code rule and the spec <-> code body drift rule, so both agree on what
 * "accepts the whole body" means. Picking fields, a whitelisting validator or destructuring
 * named fields breaks the flow, and nothing is reported.
 */
import ts from 'typescript';
import { dottedName, unwrap } from '../ast';
import { NEST_WHITELISTING_PIPE } from '../nestjs/route-facts';
import type { CodeProject } from '../project';
import type { RouteFacts } from '../route-facts';
import { declarationOf } from '../scope';
import { dataAccessOf } from './data-access';
import { flowFor, handlerContext, type Flow, type FlowContext, type Taint } from './taint';

/** Validators that reject or strip unknown keys before the handler runs. */
export const WHITELISTING_LIBRARIES = new Set(['celebrate', 'express-joi-validation', 'express-openapi-validator', 'zod-express-middleware', NEST_WHITELISTING_PIPE]);

export interface BodyWrite {
  node: ts.Expression;
  /** What it is written into, for messages: `User.create()`, `new User()`. */
  into: string;
  taint: Taint;
  spread?: ts.SpreadAssignment;
  ctx: FlowContext;
}

/**
 * Per Flow (one per build of the route models), per route: the drift rule asks again after every
 * spec edit, and the answer depends on the code alone.
 */
const found = new WeakMap<Flow, WeakMap<RouteFacts, readonly BodyWrite[]>>();

/** Whole-body writes of a route's handler (and the project functions it calls); empty when a whitelisting validator runs first. */
export function wholeBodyWrites(facts: RouteFacts, project: CodeProject): readonly BodyWrite[] {
  if (facts.chain.some((e) => e.library && WHITELISTING_LIBRARIES.has(e.library))) return [];
  const flowCtx = handlerContext(facts);
  if (!flowCtx) return [];
  const flow = flowFor(project);
  let byFacts = found.get(flow);
  if (!byFacts) found.set(flow, (byFacts = new WeakMap()));
  const hit = byFacts.get(facts);
  if (hit) return hit;
  const out: BodyWrite[] = [];
  flow.forEachCall(flowCtx, (call, c) => {
    for (const s of writesAt(call, c, flow)) out.push(s);
  });
  byFacts.set(facts, out);
  return out;
}

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

function writesAt(call: ts.CallExpression | ts.NewExpression, ctx: FlowContext, flow: Flow): BodyWrite[] {
  const out: BodyWrite[] = [];
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
