import type ts from 'typescript';
import { guardUsesWithEvidenceIn } from '../../code/nestjs/by-file';
import { nestModel } from '../../code/nestjs/extract';
import type { GuardInfo, NestRoute } from '../../code/nestjs/model';
import { defineCodeRule } from '../rule';

/** Names that promise protection: an allow-all guard named like this misleads its readers. */
const PROTECTIVE_NAME = /auth|jwt|session|token|bearer|api-?key|role|admin|permission|polic|scope|owner|access|secur|protect|private|internal|login/i;

export default defineCodeRule({
  meta: {
    id: 'nest-ineffective-guard',
    kind: 'code',
    results: { scope: 'project' },
    owasp: ['API2:2023', 'API5:2023'],
    cwe: [807, 287],
    severity: 'error',
    recommended: true,
    description: 'A NestJS guard must not let requests through on a client-controlled value, always allow, or accept a missing user.',
    messages: {
      bypass: '{{guard}} lets the request through when the {{how}}, which the client controls: {{count}} route(s) rely on it (first: {{route}}).',
      allowAll: '{{guard}}.canActivate() always returns true, yet {{count}} route(s) use it as protection (first: {{route}}).',
      optionalUser: '{{guard}}.handleRequest() returns the user without rejecting a missing one, so passport never refuses a request: {{count}} route(s) rely on it (first: {{route}}).',
    },
  },
  create(ctx) {
    return {
      sourceFile(sf, project) {
        const model = nestModel(project);
        // Grouped by the evidence node, not by GuardInfo object: a mixin guard has one info per
        // argument, and the incremental Nest model keeps reused controllers' infos from an
        // earlier build, yet each is the same guard, to be reported once with all its routes.
        const uses = new Map<ts.Node, { g: GuardInfo; routes: NestRoute[]; names: string[] }>();
        for (const { route: r, use: u } of guardUsesWithEvidenceIn(model, sf)) {
          const g = u.guard;
          if (!g.bypass && !g.weakness) continue;
          const at = g.evidenceAt!;
          let entry = uses.get(at);
          if (!entry) uses.set(at, (entry = { g, routes: [], names: [] }));
          if (!entry.routes.includes(r)) {
            entry.routes.push(r);
            entry.names.push(g.name);
          }
        }
        for (const [at, { g, routes, names }] of uses) {
          const first = routes[0].operation;
          const data = { guard: g.decl?.node.name?.text ?? g.name, count: routes.length, route: `${first.method.toUpperCase()} ${first.path}` };
          const range = { start: at.getStart(sf), end: at.getEnd() };
          const related = routes.slice(0, 5).map((r, i) => ({ file: r.operation.at.file, range: r.operation.at.range, message: `${r.operation.method.toUpperCase()} ${r.operation.path} uses ${names[i]}` }));
          if (g.bypass) ctx.report({ messageId: 'bypass', data: { ...data, how: g.bypass.replace(/ is set$/, '') + ' is set' }, at: { file: sf.fileName, range }, related });
          else if (g.weakness === 'optional-user') ctx.report({ messageId: 'optionalUser', data, at: { file: sf.fileName, range }, related });
          else if (g.weakness === 'allow-all' && PROTECTIVE_NAME.test(data.guard)) ctx.report({ messageId: 'allowAll', data, at: { file: sf.fileName, range }, related });
        }
      },
    };
  },
});
