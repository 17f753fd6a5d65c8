/**
 * SSRF: request data decides where the server sends an HTTP request (fetch, axios, got,
 * node-fetch, undici, http/https, needle, request, superagent). A fixed origin with request data
 * only in the path, a URL picked from a server-side map by key, or a check against an allow-list
 * before the call are the safe look-alikes.
 */
import ts from 'typescript';
import { isFunctionNode, literalString, unwrap } from '../../code/ast';
import { flowFor, handlerContext, type Flow, type FlowContext, type Taint } from '../../code/flow/taint';
import { optionNode } from '../../code/middleware/libraries';
import { declarationOf } from '../../code/scope';
import { defineCodeRule } from '../rule';

const CLIENT_PACKAGES = new Set(['axios', 'got', 'node-fetch', 'undici', 'needle', 'request', 'request-promise', 'request-promise-native', 'superagent', 'http', 'https', 'cross-fetch', 'isomorphic-fetch', 'ky', 'make-fetch-happen', 'phin', 'bent', 'follow-redirects']);
const VERBS = /^(get|post|put|patch|delete|head|options|request|fetch|stream|del)$/;
const ALLOW_CALL = /allow|whitelist|trusted|safe|valid|permitted|isInternal|isExternal|isPrivate|approved/i;

export default defineCodeRule({
  meta: {
    id: 'server-side-request-forgery',
    kind: 'code',
    results: { scope: 'unit' },
    owasp: ['API7:2023'],
    cwe: [918],
    severity: 'error',
    recommended: true,
    description: 'Do not let request data choose the host of a server-side HTTP request without an allow-list.',
    messages: {
      ssrf: '{{method}} {{path}}: {{client}} requests a URL taken from {{source}} without checking it against an allow-list; a caller can reach internal services and cloud metadata (169.254.169.254).',
    },
  },
  create(ctx) {
    const reported = new Set<ts.Node>();
    return {
      route(route, project) {
        const facts = project.routeFacts.get(route);
        if (!facts) return;
        const flowCtx = handlerContext(facts);
        if (!flowCtx) return;
        const flow = flowFor(project);
        flow.forEachCall(flowCtx, (call, c) => {
          if (!ts.isCallExpression(call)) return;
          const client = clientOf(call, flow);
          if (!client) return;
          const urlExpr = client.url;
          if (!urlExpr || reported.has(urlExpr)) return;
          const t = flow.requestSource(urlExpr, c);
          if (!t || t.converted) return;
          if (fixedOrigin(urlExpr, 0)) return;
          if (checkedAgainstAllowList(c, flow) || (c !== flowCtx && checkedAgainstAllowList(flowCtx, flow))) return;
          reported.add(urlExpr);
          const sf = urlExpr.getSourceFile();
          ctx.report({
            messageId: 'ssrf',
            data: { method: route.method.toUpperCase(), path: route.path, client: client.name, source: describe(t) },
            at: { file: sf.fileName, range: { start: urlExpr.getStart(sf), end: urlExpr.getEnd() } },
            operation: { method: route.method.toUpperCase(), path: route.path },
          });
        });
      },
    };
  },
});

function describe(t: Taint): string {
  return t.text;
}

/** An HTTP client call and the expression that decides its target. */
function clientOf(call: ts.CallExpression, flow: Flow): { name: string; url?: ts.Expression } | undefined {
  const v = flow.resolver.resolve(call.expression);
  let name: string | undefined;
  let verb: string | undefined;
  if (v.kind === 'global' && v.path.length === 0 && v.name === 'fetch') name = 'fetch';
  else if (v.kind === 'external' && CLIENT_PACKAGES.has(v.module)) {
    const path = v.path.filter((p) => p !== 'default');
    // axios(...), got(...), needle(...), axios.get(...), http.request(...), instance = axios.create(); instance.get(...)
    if (path.length === 0) name = v.module;
    else if (path.length === 1 && VERBS.test(path[0])) { name = `${v.module}.${path[0]}`; verb = path[0]; }
    else if (path.length === 1 && (path[0] === 'fetch' || path[0] === 'request')) name = `${v.module}.${path[0]}`;
    else if (path.length === 3 && path[0] === 'create' && path[1] === '()' && VERBS.test(path[2])) { name = `${v.module} instance .${path[2]}`; verb = path[2]; }
    else return undefined;
  } else if (v.kind === 'external' && v.module === '@nestjs/axios' && v.path[0] === 'HttpService' && v.path[1] === '()') {
    // Nest's injected HttpService: this.http.get(url), this.http.axiosRef.get(url)
    const rest = v.path.slice(2).filter((p) => p !== 'axiosRef');
    if (rest.length !== 1 || !VERBS.test(rest[0])) return undefined;
    name = `HttpService.${rest[0]}`;
    verb = rest[0];
  } else return undefined;
  const args = call.arguments;
  if (!args.length) return { name };
  let url: ts.Expression | undefined = args[0];
  const moduleName = v.kind === 'external' ? v.module : 'fetch';
  if (moduleName === 'needle' && !verb && args.length >= 2) url = args[1];
  const a0 = unwrap(args[0]);
  if (ts.isObjectLiteralExpression(a0)) {
    url = optionNode(a0, 'url') ?? optionNode(a0, 'uri') ?? optionNode(a0, 'baseURL') ?? optionNode(a0, 'host') ?? optionNode(a0, 'hostname') ?? optionNode(a0, 'origin');
  }
  return { name, url };
}

/**
 * Does the URL start with a constant origin followed by a path (`https://api.example.com/` + id)?
 * Request data after the first `/` of the path cannot change the host.
 */
function fixedOrigin(expr: ts.Expression, depth: number): boolean {
  const e = unwrap(expr);
  const head = leadingText(e, depth);
  return head !== undefined && /^https?:\/\/[^/?#@]+[/?#]/i.test(head);
}

function leadingText(e: ts.Expression, depth: number): string | undefined {
  if (depth > 4) return undefined;
  const s = literalString(e);
  if (s !== undefined) return s;
  if (ts.isTemplateExpression(e)) {
    if (e.head.text) return e.head.text;
    const first = leadingText(unwrap(e.templateSpans[0].expression), depth + 1);
    return first === undefined ? undefined : first + e.templateSpans[0].literal.text;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = leadingText(unwrap(e.left), depth + 1);
    if (l === undefined) return undefined;
    const r = literalString(e.right);
    return r !== undefined ? l + r : l;
  }
  if (ts.isIdentifier(e)) {
    const d = declarationOf(e);
    if (d && ts.isVariableDeclaration(d) && d.initializer) return leadingText(unwrap(d.initializer), depth + 1);
  }
  return undefined;
}

/** A condition on request data that consults an allow-list (`ALLOWED.includes(host)`, `isAllowedUrl(u)`). */
function checkedAgainstAllowList(ctx: FlowContext, flow: Flow): boolean {
  const body = ctx.fn.body;
  if (!body) return false;
  let found = false;
  const consider = (cond: ts.Expression): void => {
    if (found || flow.requestSourcesIn(cond, ctx).length === 0) return;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isCallExpression(n)) {
        const callee = unwrap(n.expression);
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
        if (/^(includes|has|startsWith|endsWith|test|match|indexOf|some|every)$/.test(name) || ALLOW_CALL.test(name)) found = true;
      }
      if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || n.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken)
        && (literalString(n.left) !== undefined || literalString(n.right) !== undefined)) found = true;
      ts.forEachChild(n, visit);
    };
    visit(cond);
  };
  const walk = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIfStatement(n)) consider(n.expression);
    if (ts.isConditionalExpression(n)) consider(n.condition);
    if (isFunctionNode(n) && n !== ctx.fn) { ts.forEachChild(n, walk); return; }
    ts.forEachChild(n, walk);
  };
  walk(body);
  return found;
}
