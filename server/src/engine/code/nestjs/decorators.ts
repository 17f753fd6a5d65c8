/**
 * What a decorator does, as Nest would see it at runtime: `@UseGuards`, `@SetMetadata`,
 * `@Controller`… directly, or through custom decorators built with `applyDecorators`
 * (including conditional composition, local arrays and `push`), decorator factories and
 * `Reflector.createDecorator`, across files. Branches that depend on something we cannot
 * evaluate are kept, and what they attach is marked conditional.
 */
import ts from 'typescript';
import type { CodeFile } from '../project';
import { bindParameters, evaluateCondition, type Bindings } from './evaluate';
import type { MetaKey } from './model';
import { calleeName, literalString, unwrap } from './syntax';
import type { Resolution, Workspace } from './workspace';

export interface GuardEffect {
  expr: ts.Expression;
  file: CodeFile;
  conditional: boolean;
}

export interface MetaEffect {
  key: MetaKey;
  label: string;
  args: readonly ts.Expression[];
  conditional: boolean;
}

export interface DecoratorEffects {
  controller?: { args: readonly ts.Expression[]; file: CodeFile };
  guards: GuardEffect[];
  metadata: MetaEffect[];
  apiAuth: string[];
  skipThrottle: boolean;
  throttle: boolean;
  pipes: { expr: ts.Expression; file: CodeFile }[];
  versions?: { args: readonly ts.Expression[]; file: CodeFile };
  /** Custom decorators whose definition could not be read. */
  opaque: string[];
}

export const emptyEffects = (): DecoratorEffects => ({ guards: [], metadata: [], apiAuth: [], skipThrottle: false, throttle: false, pipes: [], opaque: [] });

const NEST_COMMON = new Set(['UseGuards', 'SetMetadata', 'Controller', 'UsePipes', 'Version', 'applyDecorators']);
const SWAGGER_AUTH = new Set(['ApiBearerAuth', 'ApiSecurity', 'ApiCookieAuth', 'ApiBasicAuth', 'ApiOAuth2']);
const THROTTLER = new Set(['SkipThrottle', 'Throttle']);
/** Packages whose decorators we know by name. */
const KNOWN_PACKAGES = /^@nestjs\/(common|swagger|throttler)$/;

const MAX_DEPTH = 8;
const MAX_PATHS = 32;

/** The identity of a metadata key expression (`IS_PUBLIC_KEY`, `'roles'`, a `createDecorator` result). */
export function metaKeyOf(ws: Workspace, file: CodeFile, expr: ts.Expression): { key: MetaKey; label: string } {
  const lit = literalString(expr);
  if (lit !== undefined) return { key: `str:${lit}`, label: `'${lit}'` };
  const e = unwrap(expr);
  const label = e.getText(file.sourceFile);
  const r = ws.followAlias(ws.resolveExpression(file, e));
  if (r.kind === 'decl') {
    if (ts.isVariableDeclaration(r.node) && r.node.initializer) {
      const v = literalString(r.node.initializer);
      if (v !== undefined) return { key: `str:${v}`, label };
    }
    if (ts.isEnumDeclaration(r.node)) return { key: `ref:${r.file.path}#${label}`, label };
    return { key: `ref:${r.file.path}#${r.name}`, label };
  }
  if (r.kind === 'external') return { key: `ext:${r.spec}#${r.name}`, label };
  if (ts.isPropertyAccessExpression(e)) {
    // Enum members and static constants: `MetaKeys.Public`
    const owner = ws.followAlias(ws.resolveExpression(file, e.expression));
    if (owner.kind === 'decl' && ts.isEnumDeclaration(owner.node)) {
      const m = owner.node.members.find((x) => x.name.getText() === e.name.text);
      const v = literalString(m?.initializer);
      if (v !== undefined) return { key: `str:${v}`, label };
      return { key: `ref:${owner.file.path}#${owner.name}.${e.name.text}`, label };
    }
  }
  return { key: `name:${label}`, label };
}

function isCreateDecorator(e: ts.Expression): boolean {
  const x = unwrap(e);
  return ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'createDecorator';
}

/** Effects of one decorator applied on a class or a method. */
export function expandDecorator(ws: Workspace, file: CodeFile, decorator: ts.Decorator): DecoratorEffects {
  const out = emptyEffects();
  expandInto(ws, file, decorator.expression, out, false, 0, new Set());
  return out;
}

function expandInto(ws: Workspace, file: CodeFile, expr: ts.Expression, out: DecoratorEffects, conditional: boolean, depth: number, stack: Set<ts.Node>): void {
  if (depth > MAX_DEPTH) return;
  const e = unwrap(expr);
  const call = ts.isCallExpression(e) ? e : undefined;
  const callee = call ? call.expression : e;
  const args = call ? call.arguments : [];
  const name = calleeName(callee);
  if (!name) return;
  const r = ws.followAlias(ws.resolveExpression(file, callee));
  const builtIn = (r.kind === 'external' && KNOWN_PACKAGES.test(r.spec)) || r.kind === 'unresolved';
  if (builtIn && (NEST_COMMON.has(name) || SWAGGER_AUTH.has(name) || THROTTLER.has(name))) {
    applyBuiltIn(ws, file, name, args, out, conditional, depth, stack);
    return;
  }
  if (r.kind === 'decl' && isCreateDecorator(ts.isVariableDeclaration(r.node) && r.node.initializer ? r.node.initializer : e)) {
    out.metadata.push({ key: `ref:${r.file.path}#${r.name}`, label: r.name, args, conditional });
    return;
  }
  if (r.kind === 'decl' || r.kind === 'expr') {
    expandCustom(ws, r, call ? args : undefined, out, conditional, depth, stack);
    return;
  }
  if (r.kind === 'external') {
    // A decorator from a library outside the workspace: its metadata identity is its import.
    out.metadata.push({ key: `ext:${r.spec}#${r.name}`, label: name, args, conditional });
    return;
  }
  if (!/^(Get|Post|Put|Patch|Delete|All|Options|Head|Search|Param|Body|Query|HttpCode|Header|Redirect|Render|Injectable|Module|Res|Req)$/.test(name)) out.opaque.push(name);
}

function applyBuiltIn(ws: Workspace, file: CodeFile, name: string, args: readonly ts.Expression[], out: DecoratorEffects, conditional: boolean, depth: number, stack: Set<ts.Node>): void {
  switch (name) {
    case 'UseGuards':
      for (const a of args) {
        if (ts.isSpreadElement(a)) for (const g of arrayItems(ws, file, a.expression)) out.guards.push({ ...g, conditional: conditional || g.conditional });
        else out.guards.push({ expr: a, file, conditional });
      }
      return;
    case 'SetMetadata': {
      if (!args[0]) return;
      const { key, label } = metaKeyOf(ws, file, args[0]);
      out.metadata.push({ key, label, args: args.slice(1), conditional });
      return;
    }
    case 'Controller':
      out.controller = { args, file };
      return;
    case 'UsePipes':
      for (const a of args) out.pipes.push({ expr: a, file });
      return;
    case 'Version':
      out.versions = { args, file };
      return;
    case 'SkipThrottle': {
      const a = args[0] ? unwrap(args[0]) : undefined;
      // SkipThrottle(false) re-enables throttling on a handler inside a skipped controller.
      if (!(a && a.kind === ts.SyntaxKind.FalseKeyword)) out.skipThrottle = true;
      return;
    }
    case 'Throttle':
      out.throttle = true;
      return;
    case 'applyDecorators':
      for (const a of args) {
        if (ts.isSpreadElement(a)) for (const x of arrayItems(ws, file, a.expression)) expandInto(ws, x.file, x.expr, out, conditional || x.conditional, depth + 1, stack);
        else expandInto(ws, file, a, out, conditional, depth + 1, stack);
      }
      return;
    default:
      if (SWAGGER_AUTH.has(name)) out.apiAuth.push(name);
  }
}

/** Items of an array a decorator spreads: `UseGuards(...AUTH_GUARDS)` with `const AUTH_GUARDS = [A, B]`. */
function arrayItems(ws: Workspace, file: CodeFile, e: ts.Expression): GuardEffect[] {
  const x = unwrap(e);
  if (ts.isArrayLiteralExpression(x)) {
    return x.elements.flatMap((el) => (ts.isSpreadElement(el) ? arrayItems(ws, file, el.expression) : [{ expr: el, file, conditional: false }]));
  }
  if (ts.isConditionalExpression(x)) {
    return [...arrayItems(ws, file, x.whenTrue), ...arrayItems(ws, file, x.whenFalse)].map((g) => ({ ...g, conditional: true }));
  }
  const r = ws.followAlias(ws.resolveExpression(file, x));
  if (r.kind === 'decl' && ts.isVariableDeclaration(r.node) && r.node.initializer) return arrayItems(ws, r.file, r.node.initializer);
  return [];
}

/** The function a custom decorator resolves to, or the expression it is bound to. */
function customTarget(r: Resolution): { fn?: ts.SignatureDeclaration; expr?: ts.Expression; file: CodeFile } | undefined {
  if (r.kind !== 'decl' && r.kind !== 'expr') return undefined;
  const n = r.node;
  if (ts.isFunctionDeclaration(n)) return { fn: n, file: r.file };
  if (ts.isVariableDeclaration(n)) {
    if (!n.initializer) return undefined;
    const init = unwrap(n.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return { fn: init, file: r.file };
    return { expr: init, file: r.file };
  }
  if (ts.isClassDeclaration(n) || ts.isEnumDeclaration(n)) return undefined;
  const x = unwrap(n);
  if (ts.isArrowFunction(x) || ts.isFunctionExpression(x)) return { fn: x, file: r.file };
  return { expr: x, file: r.file };
}

function expandCustom(ws: Workspace, r: Resolution, callArgs: readonly ts.Expression[] | undefined, out: DecoratorEffects, conditional: boolean, depth: number, stack: Set<ts.Node>): void {
  const target = customTarget(r);
  const label = r.kind === 'decl' || r.kind === 'expr' ? r.name : '?';
  if (!target) {
    out.opaque.push(label);
    return;
  }
  const key = target.fn ?? target.expr!;
  if (stack.has(key)) return;
  stack.add(key);
  try {
    if (target.expr) {
      // `export const AdminOnly = applyDecorators(...)` used as `@AdminOnly`, or an alias of another decorator.
      expandInto(ws, target.file, target.expr, out, conditional, depth + 1, stack);
      return;
    }
    const fn = target.fn!;
    const bindings = bindParameters(fn.parameters, callArgs);
    const paths = decoratorPaths(fn, bindings);
    if (!paths) {
      out.opaque.push(label);
      return;
    }
    mergeAlternatives(paths.map((p) => {
      const eff = emptyEffects();
      for (const d of p) expandInto(ws, target.file, d.expr, eff, d.conditional, depth + 1, stack);
      return eff;
    }), out, conditional);
  } finally {
    stack.delete(key);
  }
}

/** Combines the effects of alternative execution paths: what some paths lack is conditional. */
function mergeAlternatives(alts: DecoratorEffects[], out: DecoratorEffects, conditional: boolean): void {
  if (!alts.length) return;
  const every = <T>(pick: (e: DecoratorEffects) => T[], same: (a: T, b: T) => boolean, x: T, isUncond: (t: T) => boolean) =>
    alts.every((a) => pick(a).some((y) => same(x, y) && isUncond(y)));
  const seenG = new Set<ts.Node>();
  for (const a of alts) {
    for (const g of a.guards) {
      if (seenG.has(g.expr)) continue;
      seenG.add(g.expr);
      const uncond = !g.conditional && every((e) => e.guards, (p, q) => p.expr === q.expr, g, (y) => !y.conditional);
      out.guards.push({ ...g, conditional: conditional || !uncond });
    }
  }
  const seenM = new Set<string>();
  for (const a of alts) {
    for (const m of a.metadata) {
      if (seenM.has(m.key)) continue;
      seenM.add(m.key);
      const uncond = !m.conditional && every((e) => e.metadata, (p, q) => p.key === q.key, m, (y) => !y.conditional);
      out.metadata.push({ ...m, conditional: conditional || !uncond });
    }
  }
  for (const a of alts) {
    for (const n of a.apiAuth) if (!out.apiAuth.includes(n)) out.apiAuth.push(n);
    out.pipes.push(...a.pipes);
    out.opaque.push(...a.opaque);
    if (a.controller && !out.controller) out.controller = a.controller;
    if (a.versions && !out.versions) out.versions = a.versions;
  }
  // Throttling flags only count when every path sets them (a skipped throttle must be certain to matter).
  if (!conditional && alts.every((a) => a.skipThrottle)) out.skipThrottle = true;
  if (!conditional && alts.every((a) => a.throttle)) out.throttle = true;
}

interface DecoItem {
  expr: ts.Expression;
  conditional: boolean;
}

type Path = DecoItem[];

interface PathState {
  locals: Map<string, DecoItem[]>;
  returned?: DecoItem[];
}

/**
 * The decorator lists a decorator factory can return, one per execution path, walking `if`s,
 * ternaries, local arrays and `push` calls. undefined when a return is not readable.
 */
function decoratorPaths(fn: ts.SignatureDeclaration, b: Bindings): Path[] | undefined {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return exprAlternatives(body, { locals: new Map() }, b);
  let states: PathState[] = [{ locals: new Map() }];
  let readable = true;
  const run = (stmts: readonly ts.Statement[], input: PathState[]): PathState[] => {
    let cur = input;
    for (const st of stmts) {
      const next: PathState[] = [];
      for (const s of cur) {
        if (s.returned) {
          next.push(s);
          continue;
        }
        next.push(...step(st, s));
      }
      cur = next.slice(0, MAX_PATHS);
    }
    return cur;
  };
  const clone = (s: PathState): PathState => ({ locals: new Map([...s.locals].map(([k, v]) => [k, [...v]])), returned: s.returned });
  const step = (st: ts.Statement, s: PathState): PathState[] => {
    if (ts.isBlock(st)) return run(st.statements, [s]);
    if (ts.isReturnStatement(st)) {
      if (!st.expression) {
        readable = false;
        return [{ ...s, returned: [] }];
      }
      const alts = exprAlternatives(st.expression, s, b);
      if (!alts) {
        readable = false;
        return [{ ...s, returned: [] }];
      }
      return alts.map((a) => ({ ...clone(s), returned: a }));
    }
    if (ts.isIfStatement(st)) {
      const c = evaluateCondition(st.expression, b);
      if (c === true) return step(st.thenStatement, s);
      if (c === false) return st.elseStatement ? step(st.elseStatement, s) : [s];
      // Both branches are kept; what only one of them attaches ends up conditional when the paths are merged.
      const t = step(st.thenStatement, clone(s));
      const f = st.elseStatement ? step(st.elseStatement, clone(s)) : [s];
      return [...t, ...f];
    }
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        const alts = exprAlternatives(d.initializer, s, b);
        if (alts && alts.length === 1 && ts.isArrayLiteralExpression(unwrap(d.initializer))) s.locals.set(d.name.text, alts[0]);
      }
      return [s];
    }
    if (ts.isExpressionStatement(st)) {
      const e = unwrap(st.expression);
      if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'push' && ts.isIdentifier(e.expression.expression)) {
        const list = s.locals.get(e.expression.expression.text);
        if (list) for (const a of e.arguments) list.push(...(ts.isSpreadElement(a) ? (exprAlternatives(a.expression, s, b)?.[0] ?? []) : [{ expr: a, conditional: false }]));
      }
      return [s];
    }
    return [s];
  };
  states = run(body.statements, states);
  if (!readable) return undefined;
  return states.filter((s) => s.returned).map((s) => s.returned!);
}

/** Alternative decorator lists an expression stands for. */
function exprAlternatives(e: ts.Expression, s: PathState, b: Bindings): Path[] | undefined {
  const x = unwrap(e);
  if (ts.isConditionalExpression(x)) {
    const c = evaluateCondition(x.condition, b);
    if (c === true) return exprAlternatives(x.whenTrue, s, b);
    if (c === false) return exprAlternatives(x.whenFalse, s, b);
    const t = exprAlternatives(x.whenTrue, s, b);
    const f = exprAlternatives(x.whenFalse, s, b);
    return t && f ? [...t, ...f].slice(0, MAX_PATHS) : undefined;
  }
  if (ts.isArrayLiteralExpression(x)) return product(x.elements.map((el) => (ts.isSpreadElement(el) ? exprAlternatives(el.expression, s, b) : elementAlternatives(el, s, b))));
  if (ts.isIdentifier(x) && s.locals.has(x.text)) return [[...s.locals.get(x.text)!]];
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    // `...(isAdmin && [Roles('admin')])`
    const c = evaluateCondition(x.left, b);
    if (c === false) return [[]];
    const r = exprAlternatives(x.right, s, b);
    if (c === true) return r;
    return r ? [[], ...r] : undefined;
  }
  if (ts.isCallExpression(x) && calleeName(x.expression) === 'applyDecorators') {
    return product(x.arguments.map((a) => (ts.isSpreadElement(a) ? exprAlternatives(a.expression, s, b) : elementAlternatives(a, s, b))));
  }
  return [[{ expr: x, conditional: false }]];
}

function elementAlternatives(e: ts.Expression, s: PathState, b: Bindings): Path[] | undefined {
  const x = unwrap(e);
  if (ts.isConditionalExpression(x)) return exprAlternatives(x, s, b);
  return [[{ expr: x, conditional: false }]];
}

function product(parts: (Path[] | undefined)[]): Path[] | undefined {
  let acc: Path[] = [[]];
  for (const p of parts) {
    if (!p) return undefined;
    const next: Path[] = [];
    for (const a of acc) for (const q of p) next.push([...a, ...q]);
    acc = next.slice(0, MAX_PATHS);
  }
  return acc;
}
