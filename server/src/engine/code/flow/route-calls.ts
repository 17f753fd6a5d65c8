/**
 * Runs a visitor over every call a route's handler makes (and the project helpers it calls with
 * request data), once per call site across all routes of a run: a handler shared by two routes
 * is reported once.
 */
import type ts from 'typescript';
import type { Operation } from '../../model/operation';
import type { CodeProject } from '../project';
import { flowFor, handlerContext, type Flow, type FlowContext } from './taint';

export function forEachRouteCall(
  route: Operation,
  project: CodeProject,
  seen: Set<ts.Node>,
  visit: (call: ts.CallExpression | ts.NewExpression, ctx: FlowContext, flow: Flow) => void,
): void {
  const facts = project.routeFacts.get(route);
  if (!facts) return;
  const ctx = handlerContext(facts);
  if (!ctx) return;
  const flow = flowFor(project);
  flow.forEachCall(ctx, (call, c) => {
    if (seen.has(call)) return;
    const outer = visiting;
    visiting = call;
    try {
      visit(call, c, flow);
    } finally {
      visiting = outer;
    }
  });
}

let visiting: ts.Node | undefined;

/**
 * The call whose visit is running, if any. Rules built on `forEachRouteCall` report a call once
 * per run (for the first route that reaches it); the incremental runner analyses routes one by
 * one and applies that "first route wins" itself, keyed on this call (run/code-cache.ts).
 */
export function callBeingVisited(): ts.Node | undefined {
  return visiting;
}
