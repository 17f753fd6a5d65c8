/**
 * Controllers and their handlers, with everything that applies to each route in the app that
 * serves it: full paths (global prefix and its exclusions, URI version, RouterModule path,
 * controller path, method path) and the guards, metadata and middleware that run, in Nest's
 * order (global, controller, handler; inherited from base controllers).
 */
import ts from 'typescript';
import { joinPaths, known, unknown, type AuthFacts, type HttpMethod, type Known, type Operation, type OperationParam } from '../../model/operation';
import type { CodeFile } from '../project';
import { emptyEffects, expandDecorator, type DecoratorEffects } from './decorators';
import type { GuardClassifier } from './guards';
import type { AuthDecision, ControllerInfo, GuardOutcome, GuardUse, HandlerParam, MetadataUse, MetaRead, MiddlewareUse, ModuleMiddleware, NestApp, NestRoute } from './model';
import { matchesPattern } from './paths';
import { versionList } from './bootstrap';
import { decoratorArgs, decoratorName, decoratorsOf, extendsExpression, literalString, objectProp, propertyName, unwrap } from './syntax';
import type { Workspace } from './workspace';

const ROUTE_DECORATORS: Record<string, HttpMethod> = {
  Get: 'get', Post: 'post', Put: 'put', Patch: 'patch', Delete: 'delete', All: 'all', Options: 'options', Head: 'head',
};
const PUBLIC_LOOKING = /public|anonymous|skip.?auth|no.?auth|unprotected|allow.?any|open|no.?guard|without.?auth|is.?public/i;

export interface ClassEffects {
  own: { decorator: ts.Decorator; effects: DecoratorEffects }[];
  /** Own and inherited, nearest first. */
  chain: { cls: ts.ClassLikeDeclaration; file: CodeFile; decorators: { decorator: ts.Decorator; effects: DecoratorEffects }[] }[];
}

export interface RouteContext {
  app?: NestApp;
  globalGuards: GuardUse[];
  moduleMiddleware: ModuleMiddleware[];
  appMiddleware: MiddlewareUse[];
  /** RouterModule path of the controller's module in this app. */
  modulePath: string;
}

export class RouteBuilder {
  private readonly effectsCache = new Map<ts.Node, { decorator: ts.Decorator; effects: DecoratorEffects }[]>();

  constructor(private readonly ws: Workspace, private readonly classifier: GuardClassifier) {}

  decoratorEffects(file: CodeFile, node: ts.Node): { decorator: ts.Decorator; effects: DecoratorEffects }[] {
    let e = this.effectsCache.get(node);
    if (!e) {
      e = decoratorsOf(node).map((d) => ({ decorator: d, effects: expandDecorator(this.ws, file, d) }));
      this.effectsCache.set(node, e);
    }
    return e;
  }

  /** The class and its workspace base classes, nearest first. */
  classChain(file: CodeFile, cls: ts.ClassLikeDeclaration): { cls: ts.ClassLikeDeclaration; file: CodeFile }[] {
    const out = [{ cls, file }];
    let cur = { cls, file };
    for (let i = 0; i < 8; i++) {
      const ext = extendsExpression(cur.cls);
      if (!ext) break;
      const r = this.ws.followAlias(this.ws.resolveExpression(cur.file, ext.expression));
      if (r.kind !== 'decl' || !ts.isClassDeclaration(r.node) || out.some((x) => x.cls === r.node)) break;
      cur = { cls: r.node, file: r.file };
      out.push(cur);
    }
    return out;
  }

  controllerInfo(file: CodeFile, cls: ts.ClassDeclaration): ControllerInfo | undefined {
    const own = this.decoratorEffects(file, cls);
    const c = own.find((x) => x.effects.controller)?.effects.controller;
    if (!c) return undefined;
    const info: ControllerInfo = { file, node: cls, name: cls.name?.text ?? 'AnonymousController', paths: [''] };
    const arg = c.args[0] ? unwrap(c.args[0]) : undefined;
    if (arg) {
      const paths = pathList(arg);
      if (paths) info.paths = paths;
      else if (ts.isObjectLiteralExpression(arg)) {
        const p = objectProp(arg, 'path');
        info.paths = (p && pathList(unwrap(p))) ?? [''];
        const v = objectProp(arg, 'version');
        if (v) info.versions = versionList(v);
        const h = objectProp(arg, 'host');
        if (h) info.host = literalString(h) ?? h.getText(c.file.sourceFile);
      } else info.paths = ['{dynamic}'];
    }
    return info;
  }

  /** Route handlers of a controller: its own decorated methods, then inherited ones not overridden. */
  handlers(ctrl: ControllerInfo): { file: CodeFile; method: ts.MethodDeclaration; decorator: ts.Decorator; httpMethod: HttpMethod; paths: string[] }[] {
    const out: ReturnType<RouteBuilder['handlers']> = [];
    const seen = new Set<string>();
    for (const { cls, file } of this.classChain(ctrl.file, ctrl.node)) {
      for (const m of cls.members) {
        if (!ts.isMethodDeclaration(m) || !m.name) continue;
        const name = propertyName(m.name) ?? m.name.getText(file.sourceFile);
        if (seen.has(name)) continue;
        seen.add(name);
        for (const d of decoratorsOf(m)) {
          const dn = decoratorName(d);
          if (!dn || !(dn in ROUTE_DECORATORS)) continue;
          const r = this.ws.resolveExpression(file, unwrap(d.expression).kind === ts.SyntaxKind.CallExpression ? (unwrap(d.expression) as ts.CallExpression).expression : d.expression);
          if (r.kind === 'decl' || r.kind === 'expr') continue; // a workspace function of the same name, not Nest's
          const arg = decoratorArgs(d)[0];
          const paths = arg ? (pathList(unwrap(arg)) ?? ['{dynamic}']) : [''];
          out.push({ file, method: m, decorator: d, httpMethod: ROUTE_DECORATORS[dn], paths });
        }
      }
    }
    return out;
  }

  classEffects(ctrl: ControllerInfo): ClassEffects {
    const chain = this.classChain(ctrl.file, ctrl.node).map(({ cls, file }) => ({ cls, file, decorators: this.decoratorEffects(file, cls) }));
    return { own: chain[0].decorators, chain };
  }

  buildRoutes(ctrl: ControllerInfo, ctx: RouteContext): NestRoute[] {
    const routes: NestRoute[] = [];
    const cls = this.classEffects(ctrl);
    for (const h of this.handlers(ctrl)) {
      const methodEffects = this.decoratorEffects(h.file, h.method);
      const merged = { cls: mergeEffects(cls.chain.flatMap((c) => c.decorators.map((d) => d.effects))), method: mergeEffects(methodEffects.map((d) => d.effects)) };
      const guards: GuardUse[] = [...ctx.globalGuards];
      for (const c of cls.chain) {
        for (const d of c.decorators) {
          for (const g of d.effects.guards) {
            guards.push({
              guard: this.classifier.classify(g.file, g.expr), level: 'controller', conditional: g.conditional,
              where: `${viaText(d.decorator, c.file)} on ${c.cls.name?.text ?? 'the class'}${c.cls !== ctrl.node ? ' (inherited)' : ''}`,
              at: spanOf(g.file, g.expr),
            });
          }
        }
      }
      for (const d of methodEffects) {
        for (const g of d.effects.guards) {
          guards.push({ guard: this.classifier.classify(g.file, g.expr), level: 'handler', conditional: g.conditional, where: `${viaText(d.decorator, h.file)} on the method`, at: spanOf(g.file, g.expr) });
        }
      }
      const metadata: MetadataUse[] = [];
      for (const c of cls.chain) for (const d of c.decorators) for (const m of d.effects.metadata) metadata.push({ key: m.key, level: 'controller', via: viaText(d.decorator, c.file), conditional: m.conditional, args: m.args });
      for (const d of methodEffects) for (const m of d.effects.metadata) metadata.push({ key: m.key, level: 'handler', via: viaText(d.decorator, h.file), conditional: m.conditional, args: m.args });
      const versions = this.versionsFor(merged.method, ctrl, ctx);
      const params = handlerParams(h.method, h.file);
      const skipThrottle = merged.method.skipThrottle || (merged.cls.skipThrottle && !explicitlyUnskipped(methodEffects));
      for (const cp of ctrl.paths) {
        for (const mp of h.paths) {
          for (const v of versions) {
            const local = joinPaths(ctx.modulePath, cp, mp);
            const prefixed = ctx.app?.globalPrefix && !excludedFromPrefix(ctx.app.globalPrefix.exclude, local, h.httpMethod) ? ctx.app.globalPrefix.prefix : '';
            const path = joinPaths(prefixed, v, ctx.modulePath, cp, mp);
            const middleware = coveringMiddleware(ctx, ctrl, local, path, h.httpMethod);
            const decision = decide(guards, metadata, middleware, merged);
            const op: Operation = {
              method: h.httpMethod,
              path,
              source: 'nestjs',
              at: spanOf(h.file, h.decorator),
              handler: spanOf(h.file, h.method.name),
              params: operationParams(path, params),
              auth: decision.auth,
              rateLimit: rateLimitOf(guards, skipThrottle, ctx),
              operationId: `${ctrl.name}.${propertyName(h.method.name) ?? 'handler'}`,
            };
            routes.push({
              operation: op, controller: ctrl, file: h.file, method: h.method, decorator: h.decorator, app: ctx.app,
              guards, metadata, middleware,
              apiAuthDocs: [
                ...cls.chain.flatMap((c) => c.decorators.flatMap((d) => d.effects.apiAuth.map((name) => ({ name, level: 'controller' as const, decorator: d.decorator, file: c.file })))),
                ...methodEffects.flatMap((d) => d.effects.apiAuth.map((name) => ({ name, level: 'handler' as const, decorator: d.decorator, file: h.file }))),
              ],
              skipThrottle,
              throttle: merged.method.throttle || merged.cls.throttle,
              pipes: [...merged.cls.pipes, ...merged.method.pipes],
              params,
              decision: decision.decision,
            });
          }
        }
      }
    }
    return routes;
  }

  private versionsFor(method: DecoratorEffects, ctrl: ControllerInfo, ctx: RouteContext): string[] {
    const v = ctx.app?.versioning;
    if (!v || v.type !== 'uri') return [''];
    const own = method.versions ? versionList(method.versions.args[0] ?? ts.factory.createStringLiteral('')) : undefined;
    const list = own ?? ctrl.versions ?? v.defaultVersion;
    if (!list || list === 'neutral') return [''];
    return list.map((x) => (x === '' ? '' : `${v.prefix}${x}`));
  }
}

function explicitlyUnskipped(methodEffects: { decorator: ts.Decorator }[]): boolean {
  return methodEffects.some((d) => decoratorName(d.decorator) === 'SkipThrottle' && unwrap(decoratorArgs(d.decorator)[0] ?? ts.factory.createTrue()).kind === ts.SyntaxKind.FalseKeyword);
}

function pathList(e: ts.Expression): string[] | undefined {
  const s = literalString(e);
  if (s !== undefined) return [s];
  if (ts.isArrayLiteralExpression(e)) {
    const out = e.elements.map((x) => literalString(x as ts.Expression));
    return out.every((x): x is string => x !== undefined) ? out : undefined;
  }
  return undefined;
}

export function spanOf(file: CodeFile, node: ts.Node): { file: string; range: { start: number; end: number } } {
  return { file: file.path, range: { start: node.getStart(file.sourceFile), end: node.getEnd() } };
}

function viaText(d: ts.Decorator, file: CodeFile): string {
  const t = d.getText(file.sourceFile).replace(/\s+/g, ' ');
  return t.length > 50 ? t.slice(0, 49) + '…)' : t;
}

export function mergeEffects(list: DecoratorEffects[]): DecoratorEffects {
  const out = emptyEffects();
  for (const e of list) {
    out.guards.push(...e.guards);
    out.metadata.push(...e.metadata);
    out.apiAuth.push(...e.apiAuth);
    out.pipes.push(...e.pipes);
    out.opaque.push(...e.opaque);
    out.skipThrottle ||= e.skipThrottle;
    out.throttle ||= e.throttle;
    out.versions ??= e.versions;
    out.controller ??= e.controller;
  }
  return out;
}

function handlerParams(m: ts.MethodDeclaration, file: CodeFile): HandlerParam[] {
  const out: HandlerParam[] = [];
  for (const p of m.parameters) {
    const d = decoratorsOf(p)[0];
    if (!d) continue;
    const decorator = decoratorName(d) ?? '?';
    const args = decoratorArgs(d);
    const key = literalString(args[0]);
    const pipes = key !== undefined ? args.slice(1) : args.filter((a) => literalString(a) === undefined);
    out.push({
      decorator, key, name: ts.isIdentifier(p.name) ? p.name.text : p.name.getText(file.sourceFile), node: p,
      typeText: p.type?.getText(file.sourceFile), pipes,
    });
  }
  return out;
}

function operationParams(path: string, params: HandlerParam[]): OperationParam[] {
  const out: OperationParam[] = [];
  for (const m of path.matchAll(/\{([^}]+)\}/g)) out.push({ name: m[1], in: 'path' });
  for (const p of params) {
    if (p.decorator === 'Query' && p.key) out.push({ name: p.key, in: 'query' });
    if (p.decorator === 'Headers' && p.key) out.push({ name: p.key, in: 'header' });
    if (p.decorator === 'Body') out.push({ name: p.key ?? 'body', in: 'body' });
  }
  return out;
}

function excludedFromPrefix(exclude: { path: string; method?: HttpMethod }[], local: string, method: HttpMethod): boolean {
  return exclude.some((x) => (!x.method || x.method === method || method === 'all') && matchesPattern(x.path, local));
}

function coveringMiddleware(ctx: RouteContext, ctrl: ControllerInfo, local: string, full: string, method: HttpMethod): MiddlewareUse[] {
  const out: MiddlewareUse[] = [...ctx.appMiddleware];
  const hit = (m: { path?: string; method?: HttpMethod; controller?: ts.ClassDeclaration }) => {
    if (m.method && m.method !== method && method !== 'all') return false;
    if (m.controller) return m.controller === ctrl.node;
    return m.path !== undefined && (matchesPattern(m.path, local) || matchesPattern(m.path, full));
  };
  for (const mm of ctx.moduleMiddleware) {
    if (!mm.forRoutes.some(hit)) {
      if (mm.partial && mm.use.kind !== 'other') out.push({ ...mm.use, kind: 'unknown', reason: `the routes ${mm.use.name} applies to (${mm.module}) could not all be read` });
      continue;
    }
    if (mm.exclude.some(hit)) {
      // Excluding a route from authentication middleware is a deliberate opt-out.
      if (mm.use.kind === 'authn') out.push({ ...mm.use, kind: 'excluded', where: `forRoutes in ${mm.module}`, reason: `the route is in the exclude() list of ${mm.use.name} in ${mm.module}` });
      continue;
    }
    out.push({ ...mm.use, where: `forRoutes in ${mm.module}` });
  }
  return out;
}

function hasMeta(metadata: MetadataUse[], r: MetaRead, allowConditional: boolean): MetadataUse | undefined {
  return metadata.find((m) => m.key === r.key && (allowConditional || !m.conditional) && ((m.level === 'handler' && r.handler) || (m.level === 'controller' && r.cls)));
}

function describe(u: GuardUse): string {
  return `${u.guard.name} (${u.where})`;
}

function decide(guards: GuardUse[], metadata: MetadataUse[], middleware: MiddlewareUse[], merged: { cls: DecoratorEffects; method: DecoratorEffects }): { auth: Known<AuthFacts>; decision: AuthDecision } {
  const outcomes: GuardOutcome[] = [];
  const readKeys = new Set<string>();
  for (const u of guards) {
    const g = u.guard;
    for (const r of [...g.optOut, ...g.activeWhen]) readKeys.add(r.key);
    const base = { name: g.name, where: u.where, at: u.at, source: 'guard' as const };
    const opt = g.optOut.map((r) => ({ r, m: hasMeta(metadata, r, true) })).find((x) => x.m);
    if (opt?.m) {
      const sure = !opt.m.conditional;
      outcomes.push({
        ...base, effect: sure ? 'opted-out' : 'conditional',
        note: sure
          ? `${opt.m.via} on the ${opt.m.level === 'handler' ? 'method' : 'class'} opts out of ${describe(u)}, which reads ${opt.r.label} through Reflector`
          : `${opt.m.via} may opt out of ${describe(u)} depending on its arguments`,
      });
      continue;
    }
    const active = !g.activeWhen.length || g.activeWhen.some((r) => hasMeta(metadata, r, true));
    if (!active) {
      outcomes.push({ ...base, effect: 'inactive', note: `${describe(u)} only acts on routes with ${g.activeWhen.map((r) => r.label).join(' or ')}` });
      continue;
    }
    if (g.requiresUser) {
      if (g.bypass) outcomes.push({ ...base, effect: 'bypassable', note: `${describe(u)} can be bypassed: it allows the request when the ${g.bypass}` });
      else if (u.conditional) outcomes.push({ ...base, effect: 'conditional', note: `${describe(u)} is attached only in some branches of the decorator` });
      else outcomes.push({ ...base, effect: g.checksRoles ? 'authorizes' : 'authenticates', note: `${describe(u)}: ${g.reason}` });
      continue;
    }
    if (g.kind === 'unknown') outcomes.push({ ...base, effect: 'unknown', note: `${describe(u)}: ${g.reason}` });
    else if (g.kind === 'throttle') outcomes.push({ ...base, effect: 'rate-limits', note: `${describe(u)}: ${g.reason}` });
    else outcomes.push({ ...base, effect: 'does-not-authenticate', note: `${describe(u)}: ${g.reason}` });
  }
  for (const m of middleware) {
    const base = { name: m.name, where: m.where, source: 'middleware' as const, note: `${m.name} (${m.where}): ${m.reason}` };
    if (m.kind === 'excluded') {
      outcomes.push({ ...base, effect: 'opted-out', note: `${m.reason}` });
      continue;
    }
    outcomes.push({ ...base, effect: m.kind === 'authn' ? 'authenticates' : m.kind === 'unknown' ? 'unknown' : /rate|limit|slow|throttl/i.test(m.name) ? 'rate-limits' : 'does-not-authenticate' });
  }
  const by = (...effects: GuardOutcome['effect'][]) => outcomes.filter((o) => effects.includes(o.effect));
  const auth = by('authenticates', 'authorizes');
  const decision: AuthDecision = {
    outcomes,
    authenticatedBy: auth.map((o) => o.name),
    rolesBy: by('authorizes').map((o) => o.name),
    bypassableRoles: guards.filter((u) => u.guard.checksRoles && u.guard.bypass).map((u) => ({ guard: u.guard.name, how: u.guard.bypass! })),
  };
  if (auth.length) {
    const notes: string[] = [];
    for (const m of metadata) {
      if (!PUBLIC_LOOKING.test(m.via)) continue;
      if (!readKeys.has(m.key)) notes.push(`${m.via} has no effect: no guard that runs reads it`);
      else if (!outcomes.some((o) => o.effect === 'opted-out')) {
        const readers = guards.filter((u) => u.guard.optOut.some((r) => r.key === m.key)).map((u) => u.guard.name);
        if (readers.length) notes.push(`${m.via} on the ${m.level === 'handler' ? 'method' : 'class'} has no effect: ${readers.join(', ')} reads it on the ${m.level === 'handler' ? 'class' : 'method'} only`);
      }
    }
    const note = notes.length ? `; ${[...new Set(notes)].join('; ')}` : '';
    return { auth: known({ required: true, by: decision.authenticatedBy, evidence: auth.map((o) => o.note).join('; ') + note }), decision };
  }
  const uncertain = by('conditional', 'unknown');
  if (uncertain.length) return { auth: unknown(uncertain.map((o) => o.note).join('; ')), decision };
  const opaque = [...merged.cls.opaque, ...merged.method.opaque];
  if (opaque.length) return { auth: unknown(`${opaque.map((o) => '@' + o).join(', ')} could not be read`), decision };
  const optedOut = by('opted-out');
  if (optedOut.length) {
    decision.publicBy = optedOut[0].note;
    return { auth: known({ required: false, by: [], evidence: optedOut.map((o) => o.note).join('; '), explicitlyPublic: true }), decision };
  }
  const globalOut = outcomes.filter((o) => o.source === 'guard' && guards.some((g) => g.level === 'global' && g.at === o.at));
  const localOut = outcomes.filter((o) => o.source === 'guard' && !globalOut.includes(o));
  const mwOut = outcomes.filter((o) => o.source === 'middleware' && o.effect !== 'opted-out');
  const parts = [
    globalOut.length ? `the global guards do not authenticate (${globalOut.map((o) => o.note).join('; ')})` : 'not under APP_GUARD',
    localOut.length ? `the guards on the class or the method do not authenticate (${localOut.map((o) => o.note).join('; ')})` : 'no @UseGuards on the class or the method',
    mwOut.length ? `the middleware that runs does not authenticate (${mwOut.map((o) => o.note).join('; ')})` : 'not in any forRoutes',
  ];
  return { auth: known({ required: false, by: [], evidence: `${guards.length ? 'no authenticating guard' : 'no guard'}: ${parts.join(', ')}` }), decision };
}

function rateLimitOf(guards: GuardUse[], skipThrottle: boolean, ctx: RouteContext): Known<boolean> {
  const throttled = guards.some((g) => g.guard.kind === 'throttle' && !g.conditional) || ctx.appMiddleware.some((m) => /rate|limit|slow|throttl/i.test(m.name));
  if (!throttled) {
    const maybe = guards.find((g) => g.guard.kind === 'throttle' || g.guard.kind === 'unknown');
    return maybe ? unknown(`${maybe.guard.name} (${maybe.where}) may limit rates: ${maybe.guard.reason}`) : known(false);
  }
  return known(!skipThrottle);
}

