/**
 * NoSQL (MongoDB) operator injection: a query filter built from request values that may be objects
 * (`{ "password": { "$ne": null } }` in a JSON body, `?user[$ne]=x` with the extended query parser),
 * the whole body/query used as a filter, or request data in a `$where` JavaScript clause.
 * Values forced to strings (`String(x)`, templates), path parameters (always strings), a
 * sanitizer (express-mongo-sanitize) or Mongoose's `sanitizeFilter` are the safe look-alikes.
 */
import ts from 'typescript';
import { unwrap } from '../../code/ast';
import { dataAccessOf } from '../../code/flow/data-access';
import { forEachRouteCall } from '../../code/flow/route-calls';
import type { Taint } from '../../code/flow/taint';
import { optionNode } from '../../code/middleware/libraries';
import type { CodeProject } from '../../code/project';
import { defineCodeRule } from '../rule';

const MONGO_METHODS = /^(find|findOne|findOneAndUpdate|findOneAndDelete|findOneAndRemove|findOneAndReplace|updateOne|updateMany|deleteOne|deleteMany|countDocuments|count|exists|distinct|replaceOne|aggregate)$/;
const SANITIZERS = new Set(['express-mongo-sanitize', 'mongo-sanitize', 'express-mongo-sanitizer']);

const sanitized = new WeakMap<CodeProject, boolean>();
/** `mongoose.set('sanitizeFilter', true)` anywhere in the project. */
export function projectSanitizes(project: CodeProject): boolean {
  let v = sanitized.get(project);
  if (v === undefined) {
    v = [...project.files.values()].some((f) => f.text.includes('sanitizeFilter'));
    sanitized.set(project, v);
  }
  return v;
}

function injectable(t: Taint | undefined): t is Taint {
  return !!t && (t.kind === 'body' || t.kind === 'query') && !t.converted && !t.stringified;
}

export default defineCodeRule({
  meta: {
    id: 'nosql-injection',
    kind: 'code',
    results: { scope: 'unit' },
    owasp: ['API8:2023'],
    cwe: [943],
    severity: 'error',
    recommended: true,
    description: 'Do not put request values that may be objects into MongoDB filters, nor request data into $where.',
    messages: {
      operator: '{{method}} {{path}}: {{source}} goes into the {{api}} filter as is; a client can send an object such as {"$ne": null} instead of a string. Cast it with String() or sanitize the input.',
      wholeFilter: '{{method}} {{path}}: {{source}} is the whole {{api}} filter, so the client writes the query (operators included).',
      where: '{{method}} {{path}}: {{source}} reaches a $where clause, which MongoDB runs as JavaScript.',
    },
  },
  // Whether the project sanitizes operators app-wide changes the results of every route.
  projectKey: (project) => String(projectSanitizes(project)),
  create(ctx) {
    const seen = new Set<ts.Node>();
    return {
      route(route, project) {
        const facts = project.routeFacts.get(route);
        if (!facts || facts.chain.some((e) => e.library && SANITIZERS.has(e.library))) return;
        const noOperators = projectSanitizes(project);
        forEachRouteCall(route, project, seen, (call, c, flow) => {
          const da = dataAccessOf(call);
          if (!da || !MONGO_METHODS.test(da.method) || !ts.isCallExpression(call)) return;
          const filter = call.arguments[0];
          if (!filter) return;
          const f = unwrap(filter);
          const report = (messageId: 'operator' | 'wholeFilter' | 'where', node: ts.Node, t: Taint): void => {
            seen.add(call);
            const sf = node.getSourceFile();
            ctx.report({
              messageId,
              data: { method: route.method.toUpperCase(), path: route.path, source: t.text, api: `${da.target}.${da.method}()` },
              at: { file: sf.fileName, range: { start: node.getStart(sf), end: node.getEnd() } },
              operation: { method: route.method.toUpperCase(), path: route.path },
            });
          };
          if (ts.isObjectLiteralExpression(f)) {
            if (optionNode(f, 'where')) return; // Sequelize/TypeORM/Prisma style options, not a Mongo filter
            const where = optionNode(f, '$where');
            if (where) {
              const t = flow.requestSource(where, c);
              if (t) return report('where', where, t);
            }
            if (noOperators) return;
            for (const p of f.properties) {
              const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
              if (!value) continue;
              const t = flow.requestSource(value, c);
              if (injectable(t) && !t.whole) return report('operator', value, t);
              if (injectable(t) && t.whole) return report('wholeFilter', value, t);
            }
            return;
          }
          if (noOperators) return;
          const t = flow.requestSource(f, c);
          if (injectable(t) && t.whole) report('wholeFilter', filter, t);
          else if (injectable(t)) report('operator', filter, t);
        });
      },
    };
  },
});
