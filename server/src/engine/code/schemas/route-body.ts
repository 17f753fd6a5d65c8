/**
 * The request body schema a route's code enforces, as `Known<BodySchema>`:
 *
 * - NestJS: the DTO class of the `@Body()` parameter, read with class-validator decorators, and
 *   the ValidationPipes that reach it (none: the decorators are not enforced; `whitelist` strips,
 *   `forbidNonWhitelisted` rejects unknown properties).
 * - Express: express-validator chains on the route (`body('name').isLength({ max: 100 })`), a
 *   validation middleware given a zod/Joi schema (`validate(schema)`, `celebrate({ body })`,
 *   `validateRequest({ body })`), or the handler parsing the body itself (`schema.parse(req.body)`,
 *   `safeParse`, `schema.validate(req.body)`).
 *
 * Computed lazily, once per route and code build, so linting pays nothing until a workspace rule
 * asks.
 */
import ts from 'typescript';
import { known, unknown, type Known, type Operation } from '../../model/operation';
import { dottedName, unwrap } from '../ast';
import { flowFor, handlerContext } from '../flow/taint';
import { nestModel } from '../nestjs/extract';
import { bodyType, pipesFor } from '../nestjs/pipes';
import type { CodeProject } from '../project';
import type { ChainEntry, RouteFacts } from '../route-facts';
import { declarationOf } from '../scope';
import type { Resolver } from '../values';
import { readObjectSchema, type ObjectReading } from './builders';
import { chainOf, spanOf, staticName } from './chain';
import { readDto } from './class-validator';
import { readValidatorChain } from './express-validator';
import type { BodyProperty, BodySchema, RequestPart } from './types';

/**
 * Per build of the route models (their files map: a spec edit keeps it, with a new CodeProject
 * for the new pairing), then per route: facts objects a build reuses still get answers from this
 * build's files.
 */
const caches: Record<RequestPart, WeakMap<CodeProject['files'], WeakMap<RouteFacts, Known<BodySchema>>>> = { body: new WeakMap(), query: new WeakMap() };

const BODY_METHODS = new Set(['post', 'put', 'patch']);

/**
 * The body a route's validator declares, for the methods that carry one, or undefined when the
 * code does not say: what documentation written from the code (a quick fix, a skeleton
 * document) can put in `requestBody`.
 */
export function declaredBodyOf(route: Operation, project: CodeProject): BodySchema | undefined {
  const facts = BODY_METHODS.has(route.method) ? project.routeFacts.get(route) : undefined;
  const body = facts && bodySchemaOf(facts, project);
  return body?.known ? body.value : undefined;
}

/** The schema the code validates a request part with: the body (default), or the query string read as one object. */
export function bodySchemaOf(facts: RouteFacts, project: CodeProject, part: RequestPart = 'body'): Known<BodySchema> {
  let cache = caches[part].get(project.files);
  if (!cache) caches[part].set(project.files, (cache = new WeakMap()));
  let hit = cache.get(facts);
  if (!hit) cache.set(facts, (hit = compute(facts, project, part)));
  return hit;
}

function compute(facts: RouteFacts, project: CodeProject, part: RequestPart): Known<BodySchema> {
  const resolver = flowFor(project).resolver;
  return facts.framework === 'nestjs' ? nestBody(facts, project, resolver, part) : expressBody(facts, project, resolver, part);
}

const DECORATOR: Record<RequestPart, string> = { body: 'Body', query: 'Query' };

// ------------------------------------------------------------------------------------------ NestJS

function nestBody(facts: RouteFacts, project: CodeProject, resolver: Resolver, part: RequestPart): Known<BodySchema> {
  const model = nestModel(project);
  const route = model.routeOf(facts.operation);
  if (!route) return unknown('the Nest route behind this operation was not found');
  const d = DECORATOR[part];
  const bodies = route.params.filter((p) => p.decorator === d && p.key === undefined);
  if (bodies.length !== 1) return unknown(bodies.length ? `several @${d}() parameters` : `no @${d}() parameter`);
  const param = bodies[0];
  const t = bodyType(model.workspace, route.file, param);
  if (t.kind !== 'dto') return unknown(`@${d}() ${param.name} is not a DTO class`);
  const dto = readDto(t.cls, resolver);
  const pipes = pipesFor(model, route, param);
  const validation = pipes.filter((p) => p.whitelist !== undefined);
  let unknownKeys: BodySchema['unknownKeys'];
  let enforced: BodySchema['enforced'];
  let appliedBy: string;
  if (!validation.length) {
    enforced = pipes.length ? unknown('a custom pipe may validate the body') : known(false);
    unknownKeys = pipes.length ? unknown('a custom pipe may validate the body') : known('allow');
    appliedBy = 'no ValidationPipe';
  } else {
    enforced = known(true);
    const best = validation.find((p) => p.whitelist === true && p.forbidNonWhitelisted) ?? validation.find((p) => p.whitelist === true) ?? validation.find((p) => p.whitelist === 'unknown') ?? validation[0];
    unknownKeys = best.whitelist === true ? known(best.forbidNonWhitelisted ? 'reject' : 'strip') : best.whitelist === 'unknown' ? unknown('ValidationPipe options are computed') : known('allow');
    appliedBy = `ValidationPipe (${best.level})`;
  }
  return known({ library: 'class-validator', name: dto.name, at: spanOf(t.cls.name ?? t.cls), properties: dto.properties, complete: dto.complete, unknownKeys, enforced, appliedBy });
}

// ------------------------------------------------------------------------------------------ Express

const PARSE = new Set(['parse', 'parseAsync', 'safeParse', 'safeParseAsync', 'validate', 'validateAsync', 'assert', 'attempt']);

function expressBody(facts: RouteFacts, project: CodeProject, resolver: Resolver, part: RequestPart): Known<BodySchema> {
  const ev = fromExpressValidator(facts, project, resolver, part);
  if (ev) return known(ev);
  for (const entry of facts.chain) {
    const found = fromMiddleware(entry, project, resolver, part);
    if (found) return known(found);
  }
  const found = fromHandler(facts, project, part);
  return found ? known(found) : unknown(`no zod, Joi or express-validator schema is applied to the ${part} of this route`);
}

/** `body('name').isLength({ max: 100 })` chains on the route, together; enforced when someone reads `validationResult(req)`. */
function fromExpressValidator(facts: RouteFacts, project: CodeProject, resolver: Resolver, part: RequestPart): BodySchema | undefined {
  const entries = facts.chain.filter((e) => e.library === 'express-validator');
  if (!entries.length) return undefined;
  const properties = new Map<string, BodyProperty>();
  let complete = true;
  let at: BodySchema['at'] | undefined;
  for (const e of entries) {
    const node = nodeAt(project, e);
    const read = node && readValidatorChain(node, resolver);
    if (!read || !read.parts.includes(part)) {
      if (!read) complete = false;
      continue;
    }
    const prop = read.property;
    at ??= prop.at;
    properties.set(prop.name, prop);
  }
  if (!at) return undefined;
  const checked = [facts.handler?.node, ...facts.chain.map((e) => e.fn)].some((fn) => fn !== undefined && readsValidationResult(fn, resolver));
  return {
    library: 'express-validator', name: 'express-validator', at, properties, complete,
    unknownKeys: known('allow'),
    enforced: checked ? known(true) : unknown('nothing visibly reads validationResult(req)'),
    appliedBy: 'express-validator',
  };
}

function readsValidationResult(fn: ts.Node, resolver: Resolver): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const v = resolver.resolve(n.expression);
      if (v.kind === 'external' && v.module === 'express-validator' && v.path[v.path.length - 1] === 'validationResult') {
        found = true;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

/** The argument expression a chain entry was attached with. */
function nodeAt(project: CodeProject, entry: ChainEntry): ts.Expression | undefined {
  const sf = project.files.get(entry.at.file)?.sourceFile;
  if (!sf) return undefined;
  const { start, end } = entry.at.range;
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (found || n.getEnd() < start || n.getStart(sf) > end) return;
    if (ts.isExpression(n) && n.getStart(sf) === start && n.getEnd() === end) {
      found = n;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** `validate(schema)`, `celebrate({ body: schema })`, `validateRequest({ body: schema })`, `validator.body(schema)`. */
function fromMiddleware(entry: ChainEntry, project: CodeProject, resolver: Resolver, part: RequestPart): BodySchema | undefined {
  // Library middleware that is not a validator (body parsers, cors, rate limiters) has no schema to read.
  if (entry.library && entry.kind !== 'validation') return undefined;
  const node = nodeAt(project, entry);
  const call = node && unwrap(node);
  if (!call || !ts.isCallExpression(call) || call.arguments.length === 0) return undefined;
  const label = `${entry.name} middleware`;
  // Library validation middleware: the body schema is the argument or its `body` member.
  if (entry.library) {
    const arg = unwrap(call.arguments[0]);
    // A bare schema is the body's (celebrate and friends take `{ query }` for the rest).
    const schemaExpr = ts.isObjectLiteralExpression(arg) ? partMember(arg, part) : part === 'body' ? arg : undefined;
    const reading = schemaExpr && readObjectSchema(schemaExpr, resolver);
    if (!reading) return undefined;
    // celebrate/express-joi-validation/zod-express-middleware validate and replace the body.
    return withUse(reading, label, true, true);
  }
  // A project factory: find where it validates `req.body` with the schema parameter.
  const fn = resolver.resolve(call.expression);
  if (fn.kind !== 'function') return undefined;
  for (let i = 0; i < call.arguments.length && i < fn.node.parameters.length; i++) {
    const p = fn.node.parameters[i];
    const use = parseUseOf(fn.node, p, part);
    if (!use) continue;
    const schemaExpr = use.of === 'part' ? call.arguments[i] : requestPartMember(call.arguments[i], resolver, part);
    const reading = schemaExpr && readObjectSchema(schemaExpr, resolver);
    if (reading) return withUse(reading, label, use.resultKept, use.enforced, use.allowUnknown);
  }
  return undefined;
}

function partMember(o: ts.ObjectLiteralExpression, part: RequestPart): ts.Expression | undefined {
  const upper = part.toUpperCase();
  for (const p of o.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const n = staticName(p.name) ?? (ts.isComputedPropertyName(p.name) ? dottedName(p.name.expression)?.join('.') : undefined);
    if (n === part || n === `Segments.${upper}` || n === upper) return p.initializer;
  }
  return undefined;
}

/** `z.object({ body: z.object({…}), query: … })` validated against the whole request: its `body` (or `query`) member. */
function requestPartMember(schema: ts.Expression, resolver: Resolver, part: RequestPart): ts.Expression | undefined {
  const chain = chainOf(schema, resolver);
  const shape = chain?.base === 'object' ? chain.baseCall.arguments[0] : undefined;
  return shape && ts.isObjectLiteralExpression(unwrap(shape)) ? partMember(unwrap(shape) as ts.ObjectLiteralExpression, part) : undefined;
}

interface ParseUse {
  /** What is validated: the part itself (`req.body`), or the request (a schema with a `body` member). */
  of: 'part' | 'request';
  /** The validated result replaces `req.body` (zod strips only in its result). */
  resultKept: boolean;
  /** A failure stops the request (parse throws, the result is inspected). */
  enforced: boolean;
  /** Joi's `validate(body, { allowUnknown: true })`. */
  allowUnknown: boolean;
}

/** Joi validation options passed at the call: `{ allowUnknown: true }` lets undeclared keys through. */
function allowsUnknown(call: ts.CallExpression): boolean {
  const o = call.arguments[1] && unwrap(call.arguments[1]);
  if (!o || !ts.isObjectLiteralExpression(o)) return false;
  return o.properties.some((p) => ts.isPropertyAssignment(p) && staticName(p.name) === 'allowUnknown' && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
}

/** `schema.parse(req.body)` (or `{ body: req.body }`, or `req`) on the parameter, inside the factory and the middleware it returns. */
function parseUseOf(fn: ts.SignatureDeclaration, param: ts.ParameterDeclaration, part: RequestPart): ParseUse | undefined {
  let found: ParseUse | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && PARSE.has(n.expression.name.text)) {
      const recv = unwrap(n.expression.expression);
      if (ts.isIdentifier(recv) && declarationOf(recv) === param && n.arguments[0]) {
        const arg = unwrap(n.arguments[0]);
        const member = ts.isObjectLiteralExpression(arg) ? partMember(arg, part) : undefined;
        const of = isPartAccess(arg, part) ? 'part' : member && isPartAccess(unwrap(member), part) ? 'request' : ts.isIdentifier(arg) ? 'request' : undefined;
        if (of) {
          const u = resultUse(n, n.expression.name.text, part);
          found = { of, resultKept: u.resultKept, enforced: u.enforced, allowUnknown: allowsUnknown(n) };
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (body) visit(body);
  return found;
}

function isPartAccess(e: ts.Expression, part: RequestPart): boolean {
  return (ts.isPropertyAccessExpression(e) && e.name.text === part) || (ts.isElementAccessExpression(e) && ts.isStringLiteral(e.argumentExpression) && e.argumentExpression.text === part);
}

/** How the result of a validation call is used. */
function resultUse(call: ts.CallExpression, method: string, part: RequestPart): { resultKept: boolean; enforced: boolean; discarded: boolean } {
  let top: ts.Node = call;
  while (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || ts.isAsExpression(top.parent)) top = top.parent;
  const parent = top.parent;
  const discarded = ts.isExpressionStatement(parent);
  const resultKept = (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isExpression(parent.left) && isPartAccess(unwrap(parent.left), part))
    || (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && assignedToPart(parent, part));
  // parse/assert/attempt/validateAsync throw; safeParse/validate return a result someone must read.
  const throws = method === 'parse' || method === 'parseAsync' || method === 'assert' || method === 'attempt' || method === 'validateAsync';
  return { resultKept, enforced: throws || !discarded, discarded };
}

/** `const result = schema.safeParse(req.body); … req.body = result.data` (or `= result`). */
function assignedToPart(decl: ts.VariableDeclaration, part: RequestPart): boolean {
  let scope: ts.Node | undefined = decl.parent;
  while (scope && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  if (!scope) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isExpression(n.left) && isPartAccess(unwrap(n.left), part)) {
      let r = unwrap(n.right);
      if (ts.isPropertyAccessExpression(r) && (r.name.text === 'data' || r.name.text === 'value')) r = unwrap(r.expression);
      if (ts.isIdentifier(r) && declarationOf(r) === decl) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

/** The handler validates the body itself: `const data = schema.parse(req.body)`. */
function fromHandler(facts: RouteFacts, project: CodeProject, part: RequestPart): BodySchema | undefined {
  const ctx = handlerContext(facts);
  if (!ctx) return undefined;
  const flow = flowFor(project);
  let found: BodySchema | undefined;
  flow.forEachCall(ctx, (call, c) => {
    if (found || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || !PARSE.has(call.expression.name.text) || !call.arguments[0]) return;
    const t = flow.source(call.arguments[0], c);
    if (!t || t.kind !== part || !t.whole) return;
    const reading = readObjectSchema(call.expression.expression, flow.resolver);
    if (!reading) return;
    const use = resultUse(call, call.expression.name.text, part);
    // zod strips only in its result: req.body keeps every property unless the result replaces it.
    found = withUse(reading, `${shortName(call)} in the handler`, use.resultKept, use.enforced, allowsUnknown(call));
  });
  return found;
}

function shortName(call: ts.CallExpression): string {
  const t = call.expression.getText();
  return t.length > 40 ? `${t.slice(0, 40)}…` : `${t}()`;
}

/** Unknown keys as they reach the code: zod strips only in a result that is used; a validation nobody checks rejects nothing. */
function withUse(reading: ObjectReading, appliedBy: string, resultKept: boolean, enforced: boolean, allowUnknown = false): BodySchema {
  let unknownKeys = reading.unknownKeys;
  if (!enforced || allowUnknown) unknownKeys = known('allow');
  else if (unknownKeys.known && unknownKeys.value === 'strip' && !resultKept) unknownKeys = known('allow');
  return { ...reading, unknownKeys, enforced: known(enforced), appliedBy };
}
