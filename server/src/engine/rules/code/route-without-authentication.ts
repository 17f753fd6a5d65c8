/**
 * A route that runs no authentication before its handler (and does not check credentials at the
 * top of the handler), in a place where the project's own conventions say it should. Reported only
 * when the whole chain is known; the message explains which middleware runs and why the
 * project's authentication does not reach this route.
 */
import { isDebugToolingPath } from '../../code/access';
import { insertMiddlewareFix, middlewareCandidates } from '../../code/express/fixes';
import { firstPrincipalRead } from '../../code/middleware/signals';
import { nestModel } from '../../code/nestjs/extract';
import { nestAuthFixes } from '../../code/nestjs/fixes';
import { isAuthFlowRoute, isPublicRoute } from '../../code/public-routes';
import type { Fix } from '../../types';
import { defineCodeRule } from '../rule';

/** POST used to read (search forms, GraphQL-style queries): treated like a read. */
const READ_LIKE = /(^|\/)(search|query|lookup|filter|find|autocomplete|suggest|graphql)(\/|$)/i;
const SENSITIVE = /(^|\/)(admin|users?|accounts?|me|profile|orders?|payments?|invoices?|customers?|internal|private|settings|keys?|secrets?|tokens?|export|reports?|audit|billing|wallets?|transactions?|cards?|uploads?|files?|documents?|messages?|debug|config)(\/|$)/i;

export default defineCodeRule({
  meta: {
    id: 'route-without-authentication',
    kind: 'code',
    results: { scope: 'project' },
    owasp: ['API2:2023'],
    cwe: [306],
    severity: 'error',
    recommended: true,
    description: 'Routes must run authentication before their handler, unless they are public by design.',
    messages: {
      missing: '{{method}} {{path}} has no authentication: {{evidence}}.',
      readsUser: '{{method}} {{path}} reads {{principal}} but no authentication runs before it: {{evidence}}.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      route(route, project) {
        if (!route.auth.known) return;
        const auth = route.auth.value;
        if (auth.required || auth.explicitlyPublic) return;
        // A route the API description declares public (`security: []`) is public by design. One it
        // says requires credentials is reported here too; drift-security-not-enforced stands in for
        // this finding (`supersedes`) with both sides linked, and offers its fixes.
        const documented = project.documentedAs?.(route);
        if (documented?.auth.known && !documented.auth.value.required && documented.auth.value.explicitlyPublic) return;
        if (isPublicRoute(route.path, ctx.settings.publicRoutes) || isAuthFlowRoute(route.path)) return;
        if (isDebugToolingPath(route.path)) return; // debug-route-exposed says it more precisely
        const facts = project.routeFacts.get(route);
        const principal = facts?.handler ? firstPrincipalRead(facts.handler.node) : undefined;
        const method = route.method.toUpperCase();
        const readOnly = route.method === 'get' || route.method === 'head' || route.method === 'options' || READ_LIKE.test(route.path);
        // A read of something public-looking (a catalogue, a home page) is usually public by design.
        // For Express it is reported only when the project's own auth would cover it but is
        // registered after it (public routes placed before `app.use(auth)` look exactly like an
        // ordering mistake), and then only as information.
        const publicLooking = !principal && readOnly && !SENSITIVE.test(route.path);
        if (publicLooking && route.source === 'express' && !facts?.nearMiss?.includes('registered-after')) return;
        const severity = publicLooking ? (route.source === 'express' ? 'info' : 'warning') : undefined;
        const suggestions: Fix[] = [];
        if (facts) {
          for (const c of middlewareCandidates(project.express, ctx.settings, ['authentication']).slice(0, 2)) {
            const fix = insertMiddlewareFix(facts, c, project.express, `Require authentication: add \`${c.text}\` before the handler`);
            if (fix) suggestions.push(fix);
          }
        }
        if (route.source === 'nestjs') suggestions.push(...nestAuthFixes(nestModel(project), route));
        ctx.report({
          messageId: principal ? 'readsUser' : 'missing',
          data: { method, path: route.path, evidence: auth.evidence, ...(principal ? { principal } : {}) },
          at: { file: route.at.file, range: route.at.range },
          operation: { method, path: route.path },
          ...(severity ? { severity } : {}),
          suggestions,
        });
      },
    };
  },
});
