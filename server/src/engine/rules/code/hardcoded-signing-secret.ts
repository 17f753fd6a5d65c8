/**
 * Signing secrets written in the source: JWT secrets (jsonwebtoken sign/verify, express-jwt,
 * passport-jwt `secretOrKey`), session and cookie secrets (express-session, cookie-session,
 * cookie-parser). Anyone with the repository (or the bundle) can forge tokens and sessions.
 * A literal used as a fallback (`process.env.JWT_SECRET || 'dev-secret'`) is reported too: it is what
 * runs when the variable is missing. Test files are skipped.
 */
import ts from 'typescript';
import { literalString, unwrap, walk } from '../../code/ast';
import { flowFor } from '../../code/flow/taint';
import { optionNode } from '../../code/middleware/libraries';
import { exportsOf } from '../../code/exports';
import { importSpecifierOf } from '../../code/modules';
import { declarationOf, lookup } from '../../code/scope';
import type { Resolver } from '../../code/values';
import { defineCodeRule } from '../rule';

const TEST_FILE = /(^|\/)(test|tests|__tests__|spec|e2e|fixtures?)\/|\.(test|spec)\.[cm]?[jt]sx?$/;

export default defineCodeRule({
  meta: {
    id: 'hardcoded-signing-secret',
    kind: 'code',
    results: { scope: 'unit' },
    owasp: ['API2:2023', 'API8:2023'],
    cwe: [798],
    severity: 'error',
    recommended: true,
    description: 'Signing secrets for tokens, sessions and cookies must come from configuration, not from the source.',
    messages: {
      literal: 'The {{what}} is a string written in the source: anyone who can read the code can forge {{forge}}.',
      fallback: 'The {{what}} falls back to a string written in the source when the environment variable is missing: a misconfigured deployment silently signs with a public secret.',
    },
  },
  create(ctx) {
    return {
      sourceFile(sf, project) {
        if (TEST_FILE.test(sf.fileName)) return;
        if (!/jsonwebtoken|express-jwt|passport-jwt|express-session|cookie-session|cookie-parser/.test(sf.text)) return;
        const resolver = flowFor(project).resolver;
        walk(sf, (n) => {
          if (!ts.isCallExpression(n) && !ts.isNewExpression(n)) return;
          const v = resolver.resolve(n.expression);
          if (v.kind !== 'external') return;
          const fn = v.path.filter((p) => p !== 'default').join('.');
          const args = n.arguments ?? [];
          const opt = (name: string): ts.Expression | undefined => {
            const o = args[0] && unwrap(args[0]);
            return o && ts.isObjectLiteralExpression(o) ? optionNode(o, name) : undefined;
          };
          if (v.module === 'jsonwebtoken' && (fn === 'sign' || fn === 'verify')) check(args[1], 'JWT signing secret', 'tokens', resolver);
          else if (v.module === 'express-jwt') check(opt('secret'), 'JWT secret', 'tokens', resolver);
          else if (v.module === 'passport-jwt' && /Strategy/.test(fn)) check(opt('secretOrKey'), 'JWT secret', 'tokens', resolver);
          else if (v.module === 'express-session' && fn === '') check(opt('secret'), 'session secret', 'session cookies', resolver);
          else if (v.module === 'cookie-session' && fn === '') check(opt('secret') ?? firstKey(opt('keys')), 'cookie-session key', 'session cookies', resolver);
          else if (v.module === 'cookie-parser' && fn === '') check(args[0], 'cookie signing secret', 'signed cookies', resolver);
        });

        function check(expr: ts.Expression | undefined, what: string, forge: string, r: Resolver): void {
          if (!expr) return;
          const found = secretLiteral(expr, r, 0);
          if (!found) return;
          ctx.report({
            messageId: found.fallback ? 'fallback' : 'literal',
            data: { what, forge },
            at: { file: sf.fileName, range: { start: expr.getStart(sf), end: expr.getEnd() } },
          });
        }
      },
    };
  },
});

function firstKey(e: ts.Expression | undefined): ts.Expression | undefined {
  const u = e && unwrap(e);
  return u && ts.isArrayLiteralExpression(u) ? u.elements[0] : e;
}

/** A string literal the secret always or by default evaluates to (through constants and imports). */
function secretLiteral(expr: ts.Expression, r: Resolver, depth: number): { fallback: boolean } | undefined {
  if (depth > 4) return undefined;
  const e = unwrap(expr);
  const s = literalString(e);
  if (s !== undefined) return s.length > 0 ? { fallback: false } : undefined;
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    const right = secretLiteral(e.right, r, depth + 1);
    return right ? { fallback: true } : undefined;
  }
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    const def = definingExpression(e, r);
    if (def) return secretLiteral(def, r, depth + 1);
    const v = r.resolve(e);
    if (v.kind === 'literal' && literalString(v.node)) return { fallback: false };
  }
  return undefined;
}

/** The expression a name or `config.key` was initialised with, across imports (not evaluated). */
function definingExpression(e: ts.Expression, r: Resolver): ts.Expression | undefined {
  if (ts.isIdentifier(e)) {
    const d = declarationOf(e);
    if (!d) return undefined;
    if (ts.isVariableDeclaration(d)) return d.initializer;
    if (ts.isImportSpecifier(d) || ts.isImportClause(d)) {
      const spec = importSpecifierOf(d);
      const file = spec && r.resolveSpecifier(e.getSourceFile().fileName, spec);
      const sf = file && r.sourceFile(file);
      if (!sf) return undefined;
      const ex = exportsOf(sf);
      const name = ts.isImportClause(d) ? 'default' : (d.propertyName ?? d.name).text;
      const t = ex.named.get(name);
      if (t?.kind === 'expr') return t.node;
      if (t?.kind === 'decl' && ts.isVariableDeclaration(t.node)) return t.node.initializer;
      if (t?.kind === 'local') {
        const ld = lookup(t.name, t.at);
        return ld && ts.isVariableDeclaration(ld) ? ld.initializer : undefined;
      }
      if (name === 'default' && ex.commonJs) return ex.commonJs;
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(e)) {
    const base = r.resolve(e.expression);
    if (base.kind === 'object') {
      for (const p of base.node.properties) {
        if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === e.name.text) return p.initializer;
      }
    }
  }
  return undefined;
}
