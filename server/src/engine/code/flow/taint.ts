/**
 * Where a value comes from, inside a handler and the project functions it calls: request data
 * (`req.params.id`, `req.body`, `req.query.url`, headers, cookies), the authenticated principal
 * (`req.user`, the session user, `res.locals.user`), or neither. Values are followed through local
 * variables, destructuring, string building, conversions and calls into project helpers and
 * services in other files (their parameters bound to the caller's arguments). Syntactic and
 * bounded: what it cannot follow is simply not a source, so rules stay quiet rather than guess.
 */
import ts from 'typescript';
import { dottedName, isFunctionNode, literalString, memberName, unwrap, type FunctionNode } from '../ast';
import type { CodeProject } from '../project';
import type { RouteFacts } from '../route-facts';
import { bindingPath, declarationOf } from '../scope';
import { Resolver, returnedExpressions } from '../values';

export type SourceKind = 'params' | 'query' | 'body' | 'headers' | 'cookies' | 'request' | 'principal';

export interface Taint {
  kind: SourceKind;
  /** Property path below the source: `req.body.user.name` -> ['user', 'name']. */
  path: string[];
  /** How the code wrote it, for messages: `req.params.id`. */
  text: string;
  /** The whole `req.body`/`req.query` object (or a copy of it). */
  whole?: boolean;
  /** Went through Number()/parseInt()/ObjectId(): no longer an arbitrary string or object. */
  converted?: boolean;
  /** Built into a larger string (template, concatenation). */
  built?: boolean;
  /** `const { a, ...rest } = req.body`: everything but some fields. */
  rest?: boolean;
  /** Certainly a string now (String(), a template, a string method): no longer an object. */
  stringified?: boolean;
}

/** What a parameter of the analysed function holds. */
export type ParamRole = { role: 'request' } | { role: 'response' } | { role: 'value'; taint: Taint };

export interface FlowContext {
  fn: FunctionNode;
  params: Map<ts.ParameterDeclaration, ParamRole>;
  depth: number;
  /** The call that led into this function (for messages), outermost first. */
  via: ts.CallExpression[];
}

const REQUEST_PARTS: Record<string, SourceKind> = {
  params: 'params', query: 'query', body: 'body', headers: 'headers', cookies: 'cookies', signedCookies: 'cookies',
};
const REQUEST_STRINGS = new Set(['url', 'originalUrl', 'path', 'hostname', 'ip', 'baseUrl']);
const PRINCIPAL_PARTS = new Set(['user', 'auth', 'currentUser', 'principal', 'userId']);
const STRING_METHODS = new Set([
  'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toString', 'split', 'slice', 'substring', 'substr', 'replace',
  'replaceAll', 'concat', 'join', 'padStart', 'padEnd', 'normalize', 'valueOf', 'at', 'toLocaleLowerCase', 'toLocaleUpperCase',
]);
const CONVERTERS = /^(Number|parseInt|parseFloat|BigInt|ObjectId|isValidObjectId|Boolean|toNumber|uuidValidate)$/;
const MAX_DEPTH = 3;

const contexts = new WeakMap<RouteFacts, FlowContext | null>();

/** The flow context for a route's handler (Express `(req, res)`, or Nest's decorated inputs); one per route. */
export function handlerContext(facts: RouteFacts): FlowContext | undefined {
  let c = contexts.get(facts);
  if (c === undefined) contexts.set(facts, (c = buildHandlerContext(facts) ?? null));
  return c ?? undefined;
}

function buildHandlerContext(facts: RouteFacts): FlowContext | undefined {
  const h = facts.handler;
  if (!h) return undefined;
  const params = new Map<ts.ParameterDeclaration, ParamRole>();
  if (facts.inputs) {
    for (const i of facts.inputs) {
      if (i.source === 'request') params.set(i.param, { role: 'request' });
      else if (i.source === 'response') params.set(i.param, { role: 'response' });
      else {
        const text = i.param.name.getText();
        params.set(i.param, { role: 'value', taint: { kind: i.source, path: i.name ? [i.name] : [], text, whole: !i.name && (i.source === 'body' || i.source === 'query') } });
      }
    }
  } else {
    const [p0, p1] = h.node.parameters;
    if (p0) params.set(p0, { role: 'request' });
    if (p1) params.set(p1, { role: 'response' });
  }
  return { fn: h.node, params, depth: 0, via: [] };
}

export class Flow {
  private readonly active = new Set<ts.Node>();
  private cycles = 0;
  /** Results per context and node: rules ask the same questions about the same handlers. */
  private readonly memo = new WeakMap<FlowContext, Map<ts.Node, Taint | null>>();
  private readonly callLists = new WeakMap<FlowContext, [ts.CallExpression | ts.NewExpression, FlowContext][]>();
  private readonly children = new WeakMap<FlowContext, Map<ts.Node, FlowContext | null>>();

  constructor(readonly resolver: Resolver) {}

  /** The request source of a value (request data wins over the principal in mixes). */
  source(expr: ts.Expression, ctx: FlowContext): Taint | undefined {
    const e = unwrap(expr);
    let m = this.memo.get(ctx);
    if (!m) this.memo.set(ctx, (m = new Map()));
    const hit = m.get(e);
    if (hit !== undefined) return hit ?? undefined;
    if (this.active.has(e)) {
      this.cycles++;
      return undefined;
    }
    this.active.add(e);
    const before = this.cycles;
    try {
      const t = this.compute(e, ctx);
      if (this.cycles === before) m.set(e, t ?? null); // answers cut short by a cycle are not kept
      return t;
    } finally {
      this.active.delete(e);
    }
  }

  /** Request data only (never the principal). */
  requestSource(expr: ts.Expression, ctx: FlowContext): Taint | undefined {
    const t = this.source(expr, ctx);
    return t && t.kind !== 'principal' ? t : undefined;
  }

  isRequestObject(expr: ts.Expression, ctx: FlowContext): boolean {
    const e = unwrap(expr);
    if (!ts.isIdentifier(e)) return false;
    const d = declarationOf(e);
    if (d && ts.isParameter(d)) return ctx.params.get(d)?.role === 'request';
    if (d && ts.isVariableDeclaration(d) && d.initializer) return this.isRequestObject(d.initializer, ctx);
    return false;
  }

  private isResponseObject(expr: ts.Expression, ctx: FlowContext): boolean {
    const e = unwrap(expr);
    if (!ts.isIdentifier(e)) return false;
    const d = declarationOf(e);
    return !!d && ts.isParameter(d) && ctx.params.get(d)?.role === 'response';
  }

  private compute(e: ts.Expression, ctx: FlowContext): Taint | undefined {
    if (ts.isIdentifier(e)) return this.identifier(e, ctx);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return this.member(e, ctx);
    if (ts.isCallExpression(e)) return this.call(e, ctx);
    if (ts.isNewExpression(e)) {
      const name = dottedName(e.expression)?.pop();
      const arg = e.arguments?.[0];
      if (name && CONVERTERS.test(name) && arg) {
        const t = this.source(arg, ctx);
        return t && { ...t, converted: true };
      }
      if (name === 'URL' && arg) {
        const t = this.source(arg, ctx);
        return t && { ...t, whole: false };
      }
      return undefined;
    }
    if (ts.isTemplateExpression(e)) {
      let found: Taint | undefined;
      for (const s of e.templateSpans) {
        const t = this.source(s.expression, ctx);
        if (t && (!found || (found.kind === 'principal' && t.kind !== 'principal'))) found = t;
      }
      return found && { ...found, whole: false, built: true, stringified: true };
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken) {
        const l = this.source(e.left, ctx);
        const r = this.source(e.right, ctx);
        const t = l && l.kind !== 'principal' ? l : r && r.kind !== 'principal' ? r : l ?? r;
        return t && { ...t, whole: false, built: true, stringified: true };
      }
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) return this.source(e.left, ctx) ?? this.source(e.right, ctx);
      if (op === ts.SyntaxKind.EqualsToken) return this.source(e.right, ctx);
      return undefined;
    }
    if (ts.isConditionalExpression(e)) return this.source(e.whenTrue, ctx) ?? this.source(e.whenFalse, ctx);
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.PlusToken) {
      const t = this.source(e.operand, ctx);
      return t && { ...t, converted: true };
    }
    if (ts.isObjectLiteralExpression(e)) {
      // `{ ...req.body }` is the whole body again
      for (const p of e.properties) {
        if (ts.isSpreadAssignment(p)) {
          const t = this.source(p.expression, ctx);
          if (t?.whole) return { ...t };
        }
      }
      return undefined;
    }
    return undefined;
  }

  private identifier(id: ts.Identifier, ctx: FlowContext): Taint | undefined {
    const d = declarationOf(id);
    if (!d) return undefined;
    if (ts.isParameter(d)) {
      const role = ctx.params.get(d);
      return role?.role === 'value' ? role.taint : undefined;
    }
    if (ts.isVariableDeclaration(d)) {
      if (d.initializer) return this.source(d.initializer, ctx);
      return this.assigned(id, d, ctx);
    }
    if (ts.isBindingElement(d)) {
      const bp = bindingPath(d);
      if (!bp) return undefined;
      let base: Taint | undefined;
      let fromRequest = false;
      if (ts.isParameter(bp.root)) {
        const role = ctx.params.get(bp.root);
        if (role?.role === 'request') fromRequest = true;
        else if (role?.role === 'value') base = role.taint;
      } else if (bp.root.initializer) {
        if (this.isRequestObject(bp.root.initializer, ctx)) fromRequest = true;
        else base = this.source(bp.root.initializer, ctx);
      }
      let path = bp.path;
      if (fromRequest) {
        const [part, ...rest] = path;
        base = this.requestPart(part, `req.${part}`);
        if (!base) return undefined;
        path = rest;
      }
      if (!base) return undefined;
      if (path.length && path[path.length - 1] === '*') {
        return { ...base, path: [...base.path, ...path.slice(0, -1)], text: base.text, rest: true, whole: base.whole && path.length === 1 };
      }
      return path.length ? { ...base, path: [...base.path, ...path], text: `${base.text}.${path.join('.')}`, whole: false } : base;
    }
    return undefined;
  }

  /** `let x; … x = req.body.y` (one assignment in the function). */
  private assigned(id: ts.Identifier, d: ts.VariableDeclaration, ctx: FlowContext): Taint | undefined {
    let found: Taint | undefined;
    const body = ctx.fn.body;
    if (!body) return undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === id.text && declarationOf(n.left) === d) {
        found = this.source(n.right, ctx);
      }
      ts.forEachChild(n, visit);
    };
    visit(body);
    return found;
  }

  private requestPart(part: string | undefined, text: string): Taint | undefined {
    if (part === undefined) return undefined;
    const kind = REQUEST_PARTS[part];
    if (kind) return { kind, path: [], text, whole: kind === 'body' || kind === 'query' };
    if (PRINCIPAL_PARTS.has(part)) return { kind: 'principal', path: [], text };
    if (part === 'session') return { kind: 'principal', path: [], text };
    if (REQUEST_STRINGS.has(part)) return { kind: 'request', path: [], text };
    return undefined;
  }

  private member(e: ts.PropertyAccessExpression | ts.ElementAccessExpression, ctx: FlowContext): Taint | undefined {
    const name = memberName(e);
    if (this.isRequestObject(e.expression, ctx)) {
      if (name === undefined) return undefined;
      return this.requestPart(name, e.getText());
    }
    if (this.isResponseObject(e.expression, ctx)) {
      return name === 'locals' ? { kind: 'principal', path: [], text: e.getText() } : undefined;
    }
    const base = this.source(e.expression, ctx);
    if (!base) return undefined;
    if (base.kind === 'principal' && base.text.endsWith('.session') && name && !/user|account|member|principal|uid/i.test(name)) {
      return undefined; // session data other than the user (cart, flash messages) is not the principal
    }
    if (name === 'length') return { ...base, converted: true, whole: false };
    return { ...base, path: name === undefined ? [...base.path, '*'] : [...base.path, name], text: e.getText(), whole: false };
  }

  private call(e: ts.CallExpression, ctx: FlowContext): Taint | undefined {
    const callee = unwrap(e.expression);
    const parts = dottedName(callee);
    const last = parts?.[parts.length - 1] ?? (ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined);
    const arg0 = e.arguments[0];
    if (last && CONVERTERS.test(last) && arg0) {
      const t = this.source(arg0, ctx);
      return t && { ...t, converted: true, whole: false };
    }
    if (ts.isPropertyAccessExpression(callee) && last && STRING_METHODS.has(last)) {
      const t = this.source(callee.expression, ctx);
      return t && { ...t, whole: false, stringified: last !== 'split' };
    }
    if (parts && (parts.join('.') === 'String' || parts.join('.') === 'decodeURIComponent' || parts.join('.') === 'decodeURI') && arg0) {
      const t = this.source(arg0, ctx);
      return t && { ...t, whole: false, stringified: true };
    }
    if (parts && parts.join('.') === 'JSON.parse' && arg0) {
      const t = this.source(arg0, ctx);
      return t && { ...t, whole: false, stringified: false };
    }
    if (parts && parts.length === 2 && (last === 'get' || last === 'header') && ts.isPropertyAccessExpression(callee) && this.isRequestObject(callee.expression, ctx)) {
      const h = arg0 && literalString(arg0);
      return { kind: 'headers', path: h ? [h.toLowerCase()] : [], text: e.getText() };
    }
    // a project helper: what it returns, with its parameters bound to our arguments
    if (ctx.depth >= MAX_DEPTH) return undefined;
    const child = this.enter(e, ctx);
    if (!child) return undefined;
    for (const r of returnedExpressions(child.fn)) {
      const t = this.source(r, child);
      if (t) return t;
    }
    return undefined;
  }

  /** The context inside a project function called at `call`, when the call passes something we track. */
  enter(call: ts.CallExpression | ts.NewExpression, ctx: FlowContext): FlowContext | undefined {
    if (ctx.depth >= MAX_DEPTH || !call.arguments?.length) return undefined;
    // one child context per call site and context, so memoized answers inside it are reused
    let byCall = this.children.get(ctx);
    if (!byCall) this.children.set(ctx, (byCall = new Map()));
    const hit = byCall.get(call);
    if (hit !== undefined) return hit ?? undefined;
    const child = this.computeEnter(call, ctx);
    byCall.set(call, child ?? null);
    return child;
  }

  private computeEnter(call: ts.CallExpression | ts.NewExpression, ctx: FlowContext): FlowContext | undefined {
    const v = this.resolver.resolve(call.expression);
    if (v.kind !== 'function' || !v.node.body || v.node === ctx.fn) return undefined;
    const params = new Map<ts.ParameterDeclaration, ParamRole>();
    let any = false;
    v.node.parameters.forEach((p, i) => {
      const a = call.arguments![i];
      if (!a || ts.isSpreadElement(a)) return;
      if (this.isRequestObject(a, ctx)) { params.set(p, { role: 'request' }); any = true; return; }
      if (this.isResponseObject(a, ctx)) { params.set(p, { role: 'response' }); return; }
      const t = this.source(a, ctx);
      if (t) { params.set(p, { role: 'value', taint: t }); any = true; }
    });
    return any ? { fn: v.node, params, depth: ctx.depth + 1, via: [...ctx.via, call as ts.CallExpression] } : undefined;
  }

  /**
   * Visits every call in the function (nested callbacks included) and, once per callee, the calls
   * inside project functions that receive request data or the principal.
   */
  forEachCall(ctx: FlowContext, visit: (call: ts.CallExpression | ts.NewExpression, ctx: FlowContext) => void): void {
    let list = this.callLists.get(ctx);
    if (!list) {
      list = [];
      this.collectCalls(ctx, list, new Set());
      this.callLists.set(ctx, list);
    }
    for (const [call, c] of list) visit(call, c);
  }

  private collectCalls(ctx: FlowContext, out: [ts.CallExpression | ts.NewExpression, FlowContext][], seen: Set<ts.Node>): void {
    const body = ctx.fn.body;
    if (!body || seen.has(ctx.fn)) return;
    seen.add(ctx.fn);
    const walkNode = (n: ts.Node): void => {
      if ((ts.isCallExpression(n) || ts.isNewExpression(n))) {
        out.push([n, ctx]);
        const child = this.enter(n, ctx);
        if (child) this.collectCalls(child, out, seen);
      }
      ts.forEachChild(n, walkNode);
    };
    walkNode(body);
  }

  /** Does the expression (or any part of it) involve the principal? */
  mentionsPrincipal(expr: ts.Node, ctx: FlowContext): boolean {
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isExpression(n) && (ts.isIdentifier(n) || ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n))) {
        const t = this.source(n, ctx);
        if (t?.kind === 'principal') { found = true; return; }
      }
      if (isFunctionNode(n)) return;
      ts.forEachChild(n, visit);
    };
    visit(expr);
    return found;
  }

  /** Request sources anywhere inside the expression. */
  requestSourcesIn(expr: ts.Node, ctx: FlowContext): { node: ts.Expression; taint: Taint }[] {
    const out: { node: ts.Expression; taint: Taint }[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isExpression(n) && (ts.isIdentifier(n) || ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n))) {
        const t = this.source(n, ctx);
        if (t && t.kind !== 'principal') { out.push({ node: n, taint: t }); return; }
      }
      if (isFunctionNode(n)) return;
      ts.forEachChild(n, visit);
    };
    visit(expr);
    return out;
  }
}

const flows = new WeakMap<object, Flow>();

/**
 * One Flow per build of the route models, shared by the rules (its resolver memo is the Express
 * model's). Keyed by what it reads, not by the CodeProject: a spec edit gives the same models a
 * new CodeProject (with the new pairing), and the answers about the code stay the same.
 */
export function flowFor(project: CodeProject): Flow {
  const key = project.express?.resolver ?? project.files;
  let f = flows.get(key);
  if (!f) {
    f = new Flow(project.express?.resolver ?? new Resolver(project.files));
    flows.set(key, f);
  }
  return f;
}
