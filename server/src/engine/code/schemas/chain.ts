/**
 * Schema builders (zod, Joi) are method chains on a library call: `z.string().max(100).optional()`.
 * This splits a chain into its base (`string`) and the methods after it, following identifiers
 * to where a schema is defined (another file included) with the project's Resolver, so
 * `createUserSchema.strict()` reads the `z.object({…})` behind `createUserSchema`.
 */
import ts from 'typescript';
import { literalNumber, unwrap } from '../ast';
import type { SourceSpan } from '../../model/operation';
import type { Resolver } from '../values';

export type BuilderLibrary = 'zod' | 'joi' | 'express-validator';

export interface ChainMethod {
  name: string;
  call: ts.CallExpression;
}

export interface Chain {
  library: BuilderLibrary;
  /** The library function that starts the chain: `object`, `string`, `array`. */
  base: string;
  baseCall: ts.CallExpression;
  /** Methods applied after the base call, in order (definitions followed through identifiers included). */
  methods: ChainMethod[];
}

export function libraryOf(module: string): BuilderLibrary | undefined {
  if (module === 'zod') return 'zod';
  if (module === 'joi' || module === '@hapi/joi') return 'joi';
  if (module === 'express-validator') return 'express-validator';
  return undefined;
}

const MAX_STEPS = 60;

/** The chain behind a schema expression, or undefined when it is not (visibly) a zod/Joi/express-validator chain. */
export function chainOf(expr: ts.Expression, resolver: Resolver): Chain | undefined {
  const methods: ChainMethod[] = [];
  let e = unwrap(expr);
  for (let i = 0; i < MAX_STEPS; i++) {
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      const v = resolver.resolve(callee);
      if (v.kind === 'external') {
        const library = libraryOf(v.module);
        // A direct member of the library (`z.string`, `Joi.object`, `string` imported from zod): the base.
        if (library && !v.path.includes('()') && v.path.length) return { library, base: v.path[v.path.length - 1], baseCall: e, methods };
      }
      if (!ts.isPropertyAccessExpression(callee)) return undefined;
      methods.unshift({ name: callee.name.text, call: e });
      e = unwrap(callee.expression);
      continue;
    }
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
      // A schema defined elsewhere: follow it to the call that builds it.
      const v = resolver.resolve(e);
      if (v.kind === 'external' && v.call) {
        e = unwrap(v.call);
        continue;
      }
      return undefined;
    }
    return undefined;
  }
  return undefined;
}

/** A constant number argument: `100`, `-1`, or a `const MAX = 100` anywhere in the project. */
export function numberArg(expr: ts.Expression | undefined, resolver: Resolver): number | undefined {
  if (!expr) return undefined;
  const e = unwrap(expr);
  const direct = literalNumber(e);
  if (direct !== undefined) return direct;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) {
    const n = numberArg(e.operand, resolver);
    return n === undefined ? undefined : -n;
  }
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    const v = resolver.resolve(e);
    if (v.kind === 'literal' && v.node !== e) return numberArg(v.node, resolver);
  }
  return undefined;
}

export function spanOf(node: ts.Node): SourceSpan {
  const sf = node.getSourceFile();
  return { file: sf.fileName, range: { start: node.getStart(sf), end: node.getEnd() } };
}

/** Static property name of an object literal member, undefined for computed ones. */
export function staticName(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}
