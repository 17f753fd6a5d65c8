/**
 * Per-file pass: every call that may register something on an Express app or router, in source
 * order (`x.use(…)`, `x.get(…)`, `x.route(p).get(…).post(…)`, `x.param(…)`), and calls that pass an
 * app/router to a function (`registerRoutes(app)`). Whether `x` really is an app or router is
 * decided when linking, across files. This pass depends only on the file's own tree, so it is
 * cached per parsed tree and an edit re-runs it for the edited file only.
 */
import ts from 'typescript';
import { memberName, unwrap } from '../ast';

export const ROUTE_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'all', 'trace'] as const;
const METHOD_SET = new Set<string>([...ROUTE_METHODS, 'use', 'param']);

export type Registration =
  | { kind: 'method'; call: ts.CallExpression; receiver: ts.Expression; method: string; name: ts.Node }
  | { kind: 'routeChain'; receiver: ts.Expression; path: ts.Expression; calls: { method: string; call: ts.CallExpression; name: ts.Node }[] }
  | { kind: 'invoke'; call: ts.CallExpression };

export interface ExpressFileFacts {
  registrations: Registration[];
}

const cache = new WeakMap<ts.SourceFile, ExpressFileFacts>();

const ROUTERISH = /^(app|router|server|api|routes|application|r|express)$|Router$|router$|App$|Routes$/;

export function collectExpress(sf: ts.SourceFile): ExpressFileFacts {
  const hit = cache.get(sf);
  if (hit) return hit;
  const receivers = new Set<string>();
  const registrations: Registration[] = [];
  const consumed = new Set<ts.Node>();

  const receiverName = (e: ts.Expression): string | undefined => {
    const u = unwrap(e);
    if (ts.isIdentifier(u)) return u.text;
    if (ts.isPropertyAccessExpression(u)) return u.name.text;
    return undefined;
  };

  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && !consumed.has(n)) handleCall(n);
    ts.forEachChild(n, visit);
  };

  const handleCall = (call: ts.CallExpression): void => {
    const callee = unwrap(call.expression);
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (method && METHOD_SET.has(method) && ts.isPropertyAccessExpression(callee)) {
      const chain = routeChain(call);
      if (chain) {
        for (const c of chain.calls) consumed.add(c.call);
        registrations.push(chain);
        const r = receiverName(chain.receiver);
        if (r) receivers.add(r);
        return;
      }
      const minArgs = method === 'use' ? 1 : 2;
      if (call.arguments.length >= minArgs) {
        registrations.push({ kind: 'method', call, receiver: callee.expression, method, name: callee.name });
        const r = receiverName(callee.expression);
        if (r) receivers.add(r);
        return;
      }
    }
    if (call.arguments.length > 0) registrations.push({ kind: 'invoke', call });
  };

  visit(sf);
  // keep only invocations that may pass an app or router along
  const mayBeRouter = (a: ts.Expression): boolean => {
    const u = unwrap(a);
    const name = ts.isIdentifier(u) ? u.text : ts.isPropertyAccessExpression(u) ? u.name.text : undefined;
    return name !== undefined && (receivers.has(name) || ROUTERISH.test(name));
  };
  const out: ExpressFileFacts = {
    registrations: registrations.filter((r) => r.kind !== 'invoke' || r.call.arguments.some(mayBeRouter)),
  };
  cache.set(sf, out);
  return out;
}

/** `x.route('/p').all(a).get(b).post(c)` seen from its outermost call. */
function routeChain(outer: ts.CallExpression): Extract<Registration, { kind: 'routeChain' }> | undefined {
  const calls: { method: string; call: ts.CallExpression; name: ts.Node }[] = [];
  let n: ts.Expression = outer;
  for (;;) {
    const u = unwrap(n);
    if (!ts.isCallExpression(u)) return undefined;
    const callee = unwrap(u.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const name = callee.name.text;
    if (name === 'route') {
      if (calls.length === 0 || u.arguments.length !== 1) return undefined;
      return { kind: 'routeChain', receiver: callee.expression, path: u.arguments[0], calls };
    }
    if (!(ROUTE_METHODS as readonly string[]).includes(name)) return undefined;
    calls.unshift({ method: name, call: u, name: callee.name });
    n = callee.expression;
  }
}

export function isRouteMethod(m: string): m is (typeof ROUTE_METHODS)[number] {
  return (ROUTE_METHODS as readonly string[]).includes(m);
}

export { memberName };
