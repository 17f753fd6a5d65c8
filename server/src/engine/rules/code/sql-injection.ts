/**
 * SQL injection: request data concatenated or interpolated into SQL text passed to a driver or an
 * ORM's raw-query API. Tagged templates (`sql\`…\``, Prisma `$queryRaw\`…\``) and placeholders with
 * bound parameters are the safe forms and never match.
 */
import ts from 'typescript';
import { dottedName, unwrap } from '../../code/ast';
import { isSqlMethod } from '../../code/flow/data-access';
import { forEachRouteCall } from '../../code/flow/route-calls';
import { defineCodeRule } from '../rule';

const RAW_FUNCTIONS = /^(literal|raw|whereRaw|orWhereRaw|havingRaw|orderByRaw|joinRaw|\$queryRawUnsafe|\$executeRawUnsafe|unsafe)$/;

export default defineCodeRule({
  meta: {
    id: 'sql-injection',
    kind: 'code',
    results: { scope: 'unit' },
    owasp: ['API8:2023'],
    cwe: [89],
    severity: 'error',
    recommended: true,
    description: 'Do not build SQL text from request data; pass values as bound parameters.',
    messages: {
      concatenated: '{{method}} {{path}}: {{source}} is built into the SQL passed to {{api}}; use a placeholder and pass the value as a parameter.',
    },
  },
  create(ctx) {
    const seen = new Set<ts.Node>();
    return {
      route(route, project) {
        forEachRouteCall(route, project, seen, (call, c, flow) => {
          if (!ts.isCallExpression(call) || call.arguments.length === 0) return;
          const callee = unwrap(call.expression);
          const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
          if (!method) return;
          const receiver = ts.isPropertyAccessExpression(callee) ? dottedName(callee.expression)?.pop() ?? '' : '';
          const sqlish = RAW_FUNCTIONS.test(method)
            || (isSqlMethod(method) && /^(db|pool|client|conn|connection|sql|database|sequelize|knex|tx|trx|mysql|pg|pgp|prisma|em|manager|entityManager|queryRunner|dataSource|sqlite|orm)$/i.test(receiver));
          if (!sqlish) return;
          const sql = call.arguments[0];
          const t = flow.requestSource(sql, c);
          if (!t || !t.built || t.converted) return;
          seen.add(call);
          const sf = sql.getSourceFile();
          ctx.report({
            messageId: 'concatenated',
            data: { method: route.method.toUpperCase(), path: route.path, source: t.text, api: `${receiver ? receiver + '.' : ''}${method}()` },
            at: { file: sf.fileName, range: { start: sql.getStart(sf), end: sql.getEnd() } },
            operation: { method: route.method.toUpperCase(), path: route.path },
          });
        });
      },
    };
  },
});
