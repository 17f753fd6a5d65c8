import { defineCodeRule } from '../rule';
import { isPublicRoute } from '../../code/public-routes';

export default defineCodeRule({
  meta: {
    id: 'route-without-authentication',
    kind: 'code',
    owasp: ['API2:2023'],
    cwe: [306],
    severity: 'error',
    recommended: true,
    description: 'Routes must run authentication before their handler, unless they are public by design.',
    messages: {
      missing: '{{method}} {{path}} has no authentication: {{evidence}}.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      route(route) {
        if (!route.auth.known) return;
        const auth = route.auth.value;
        if (auth.required || auth.explicitlyPublic) return;
        if (isPublicRoute(route.path, ctx.settings.publicRoutes)) return;
        ctx.report({
          messageId: 'missing',
          data: { method: route.method.toUpperCase(), path: route.path, evidence: auth.evidence },
          at: { file: route.at.file, range: route.at.range },
          operation: { method: route.method.toUpperCase(), path: route.path },
        });
      },
    };
  },
});
