/**
 * Debugging and administration tooling reachable without authentication: routes like `/debug`,
 * `/env`, `/heapdump`, `/actuator`, and dashboards mounted from packages (Bull Board, Agendash,
 * express-status-monitor, swagger-stats) with no authentication in front of them. They expose
 * configuration, secrets in memory, job payloads, or let anyone retry and delete jobs.
 */
import { DEBUG_SEGMENT } from '../../code/access';
import { covers } from '../../code/express/paths';
import type { Applied } from '../../code/express/link';
import type { Segment } from '../../code/express/paths';
import { defineCodeRule } from '../rule';

const TOOLING_PACKAGES = new Set(['@bull-board/express', '@bull-board/api', 'bull-board', 'agendash', 'bull-arena', 'express-status-monitor', 'swagger-stats', 'express-actuator', 'heapdump', 'v8-profiler-next']);

export default defineCodeRule({
  meta: {
    id: 'debug-route-exposed',
    kind: 'code',
    results: { scope: 'project' },
    owasp: ['API8:2023', 'API9:2023'],
    cwe: [489],
    severity: 'error',
    recommended: true,
    description: 'Debug and admin tooling endpoints must not be reachable without authentication.',
    messages: {
      debugRoute: '{{method}} {{path}} looks like debugging or operations tooling and has no authentication: {{evidence}}.',
      toolingMounted: '{{name}} ({{library}}) is mounted at {{path}} with no authentication before it: anyone can open the dashboard.',
    },
  },
  create(ctx) {
    return {
      route(route) {
        if (!route.auth.known || route.auth.value.required || route.auth.value.explicitlyPublic) return;
        const seg = route.path.split('/').find((s) => DEBUG_SEGMENT.test(s));
        if (!seg) return;
        const method = route.method.toUpperCase();
        ctx.report({
          messageId: 'debugRoute',
          data: { method, path: route.path, evidence: route.auth.value.evidence },
          at: { file: route.at.file, range: route.at.range },
          operation: { method, path: route.path },
        });
      },
      sourceFile(sf, project) {
        const model = project.express;
        if (!model) return;
        for (const a of model.applied) {
          if (a.entry.at.file !== sf.fileName || !a.entry.library || !TOOLING_PACKAGES.has(a.entry.library)) continue;
          if (protectedBefore(a, model.applied)) continue;
          ctx.report({
            messageId: 'toolingMounted',
            data: { name: a.entry.name, library: a.entry.library, path: render(a.scope) },
            at: { file: a.entry.at.file, range: a.entry.at.range },
          });
        }
      },
    };
  },
});

function render(segs: Segment[]): string {
  return '/' + segs.map((s) => (s.kind === 'lit' ? s.value : s.kind === 'param' ? `{${s.name}}` : '*')).join('/');
}

/** Is there authentication (or middleware we cannot classify) that runs before `a` for its whole path? */
function protectedBefore(a: Applied, all: readonly Applied[]): boolean {
  return all.some((b) => b.seq < a.seq
    && (b.entry.kind === 'authentication' || b.entry.kind === 'authorization' || b.entry.kind === 'unknown')
    && b.lineage.length <= a.lineage.length && b.lineage.every((x, i) => a.lineage[i] === x)
    && covers(b.scope, a.scope, true) !== 'no');
}
