/**
 * Linking: turns the per-file registrations into apps and routers with ordered stacks, then walks
 * every app the way Express dispatches a request. Middleware registered with `use()` applies to
 * routes registered after it and under its path; a mounted router sees its parent's middleware
 * registered before the mount; `router.param` applies to that router's routes with the parameter;
 * `all('*', mw)` acts as middleware for what follows. The result is one RouteFacts per route.
 */
import ts from 'typescript';
import { known, unknown, type AuthFacts, type HttpMethod, type Known, type Operation, type OperationParam } from '../../model/operation';
import type { EngineSettings } from '../../settings';
import type { FilePath } from '../../types';
import { literalString, shortText, unwrap, walk, type FunctionNode } from '../ast';
import type { FactMemo } from '../memo';
import { MiddlewareClassifier, spanOf } from '../middleware/classify';
import type { ChainEntry, HandlerRef, MiddlewareInfo, RouteFacts } from '../route-facts';
import { fnName, Resolver, type Env, type Value } from '../values';
import { collectExpress, isRouteMethod } from './collect';
import { explainMissing } from './explain';
import { covers, dynamic, dynamicReason, parsePath, render, type Match, type Segment } from './paths';
import { safeRegExpTest } from '../../util/wildcard';

interface Instance {
  key: ts.Node;
  kind: 'app' | 'router' | 'param';
  label: string;
  stack: StackItem[];
  params: { name: string; handler: ts.Expression }[];
}

type StackItem =
  | { kind: 'use'; call: ts.CallExpression; pathArg?: ts.Expression; args: ts.Expression[] }
  | { kind: 'route'; call: ts.CallExpression; method: string; nameNode: ts.Node; pathArg: ts.Expression; args: ts.Expression[]; chained: boolean }
  | { kind: 'invoke'; call: ts.CallExpression; fn: FunctionNode; index: number };

/** A middleware registration as seen while walking (kept for explanations). */
export interface Applied {
  entry: ChainEntry;
  scope: Segment[];
  prefix: boolean;
  method?: string;
  seq: number;
  lineage: number[];
  instanceLabel: string;
  /** `file.ts:12`, for messages. */
  where: string;
}

export interface RouteRecord {
  facts: RouteFacts;
  full: Segment[];
  seq: number;
  lineage: number[];
  method: string;
}

export interface ExpressModel {
  routes: RouteRecord[];
  applied: Applied[];
  /** Route-level auth middleware, by name, with the number of routes using it. */
  routeLevelAuth: Map<string, { count: number; info: MiddlewareInfo; expr: ts.Expression }>;
  instances: number;
  /** The resolver and classifier of this build, reused by rules (memoized). */
  resolver: Resolver;
  classifier: MiddlewareClassifier;
  /** Files that register something on an app, router or parameter instance. */
  contributing: ReadonlySet<FilePath>;
}

interface WalkCtx {
  prefix: Segment[];
  inherited: Applied[];
  lineage: number[];
  keys: ts.Node[];
  unmounted?: string;
  /** Arguments bound to the parameters of the functions that registered these routes (`register(app, passport)`). */
  env?: Env;
}

/** The app, router or parameter instance a value denotes (what registrations attach to), if any. */
function instanceKey(v: Value): { kind: Instance['kind']; key: ts.Node } | undefined {
  let kind: Instance['kind'] | undefined;
  let key: ts.Node | undefined;
  if (v.kind === 'external') {
    const path = v.path.filter((p) => p !== 'default').join('.');
    if (v.module === 'express' && path === '()') kind = 'app';
    else if (v.module === 'express' && (path === 'Router.()' || path === 'Router')) kind = 'router';
    else if ((v.module === 'express-promise-router' || v.module === 'express-async-router') && path === '()') kind = 'router';
    key = v.node;
    if (kind && path === 'Router') return undefined; // the Router function itself, not an instance
  } else if (v.kind === 'param') {
    kind = 'param';
    key = v.decl;
  }
  return kind && key ? { kind, key } : undefined;
}

/**
 * Whether a file registers anything on an app, router or parameter instance (what step 1 of
 * linkExpress reads from it); files that do not contribute nothing to the model.
 */
export function registersOnInstance(sf: ts.SourceFile, resolver: Resolver): boolean {
  for (const r of collectExpress(sf).registrations) {
    if (r.kind === 'method' || r.kind === 'routeChain') {
      if (instanceKey(resolver.resolve(r.receiver))) return true;
    } else {
      if (resolver.resolve(r.call.expression).kind !== 'function') continue;
      if (r.call.arguments.some((a) => !ts.isSpreadElement(a) && instanceKey(resolver.resolve(a)))) return true;
    }
  }
  return false;
}

export function linkExpress(files: ReadonlyMap<FilePath, { sourceFile: ts.SourceFile }>, settings: EngineSettings, memo?: FactMemo): ExpressModel {
  const resolver = new Resolver(files);
  const classifier = new MiddlewareClassifier(resolver, settings);
  const instances = new Map<ts.Node, Instance>();
  const mounted = new Set<ts.Node>();
  const describeCache = new Map<ts.Node, MiddlewareInfo>();

  const instanceOf = (v: Value): Instance | undefined => {
    const found = instanceKey(v);
    if (!found) return undefined;
    const { kind, key } = found;
    let inst = instances.get(key);
    if (!inst) {
      const sf = key.getSourceFile();
      const line = sf.getLineAndCharacterOfPosition(key.getStart(sf)).line + 1;
      const holder = key.parent && ts.isVariableDeclaration(key.parent) && ts.isIdentifier(key.parent.name) ? key.parent.name.text
        : ts.isParameter(key) && ts.isIdentifier(key.name) ? key.name.text : kind;
      inst = { key, kind, label: `${holder} (${baseName(sf.fileName)}:${line})`, stack: [], params: [] };
      instances.set(key, inst);
    }
    return inst;
  };

  // 1. build stacks, file by file, in source order
  const contributing = new Set<FilePath>();
  for (const path of [...files.keys()].sort()) {
    const sf = files.get(path)!.sourceFile;
    for (const r of collectExpress(sf).registrations) {
      if (r.kind === 'method') {
        const inst = instanceOf(resolver.resolve(r.receiver));
        if (!inst) continue;
        contributing.add(path);
        const args = [...r.call.arguments];
        if (r.method === 'use') {
          const first = args[0];
          const isPath = first && isPathArg(first, resolver);
          inst.stack.push({ kind: 'use', call: r.call, pathArg: isPath ? first : undefined, args: isPath ? args.slice(1) : args });
        } else if (r.method === 'param') {
          const name = literalString(args[0]);
          if (name !== undefined) inst.params.push({ name, handler: args[1] });
        } else if (isRouteMethod(r.method)) {
          inst.stack.push({ kind: 'route', call: r.call, method: r.method, nameNode: r.name, pathArg: args[0], args: args.slice(1), chained: false });
        }
      } else if (r.kind === 'routeChain') {
        const inst = instanceOf(resolver.resolve(r.receiver));
        if (!inst) continue;
        contributing.add(path);
        for (const c of r.calls) {
          inst.stack.push({ kind: 'route', call: c.call, method: c.method, nameNode: c.name, pathArg: r.path, args: [...c.call.arguments], chained: true });
        }
      } else {
        const fnv = resolver.resolve(r.call.expression);
        if (fnv.kind !== 'function') continue;
        r.call.arguments.forEach((a, index) => {
          if (ts.isSpreadElement(a)) return;
          const inst = instanceOf(resolver.resolve(a));
          if (inst) contributing.add(path);
          if (inst && index < fnv.node.parameters.length) inst.stack.push({ kind: 'invoke', call: r.call, fn: fnv.node, index });
        });
      }
    }
  }

  const describe = (expr: ts.Expression, env?: Env): MiddlewareInfo => {
    if (env?.size) return classifier.describe(expr, env);
    let d = describeCache.get(expr);
    if (!d) {
      // what a middleware does is read from its file and the files it imports: kept across builds
      d = memo ? memo.get('express.describe', expr, () => classifier.describe(expr)) : classifier.describe(expr);
      describeCache.set(expr, d);
    }
    return d;
  };

  // 2. walk from every app (then from routers nobody mounts)
  const model: ExpressModel = { routes: [], applied: [], routeLevelAuth: new Map(), instances: instances.size, resolver, classifier, contributing };
  let seq = 0;
  let visitId = 0;

  const flatten = (args: readonly ts.Expression[]): ts.Expression[] => {
    const out: ts.Expression[] = [];
    const add = (e: ts.Expression, depth: number): void => {
      const u = unwrap(e);
      if (ts.isSpreadElement(u)) return add(u.expression, depth);
      if (depth < 4) {
        if (ts.isArrayLiteralExpression(u)) { u.elements.forEach((x) => add(x, depth + 1)); return; }
        const v = resolver.resolve(u);
        if (v.kind === 'array') { v.elements.forEach((x) => add(x, depth + 1)); return; }
      }
      out.push(u);
    };
    args.forEach((a) => add(a, 0));
    return out;
  };

  const walkInstance = (inst: Instance, ctx: WalkCtx, local: Applied[], params: Instance['params']): void => {
    const via: ChainEntry['via'] = inst.kind === 'app' ? 'app' : 'router';
    for (const item of inst.stack) {
      seq++;
      if (item.kind === 'use') {
        const paths = item.pathArg ? pathList(item.pathArg, resolver) : [[]];
        for (const arg of flatten(item.args)) {
          const child = instanceOf(resolver.resolve(arg));
          for (const p of paths) {
            const scope = [...ctx.prefix, ...p];
            if (child && child.kind !== 'param') {
              mounted.add(child.key);
              if (ctx.keys.includes(child.key)) continue;
              const id = ++visitId;
              walkInstance(child, { prefix: scope, inherited: [...ctx.inherited, ...local], lineage: [...ctx.lineage, id], keys: [...ctx.keys, child.key], unmounted: ctx.unmounted }, [], child.params);
              continue;
            }
            const info = describe(arg, ctx.env);
            const a: Applied = { entry: { ...info, at: spanOf(arg), via }, scope, prefix: true, seq, lineage: ctx.lineage, instanceLabel: inst.label, where: whereOf(arg) };
            local.push(a);
            model.applied.push(a);
          }
        }
      } else if (item.kind === 'invoke') {
        const param = item.fn.parameters[item.index];
        const target = instances.get(param);
        if (!target || ctx.keys.includes(param)) continue;
        mounted.add(param);
        const env = new Map(ctx.env ?? []);
        item.fn.parameters.forEach((p, i) => {
          const a = item.call.arguments[i];
          if (a && !ts.isSpreadElement(a)) env.set(p, a);
        });
        walkInstance(target, { ...ctx, keys: [...ctx.keys, param], env }, local, [...params, ...target.params]);
      } else {
        const handlers = flatten(item.args);
        if (handlers.length === 0) continue;
        const infos = handlers.map((h) => describe(h, ctx.env));
        const middlewareOnly = handlers.every((h, i) => callsNextOnly(h, infos[i], resolver));
        for (const p of pathList(item.pathArg, resolver)) {
          const full = [...ctx.prefix, ...p];
          if (middlewareOnly) {
            handlers.forEach((h, i) => {
              const a: Applied = { entry: { ...infos[i], at: spanOf(h), via }, scope: full, prefix: false, method: item.method, seq, lineage: ctx.lineage, instanceLabel: inst.label, where: whereOf(h) };
              local.push(a);
              model.applied.push(a);
            });
            continue;
          }
          model.routes.push(buildRoute(item, p, full, handlers, infos, ctx, local, params, seq));
        }
      }
    }
  };

  const buildRoute = (
    item: Extract<StackItem, { kind: 'route' }>, own: Segment[], full: Segment[], handlers: ts.Expression[], infos: MiddlewareInfo[],
    ctx: WalkCtx, local: Applied[], params: Instance['params'], at: number,
  ): RouteRecord => {
    const method = item.method;
    const fullPath = render(full);
    const chain: ChainEntry[] = [];
    const maybe: ChainEntry[] = [];
    const skipped: string[] = [];
    for (const a of [...ctx.inherited, ...local]) {
      if (a.method && a.method !== 'all' && a.method !== method) continue;
      const m: Match = covers(a.scope, full, a.prefix);
      if (m === 'no') continue;
      if (a.entry.unless && matchesUnless(a.entry.unless, fullPath)) {
        skipped.push(`\`${a.entry.name}\` skips ${fullPath} (\`unless\`)`);
        continue;
      }
      if (m === 'maybe') maybe.push(a.entry);
      else chain.push(a.entry);
    }
    const ownParams = new Set(own.filter((s): s is Extract<Segment, { kind: 'param' }> => s.kind === 'param').map((s) => s.name));
    for (const p of params) {
      if (ownParams.has(p.name)) chain.push({ ...describe(p.handler, ctx.env), at: spanOf(p.handler), via: 'param' });
    }
    handlers.slice(0, -1).forEach((h, i) => {
      const e: ChainEntry = { ...infos[i], at: spanOf(h), via: 'route' };
      chain.push(e);
      if (e.kind === 'authentication' || e.kind === 'authorization') {
        const r = model.routeLevelAuth.get(e.name);
        if (r) r.count++;
        else model.routeLevelAuth.set(e.name, { count: 1, info: infos[i], expr: h });
      }
    });
    const last = handlers[handlers.length - 1];
    const handler = handlerOf(last, resolver);
    const guard = !handler ? undefined
      : memo ? memo.get('express.handlerGuard', handler.node, () => classifier.handlerGuard(handler.node)) : classifier.handlerGuard(handler.node);
    if (guard) chain.push({ kind: guard.kind, name: 'inline check', evidence: guard.evidence, at: spanOf(guard.at), via: 'guard', roles: guard.roles });

    const sf = item.call.getSourceFile();
    const atNode = item.chained ? item.nameNode : pathNode(item.pathArg, own);
    const operation: Operation = {
      method: (method === 'all' ? 'all' : method) as HttpMethod,
      path: fullPath,
      source: 'express',
      at: { file: sf.fileName, range: { start: atNode.getStart(sf), end: atNode.getEnd() } },
      ...(handler ? { handler: { file: handler.file, range: { start: handler.node.getStart(handler.node.getSourceFile()), end: handler.node.getEnd() } } } : {}),
      params: full.filter((s): s is Extract<Segment, { kind: 'param' }> => s.kind === 'param').map<OperationParam>((s) => ({ name: s.name, in: 'path' })),
      auth: unknown('not decided yet'),
      rateLimit: rateLimitOf(chain, maybe),
    };
    const insertTarget = item.chained ? item.call.arguments[0] : item.args[0];
    const facts: RouteFacts = {
      operation,
      framework: 'express',
      chain,
      ...(handler ? { handler } : {}),
      authorization: authorizationOf(chain, maybe),
      ...(insertTarget ? { insertMiddlewareAt: { file: sf.fileName, offset: insertTarget.getStart(sf), before: true } } : {}),
      registration: item.call,
    };
    const record: RouteRecord = { facts, full, seq: at, lineage: ctx.lineage, method };
    operation.auth = authOf(record, maybe, skipped, handler, last, ctx);
    return record;
  };

  // an app mounted in another app (`app.use('/admin', adminApp)`) is walked from its parent only
  const subApps = new Set<ts.Node>();
  for (const inst of instances.values()) {
    for (const item of inst.stack) {
      if (item.kind !== 'use') continue;
      for (const arg of flatten(item.args)) {
        const child = instanceOf(resolver.resolve(arg));
        if (child?.kind === 'app' && child !== inst) subApps.add(child.key);
      }
    }
  }
  for (const inst of instances.values()) {
    if (inst.kind !== 'app' || subApps.has(inst.key)) continue;
    const id = ++visitId;
    walkInstance(inst, { prefix: [], inherited: [], lineage: [id], keys: [inst.key] }, [], inst.params);
  }
  for (const inst of instances.values()) {
    if ((inst.kind === 'app' && !subApps.has(inst.key)) || mounted.has(inst.key)) continue;
    const id = ++visitId;
    const reason = inst.kind !== 'param'
      ? `the router ${inst.label} is not mounted by any app in the workspace, so middleware added where it is mounted is unknown`
      : `the routes are registered on a parameter of ${fnName(inst.key.parent)} and its callers are not in the workspace`;
    walkInstance(inst, { prefix: [], inherited: [], lineage: [id], keys: [inst.key], unmounted: reason }, [], inst.params);
  }

  // 3. explanations need the whole picture (auth registered after a route, elsewhere, …)
  for (const r of model.routes) {
    const a = r.facts.operation.auth;
    if (a.known && !a.value.required) a.value.evidence = explainMissing(r, model, a.value.evidence);
  }
  return model;
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

export function whereOf(node: ts.Node): string {
  const sf = node.getSourceFile();
  return `${baseName(sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
}

/** Is the first argument of `use()` a path (string, array of strings, regex, computed string)? */
function isPathArg(e: ts.Expression, resolver: Resolver): boolean {
  const u = unwrap(e);
  if (literalString(u) !== undefined || ts.isTemplateExpression(u) || ts.isRegularExpressionLiteral(u)) return true;
  if (ts.isArrayLiteralExpression(u)) return u.elements.length > 0 && u.elements.every((x) => isPathArg(x, resolver));
  if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.PlusToken) return true;
  const v = resolver.resolve(u);
  return v.kind === 'literal';
}

function pathList(e: ts.Expression, resolver: Resolver): Segment[][] {
  const u = unwrap(e);
  const s = literalString(u);
  if (s !== undefined) return [parsePath(s)];
  if (ts.isArrayLiteralExpression(u)) return u.elements.flatMap((x) => pathList(x, resolver));
  if (ts.isRegularExpressionLiteral(u)) return [dynamic(`the path is the regular expression ${u.text}`)];
  if (ts.isIdentifier(u) || ts.isPropertyAccessExpression(u)) {
    const v = resolver.resolve(u);
    if (v.kind === 'literal') {
      const t = literalString(v.node);
      if (t !== undefined) return [parsePath(t)];
    }
    if (v.kind === 'array') return v.elements.flatMap((x) => pathList(x, resolver));
  }
  if (ts.isTemplateExpression(u)) {
    // `${prefix}/users`: constant parts are kept, computed parts become one unknown segment
    let text = u.head.text;
    for (const span of u.templateSpans) {
      const v = resolver.resolve(span.expression);
      const t = v.kind === 'literal' ? literalString(v.node) : undefined;
      text += (t ?? '\u0000') + span.literal.text;
    }
    if (!text.includes('\u0000')) return [parsePath(text)];
    return [parsePath(text).map((seg) => (seg.kind === 'lit' && seg.value.includes('\u0000') ? { kind: 'dyn', reason: `\`${shortText(u, 40)}\` is computed` } : seg))];
  }
  return [dynamic(`the path \`${shortText(u, 40)}\` is computed at run time`)];
}

function pathNode(e: ts.Expression, own: Segment[]): ts.Node {
  const u = unwrap(e);
  if (ts.isArrayLiteralExpression(u)) {
    const text = render(own);
    return u.elements.find((x) => { const s = literalString(x); return s !== undefined && render(parsePath(s)) === text; }) ?? u;
  }
  return e;
}

function matchesUnless(unless: (string | RegExp)[], path: string): boolean {
  // A regular expression from the workspace runs only when it cannot backtrack catastrophically
  // (`/^(a+)+$/` would freeze the server); one that might counts as not matching.
  return unless.some((u) => (typeof u === 'string' ? render(parsePath(u)) === path : safeRegExpTest(u, path) === true));
}

/** Middleware-only route registrations (`app.all('*', requireAuth)`) act like `use()`. */
function callsNextOnly(h: ts.Expression, info: MiddlewareInfo, resolver: Resolver): boolean {
  if (info.library) return info.kind !== 'unknown';
  const v = resolver.resolve(h);
  const fn = v.kind === 'function' ? v.node : info.fn;
  if (!fn) return false;
  const p = fn.parameters[2];
  if (!p || !ts.isIdentifier(p.name) || !fn.body) return false;
  if (info.kind === 'authentication' || info.kind === 'authorization' || info.kind === 'rate-limit') return true;
  const nextName = p.name.text;
  let calls = false;
  walk(fn.body, (n) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === nextName && n.arguments.length === 0) calls = true;
  });
  return calls;
}

/** The function that handles the request, through wrappers (`asyncHandler(fn)`, `catchAsync(fn)`). */
export function handlerOf(e: ts.Expression, resolver: Resolver): HandlerRef | undefined {
  let v = resolver.resolve(e);
  for (let i = 0; i < 3; i++) {
    if (v.kind === 'external' && v.call) {
      const inner = v.call.arguments.map((a) => resolver.resolve(a)).find((x) => x.kind === 'function');
      if (!inner) return undefined;
      v = inner;
      continue;
    }
    if (v.kind !== 'function') return undefined;
    // a project wrapper's closure that calls a bound function with the request: the bound function
    if (v.env?.size) {
      const body = v.node.body;
      let inner: Value | undefined;
      if (body) {
        const visit = (n: ts.Node): void => {
          if (inner) return;
          if (ts.isCallExpression(n) && ts.isIdentifier(unwrap(n.expression))) {
            const r = resolver.resolve(n.expression, v.kind === 'function' ? v.env : undefined);
            if (r.kind === 'function' && r.node !== (v as { node: ts.Node }).node) inner = r;
          }
          ts.forEachChild(n, visit);
        };
        visit(body);
      }
      if (inner) { v = inner; continue; }
    }
    return { file: v.node.getSourceFile().fileName, node: v.node, ...(v.env ? { env: v.env } : {}) };
  }
  return v.kind === 'function' ? { file: v.node.getSourceFile().fileName, node: v.node } : undefined;
}

function rateLimitOf(chain: ChainEntry[], maybe: ChainEntry[]): Known<boolean> {
  if (chain.some((e) => e.kind === 'rate-limit')) return known(true);
  const u = chain.find((e) => e.kind === 'unknown') ?? maybe.find((e) => e.kind === 'rate-limit' || e.kind === 'unknown');
  if (u) return unknown(u.evidence);
  return known(false);
}

function authorizationOf(chain: ChainEntry[], maybe: ChainEntry[]): Known<{ by: string[]; evidence: string }> {
  const z = chain.filter((e) => e.kind === 'authorization');
  if (z.length) return known({ by: z.map((e) => e.name), evidence: z.map((e) => e.evidence).join('; ') });
  const u = chain.find((e) => e.kind === 'unknown') ?? maybe.find((e) => e.kind === 'authorization' || e.kind === 'unknown');
  if (u) return unknown(u.evidence);
  return known({ by: [], evidence: 'no role or permission check runs before or in the handler' });
}

function authOf(r: RouteRecord, maybe: ChainEntry[], skipped: string[], handler: HandlerRef | undefined, last: ts.Expression, ctx: WalkCtx): Known<AuthFacts> {
  const chain = r.facts.chain;
  const auth = chain.filter((e) => e.kind === 'authentication' || e.kind === 'authorization');
  if (auth.length) {
    return known({ required: true, by: auth.map((e) => e.name), evidence: auth.map((e) => (e.evidence.startsWith('`') || e.via === 'guard' ? e.evidence : `\`${e.name}\`: ${e.evidence}`)).join('; ') });
  }
  const unknownEntry = chain.find((e) => e.kind === 'unknown');
  if (unknownEntry) return unknown(`cannot tell whether \`${unknownEntry.name}\` authenticates: ${unknownEntry.evidence}`);
  const maybeEntry = maybe.find((e) => e.kind === 'authentication' || e.kind === 'authorization' || e.kind === 'unknown');
  if (maybeEntry) return unknown(`cannot tell whether \`${maybeEntry.name}\` applies: ${dynamicReason(r.full) ?? 'a mount path is computed'}`);
  if (!handler) return unknown(`the handler \`${shortText(last, 40)}\` cannot be read, so a check inside it cannot be ruled out`);
  if (ctx.unmounted) return unknown(ctx.unmounted);
  const before = chain.filter((e) => e.via !== 'guard');
  const parts: string[] = [];
  parts.push(before.length ? `only ${before.map((e) => `\`${e.name}\``).join(', ')} run${before.length === 1 ? 's' : ''} before the handler` : 'no middleware runs before the handler');
  for (const e of before) if (e.kind === 'identify') parts.push(e.evidence);
  parts.push(...skipped);
  // excluded on purpose (express-jwt `unless`): public by design
  return known({ required: false, by: [], evidence: parts.join('; '), ...(skipped.length ? { explicitlyPublic: true } : {}) });
}
