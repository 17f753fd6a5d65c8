/**
 * What makes a route administrative (a function-level authorization concern, OWASP API5):
 * an admin-looking path, a change of roles or permissions, or a bulk/destructive operation.
 * Shared by the function-level authorization rule and the ownership rule (which leaves these
 * routes to it).
 */
import ts from 'typescript';
import type { Operation } from '../model/operation';
import { literalString, memberName, unwrap } from './ast';
import { dataAccessOf } from './flow/data-access';
import { handlerContext, type Flow } from './flow/taint';
import type { RouteFacts } from './route-facts';

const ADMIN_SEGMENT = /^(admin|admins|administration|administrator|internal|manage|management|staff|superuser|sudo|backoffice|back-office|moderation|moderator|ops|sysadmin|root|console)$/i;
const PRIVILEGE_SEGMENT = /^(role|roles|permission|permissions|privileges|grant|grants|promote|demote|ban|unban|suspend|impersonate|elevate)$/i;
const BULK_SEGMENT = /^(bulk|all|purge|wipe|truncate|reset-all|batch)$/i;
const PRIVILEGE_FIELD = /^(role|roles|isAdmin|is_admin|admin|permissions|permission|privileges|scopes|isSuperuser|is_superuser|isStaff|accessLevel|access_level|userType|user_type|groups)$/;

export interface AdminReason {
  reason: string;
  /** Where the telling evidence is (the write of `role`, the mass delete), when in the handler. */
  at?: ts.Node;
}

export function administrativeReason(route: Operation, facts: RouteFacts | undefined, flow: Flow | undefined): AdminReason | undefined {
  const segs = route.path.split('/').filter(Boolean);
  const admin = segs.find((s) => ADMIN_SEGMENT.test(s));
  if (admin) return { reason: `its path is under /${admin}` };
  const priv = segs.find((s) => PRIVILEGE_SEGMENT.test(s));
  if (priv && route.method !== 'get') return { reason: `it changes ${priv}` };
  const bulk = segs.find((s) => BULK_SEGMENT.test(s));
  if (bulk && (route.method === 'delete' || route.method === 'post' || route.method === 'put' || route.method === 'patch')) return { reason: `it is a bulk operation (/${bulk})` };
  if (route.method === 'delete' && segs.length >= 2 && /^(users|accounts|members|customers|employees)$/i.test(segs[segs.length - 2]) && segs[segs.length - 1].startsWith('{')) {
    return { reason: 'it deletes another user\'s account' };
  }
  if (!facts || !flow) return undefined;
  const ctx = handlerContext(facts);
  if (!ctx) return undefined;
  let found: AdminReason | undefined;
  flow.forEachCall(ctx, (call) => {
    if (found) return;
    const da = dataAccessOf(call);
    if (!da) return;
    if (da.data) {
      const field = writtenPrivilegeField(da.data);
      if (field) found = { reason: `it writes \`${field}\``, at: da.call };
    }
    if (!found && (da.op === 'delete' || da.op === 'update') && /Many$|^destroy$|^delete$/.test(da.method) && emptyFilter(da.filter[0], da.call)) {
      found = { reason: `it ${da.op === 'delete' ? 'deletes' : 'updates'} every ${da.target}`, at: da.call };
    }
  });
  if (found) return found;
  // `user.role = req.body.role`
  const body = ctx.fn.body;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && (ts.isPropertyAccessExpression(n.left) || ts.isElementAccessExpression(n.left))) {
      const name = memberName(n.left);
      if (name && PRIVILEGE_FIELD.test(name) && flow.requestSource(n.right, ctx)) found = { reason: `it sets \`${n.left.getText()}\` from the request`, at: n };
    }
    ts.forEachChild(n, visit);
  };
  if (body) visit(body);
  return found;
}

function writtenPrivilegeField(data: ts.Expression): string | undefined {
  const d = unwrap(data);
  if (!ts.isObjectLiteralExpression(d)) return undefined;
  for (const p of d.properties) {
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (name && PRIVILEGE_FIELD.test(name)) return name;
    if (name === '$set' && ts.isPropertyAssignment(p)) {
      const inner = writtenPrivilegeField(p.initializer);
      if (inner) return inner;
    }
  }
  return undefined;
}

function emptyFilter(filter: ts.Expression | undefined, call: ts.CallExpression | ts.NewExpression): boolean {
  if (!filter) return ts.isCallExpression(call) && call.arguments.length === 0;
  const f = unwrap(filter);
  if (ts.isObjectLiteralExpression(f)) {
    if (f.properties.length === 0) return true;
    return f.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'truncate' && unwrap(p.initializer).kind === ts.SyntaxKind.TrueKeyword);
  }
  return literalString(f) === undefined && false;
}

/** Debugging and operations tooling paths (reported by debug-route-exposed rather than as plain missing auth). */
export const DEBUG_SEGMENT = /^(debug|_debug|__debug|env|environment|actuator|heapdump|heap|dump|profiler|pprof|__inspect|inspect|repl|eval|phpinfo|config|configuration|_config|__config|internal-status|status-monitor|bull-board|queues|agendash|arena|swagger-stats|graphiql|playground|admin-console|dev)$/i;

export function isDebugToolingPath(path: string): boolean {
  return path.split('/').some((s) => DEBUG_SEGMENT.test(s));
}
