/**
 * What each handler parameter receives, by its decorator: `@Body()`, `@Param('id')`, `@Req()`…
 * and custom parameter decorators made with `createParamDecorator`, read to see whether they
 * return the principal (`request.user`) or a part of the request.
 */
import ts from 'typescript';
import type { CodeFile } from '../project';
import type { HandlerParam } from './model';
import { calleeName, propertyName, returnedExpressions, unwrap } from './syntax';
import type { Workspace } from './workspace';

export type InputSource = 'body' | 'params' | 'query' | 'headers' | 'cookies' | 'request' | 'response' | 'principal';

const BUILT_IN: Record<string, InputSource> = {
  Body: 'body', Param: 'params', Query: 'query', Headers: 'headers', Req: 'request', Request: 'request', Res: 'response', Response: 'response',
};
const PRINCIPAL_NAME = /^(user|currentuser|authuser|reqUser|principal|me|account|actor|session|jwtpayload|tokenpayload|auth|caller|viewer|authenticateduser|loggeduser|getuser)$/i;
const REQUEST_PARTS: Record<string, InputSource> = { body: 'body', params: 'params', query: 'query', headers: 'headers', cookies: 'cookies', signedCookies: 'cookies' };

export interface HandlerInputInfo {
  param: ts.ParameterDeclaration;
  source: InputSource;
  name?: string;
}

export function handlerInputs(ws: Workspace, file: CodeFile, params: HandlerParam[]): HandlerInputInfo[] {
  const out: HandlerInputInfo[] = [];
  for (const p of params) {
    const builtIn = BUILT_IN[p.decorator];
    if (builtIn) {
      out.push({ param: p.node, source: builtIn, ...(p.key !== undefined ? { name: p.key } : {}) });
      continue;
    }
    const custom = customSource(ws, file, p);
    if (custom) out.push({ param: p.node, ...custom });
  }
  return out;
}

/** `@CurrentUser()` → principal; `@Cookies('sid')` → cookies 'sid'; unreadable ones by name. */
function customSource(ws: Workspace, file: CodeFile, p: HandlerParam): { source: InputSource; name?: string } | undefined {
  const d = ts.getDecorators(p.node)?.[0];
  if (!d) return undefined;
  const e = unwrap(d.expression);
  const callee = ts.isCallExpression(e) ? e.expression : e;
  const r = ws.followAlias(ws.resolveExpression(file, callee));
  if (r.kind === 'decl' && ts.isVariableDeclaration(r.node) && r.node.initializer) {
    const init = unwrap(r.node.initializer);
    if (ts.isCallExpression(init) && calleeName(init.expression) === 'createParamDecorator' && init.arguments[0]) {
      const fn = unwrap(init.arguments[0]);
      if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
        const s = factorySource(fn);
        if (s) return { ...s, ...(p.key !== undefined && !s.name ? { name: p.key } : {}) };
      }
    }
  }
  return PRINCIPAL_NAME.test(p.decorator) ? { source: 'principal' } : undefined;
}

/** What a createParamDecorator factory returns: `request.user`, `request.user?.[data]`, `request.cookies?.[data]`. */
function factorySource(fn: ts.ArrowFunction | ts.FunctionExpression): { source: InputSource; name?: string } | undefined {
  for (const ret of returnedExpressions(fn)) {
    let x = unwrap(ret);
    // `data ? user?.[data] : user`
    if (ts.isConditionalExpression(x)) x = unwrap(x.whenFalse);
    const names: string[] = [];
    let cur: ts.Expression = x;
    for (let i = 0; i < 6; i++) {
      if (ts.isPropertyAccessExpression(cur)) {
        names.unshift(cur.name.text);
        cur = unwrap(cur.expression);
      } else if (ts.isElementAccessExpression(cur)) {
        names.unshift('[]');
        cur = unwrap(cur.expression);
      } else break;
    }
    if (ts.isIdentifier(cur)) names.unshift(cur.text);
    const part = names.find((n) => n in REQUEST_PARTS);
    if (part) return { source: REQUEST_PARTS[part] };
    if (names.some((n) => /^(user|principal|auth|currentUser)$/.test(n))) return { source: 'principal' };
  }
  // `const { user } = ctx.switchToHttp().getRequest(); return user;`
  const body = fn.body;
  if (ts.isBlock(body)) {
    for (const st of body.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const dcl of st.declarationList.declarations) {
        if (ts.isObjectBindingPattern(dcl.name) && dcl.name.elements.some((el) => /^(user|principal)$/.test((el.propertyName && propertyName(el.propertyName)) ?? el.name.getText()))) return { source: 'principal' };
      }
    }
  }
  return undefined;
}
