/**
 * Credential flows (login, sign-up, password reset, OTP/MFA, token refresh) must be rate limited,
 * and a limiter must not key on a header the client writes (`X-Forwarded-For`): both leave the
 * door open to credential stuffing, brute force and SMS/e-mail flooding.
 */
import ts from 'typescript';
import { unwrap, walk } from '../../code/ast';
import { insertMiddlewareFix, middlewareCandidates } from '../../code/express/fixes';
import { optionNode } from '../../code/middleware/libraries';
import { nestModel } from '../../code/nestjs/extract';
import { nestRateLimitFacts } from '../../code/nestjs/throttle';
import type { CodeProject } from '../../code/project';
import { isAuthFlowRoute } from '../../code/public-routes';
import type { RouteFacts } from '../../code/route-facts';
import { lookup } from '../../code/scope';
import { Resolver } from '../../code/values';
import type { Operation } from '../../model/operation';
import type { Fix, TextEdit } from '../../types';
import { defineCodeRule } from '../rule';

const LIMITER_PACKAGES = new Set(['express-rate-limit', 'express-slow-down', 'rate-limiter-flexible']);
const FLOW = /(^|\/)(login|log-in|signin|sign-in|sign_in|signup|sign-up|sign_up|register|registration|forgot|forgot-password|forgotpassword|reset|reset-password|resetpassword|password-reset|password|otp|mfa|2fa|verify|verify-email|verify-otp|magic-link|token|tokens|refresh|refresh-token|sessions|authenticate|change-password|resend|send-code|sms)(\/|$)/i;

export default defineCodeRule({
  meta: {
    id: 'auth-route-without-rate-limit',
    kind: 'code',
    results: { scope: 'project' },
    owasp: ['API2:2023', 'API4:2023', 'API6:2023'],
    cwe: [307, 770],
    severity: 'warning',
    recommended: true,
    description: 'Login, sign-up, password-reset and OTP routes must be rate limited, by a key the client cannot forge.',
    messages: {
      noLimit: '{{method}} {{path}} is a credential flow with no rate limiter before it ({{evidence}}): it can be used for credential stuffing, brute force or message flooding.',
      spoofableKey: 'This rate limiter keys on {{header}}, which the client sets: rotating its value bypasses the limit. Key on `req.ip` with `app.set(\'trust proxy\', <hops>)` instead.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    const resolvers = new WeakMap<CodeProject, Resolver>();
    const resolverOf = (p: CodeProject): Resolver => {
      let r = resolvers.get(p);
      if (!r) { r = p.express?.resolver ?? new Resolver(p.files); resolvers.set(p, r); }
      return r;
    };
    return {
      route(route, project) {
        if (!isCredentialFlow(route)) return;
        if (!route.rateLimit.known || route.rateLimit.value) return;
        const facts = project.routeFacts.get(route);
        const suggestions: Fix[] = [];
        if (facts) {
          for (const c of middlewareCandidates(project.express, ctx.settings, ['rate-limit']).slice(0, 1)) {
            const f = insertMiddlewareFix(facts, c, project.express, `Rate limit: add \`${c.text}\` before the handler`);
            if (f) suggestions.push(f);
          }
          if (!suggestions.length) {
            const f = newLimiterFix(facts);
            if (f) suggestions.push(f);
          }
        }
        const before = facts?.chain.filter((e) => e.via !== 'guard').map((e) => `\`${e.name}\``) ?? [];
        const method = route.method.toUpperCase();
        const nest = route.source === 'nestjs' ? nestRateLimitFacts(nestModel(project), route) : undefined;
        if (nest) suggestions.push(...nest.fixes);
        ctx.report({
          messageId: 'noLimit',
          data: { method, path: route.path, evidence: nest?.evidence ?? (before.length ? `only ${before.join(', ')} run${before.length === 1 ? 's' : ''} first` : 'no middleware runs first') },
          at: { file: route.at.file, range: route.at.range },
          operation: { method, path: route.path },
          suggestions,
        });
      },
      sourceFile(sf, project) {
        if (!sf.text.includes('orwarded')) return;
        const resolver = resolverOf(project);
        walk(sf, (n) => {
          if (!ts.isCallExpression(n)) return;
          const v = resolver.resolve(n.expression);
          if (v.kind !== 'external' || !LIMITER_PACKAGES.has(v.module)) {
            // rate-limiter-flexible: limiter.consume(req.headers['x-forwarded-for'])
            if (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'consume' && n.arguments[0]) {
              const h = forwardedHeader(n.arguments[0]);
              if (h) report(h.node, h.header);
            }
            return;
          }
          const opts = n.arguments[0] && unwrap(n.arguments[0]);
          const key = opts && ts.isObjectLiteralExpression(opts) ? optionNode(opts, 'keyGenerator') : undefined;
          if (!key) return;
          const h = forwardedHeader(key);
          if (h) report(h.node, h.header);
        });
        function report(node: ts.Node, header: string): void {
          ctx.report({ messageId: 'spoofableKey', data: { header }, at: { file: sf.fileName, range: { start: node.getStart(sf), end: node.getEnd() } } });
        }
      },
    };
  },
});

function isCredentialFlow(route: Operation): boolean {
  if (route.method === 'get' || route.method === 'head' || route.method === 'options') return false;
  return FLOW.test(route.path) || isAuthFlowRoute(route.path) && !/logout|log-out|signout|sign-out|callback/i.test(route.path);
}

/** A read of `X-Forwarded-For` (or `X-Real-IP`) in an expression or function. */
function forwardedHeader(node: ts.Node): { node: ts.Node; header: string } | undefined {
  let found: { node: ts.Node; header: string } | undefined;
  const check = (n: ts.Node): void => {
    if (found) return;
    if (ts.isStringLiteralLike(n) && /^x-(forwarded-for|real-ip|client-ip)$/i.test(n.text)) {
      let at: ts.Node = n;
      if (n.parent && (ts.isElementAccessExpression(n.parent) || ts.isCallExpression(n.parent))) at = n.parent;
      found = { node: at, header: `\`${n.text}\`` };
    }
    ts.forEachChild(n, check);
  };
  check(node);
  return found;
}

/** Adds `express-rate-limit` with a strict window for this route (import, limiter, middleware). */
function newLimiterFix(facts: RouteFacts): Fix | undefined {
  const reg = facts.registration;
  const at = facts.insertMiddlewareAt;
  if (!reg || !at || facts.framework !== 'express') return undefined;
  const sf = reg.getSourceFile();
  if (lookup('rateLimit', reg) || lookup('authLimiter', reg)) return undefined;
  let stmt: ts.Node = reg;
  while (stmt.parent && !ts.isSourceFile(stmt.parent) && !ts.isBlock(stmt.parent)) stmt = stmt.parent;
  const eol = sf.text.includes('\r\n') ? '\r\n' : '\n';
  const esm = sf.statements.some((s) => ts.isImportDeclaration(s)) || /\.[cm]?tsx?$/.test(sf.fileName) && !sf.text.includes('require(');
  const importText = esm ? `import rateLimit from 'express-rate-limit';` : `const rateLimit = require('express-rate-limit');`;
  let importAt = 0;
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) || (ts.isVariableStatement(s) && s.getText().includes('require('))) importAt = s.getEnd();
    else if (importAt) break;
  }
  const lineStart = sf.text.lastIndexOf('\n', stmt.getStart(sf) - 1) + 1;
  const indent = /^[ \t]*/.exec(sf.text.slice(lineStart))![0];
  const edits: TextEdit[] = [
    importAt ? { file: sf.fileName, range: { start: importAt, end: importAt }, newText: eol + importText } : { file: sf.fileName, range: { start: 0, end: 0 }, newText: importText + eol },
    { file: sf.fileName, range: { start: lineStart, end: lineStart }, newText: `${indent}const authLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 10 });${eol}` },
    { file: at.file, range: { start: at.offset, end: at.offset }, newText: 'authLimiter, ' },
  ];
  return { title: 'Rate limit: add express-rate-limit (10 attempts per 15 minutes) before the handler', edits };
}
