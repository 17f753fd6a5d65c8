import type ts from 'typescript';
import { nestModel } from '../../code/nestjs/extract';
import { nestAuthFixes } from '../../code/nestjs/fixes';
import { defineCodeRule } from '../rule';

export default defineCodeRule({
  meta: {
    id: 'nest-api-auth-without-guard',
    kind: 'code',
    results: { scope: 'project' },
    owasp: ['API2:2023', 'API9:2023'],
    cwe: [306],
    severity: 'warning',
    recommended: true,
    description: '@ApiBearerAuth/@ApiSecurity document authentication; a guard must enforce it on the same handlers.',
    messages: {
      undocumentedEnforcement: '@{{doc}} documents authentication for {{route}}, but nothing enforces it: {{evidence}}. Swagger clients and reviewers will assume the route is protected.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    const reported = new Set<ts.Decorator>();
    return {
      route(op, project) {
        if (op.source !== 'nestjs' || !op.auth.known) return;
        const auth = op.auth.value;
        if (auth.required || auth.explicitlyPublic) return;
        const model = nestModel(project);
        const route = model.routeOf(op);
        if (!route) return;
        // The handler's own documentation first, then the controller's; one finding per decorator.
        const docs = [...route.apiAuthDocs].sort((a, b) => (a.level === b.level ? 0 : a.level === 'handler' ? -1 : 1));
        const doc = docs[0];
        if (!doc || reported.has(doc.decorator)) return;
        reported.add(doc.decorator);
        const sf = doc.file.sourceFile;
        const label = `${op.method.toUpperCase()} ${op.path}`;
        ctx.report({
          messageId: 'undocumentedEnforcement',
          data: { doc: `${doc.name}()`, route: label, evidence: auth.evidence },
          at: { file: doc.file.path, range: { start: doc.decorator.getStart(sf), end: doc.decorator.getEnd() } },
          operation: { method: op.method.toUpperCase(), path: op.path },
          suggestions: nestAuthFixes(model, op),
        });
      },
    };
  },
});
