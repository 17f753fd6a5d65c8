import ts from 'typescript';
import { nestModel, type NestModel } from '../../code/nestjs/extract';
import { importEdits } from '../../code/nestjs/fixes';
import type { NestApp } from '../../code/nestjs/model';
import { bodyType, pipesFor, type PipeInfo } from '../../code/nestjs/pipes';
import type { Fix } from '../../types';
import { defineCodeRule } from '../rule';

const WRITES = new Set(['post', 'put', 'patch', 'all']);

export default defineCodeRule({
  meta: {
    id: 'nest-request-body-not-whitelisted',
    kind: 'code',
    results: { scope: 'project' },
    owasp: ['API3:2023'],
    cwe: [915],
    severity: 'warning',
    recommended: true,
    description: 'NestJS request bodies must be DTO classes checked by a ValidationPipe with whitelist: true, so clients cannot add properties.',
    messages: {
      noWhitelist: 'This ValidationPipe does not set whitelist: true, so properties a DTO does not declare still reach {{route}} and the handlers after it: a client can add fields like `role` or `isAdmin`.',
      noPipe: 'No ValidationPipe runs for {{count}} handler(s) that take DTO bodies (first: {{route}}): class-validator rules are not enforced and every property of the body reaches the handler.',
      untypedBody: '@Body() {{name}} is typed {{type}} in {{route}}: ValidationPipe validates and whitelists only class-typed bodies, so any property reaches the handler.',
      entityBody: '@Body() {{name}} in {{route}} takes the persistence entity {{type}} (@{{marker}}): a client can set every column, including server-owned ones; accept a DTO with only the writable fields.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    const reportedPipes = new Set<ts.Node>();
    const reportedParams = new Set<ts.Node>();
    let model: NestModel | undefined;
    return {
      route(op, project) {
        if (op.source !== 'nestjs' || !WRITES.has(op.method)) return;
        model ??= nestModel(project);
        const route = model.routeOf(op);
        if (!route) return;
        const label = `${op.method.toUpperCase()} ${op.path}`;
        for (const param of route.params) {
          if (param.decorator !== 'Body' || param.key !== undefined) continue;
          const t = bodyType(model.workspace, route.file, param);
          if (t.kind === 'untyped' || t.kind === 'interface' || t.kind === 'entity') {
            if (reportedParams.has(param.node)) continue;
            reportedParams.add(param.node);
            const at = param.node.type ?? param.node.name;
            const range = { start: at.getStart(route.file.sourceFile), end: at.getEnd() };
            if (t.kind === 'entity') ctx.report({ messageId: 'entityBody', data: { name: param.name, route: label, type: t.name, marker: t.marker }, at: { file: route.file.path, range }, operation: { method: op.method.toUpperCase(), path: op.path } });
            else ctx.report({ messageId: 'untypedBody', data: { name: param.name, route: label, type: t.kind === 'interface' ? `the interface ${t.name}` : t.text }, at: { file: route.file.path, range }, operation: { method: op.method.toUpperCase(), path: op.path } });
            continue;
          }
          if (t.kind !== 'dto') continue;
          const pipes = pipesFor(model, route, param).filter((p) => p.whitelist !== undefined);
          if (pipes.some((p) => p.whitelist === true || p.whitelist === 'unknown')) continue;
          for (const p of pipes) reportPipe(p, label);
        }
      },
      sourceFile(sf, project) {
        // Once per app, anchored on NestFactory.create: its DTO-body handlers that no ValidationPipe reaches.
        model ??= nestModel(project);
        for (const app of model.apps) {
          if (app.file.path !== sf.fileName) continue;
          const routes = model.routes.filter((r) => r.app === app && WRITES.has(r.operation.method) && r.params.some((p) => p.decorator === 'Body' && p.key === undefined
            && bodyType(model!.workspace, r.file, p).kind === 'dto' && pipesFor(model!, r, p).every((x) => x.whitelist === undefined)));
          if (!routes.length) continue;
          const first = routes[0].operation;
          ctx.report({
            messageId: 'noPipe',
            data: { count: routes.length, route: `${first.method.toUpperCase()} ${first.path}` },
            at: { file: app.file.path, range: { start: app.create.getStart(app.file.sourceFile), end: app.create.getEnd() } },
            suggestions: globalPipeFix(app),
          });
        }
      },
    };

    function reportPipe(p: PipeInfo, label: string): void {
      if (reportedPipes.has(p.expr)) return;
      reportedPipes.add(p.expr);
      ctx.report({
        messageId: 'noWhitelist',
        data: { route: label },
        at: { file: p.file.path, range: { start: p.expr.getStart(p.file.sourceFile), end: p.expr.getEnd() } },
        suggestions: whitelistFix(p),
      });
    }
  },
});

/** `new ValidationPipe()` → `new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })`; `{ transform: true }` gains the two options. */
function whitelistFix(p: PipeInfo): Fix[] {
  const sf = p.file.sourceFile;
  const e = ts.isNewExpression(p.expr) ? p.expr : undefined;
  const title = 'Strip and reject unknown properties: whitelist: true, forbidNonWhitelisted: true';
  if (p.options) {
    const props = p.options.properties;
    const edits = [];
    const w = props.find((x) => x.name?.getText(sf) === 'whitelist');
    if (w && ts.isPropertyAssignment(w)) edits.push({ file: p.file.path, range: { start: w.initializer.getStart(sf), end: w.initializer.getEnd() }, newText: 'true' });
    const missing = [...(w ? [] : ['whitelist: true']), ...(p.forbidNonWhitelisted ? [] : props.some((x) => x.name?.getText(sf) === 'forbidNonWhitelisted') ? [] : ['forbidNonWhitelisted: true'])];
    if (missing.length) {
      if (props.length) edits.push({ file: p.file.path, range: { start: props[props.length - 1].getEnd(), end: props[props.length - 1].getEnd() }, newText: `, ${missing.join(', ')}` });
      else edits.push({ file: p.file.path, range: { start: p.options.getStart(sf), end: p.options.getEnd() }, newText: `{ ${missing.join(', ')} }` });
    }
    return edits.length ? [{ title, edits }] : [];
  }
  if (e && (!e.arguments || e.arguments.length === 0)) {
    const close = e.getEnd();
    const text = e.arguments ? '{ whitelist: true, forbidNonWhitelisted: true }' : '({ whitelist: true, forbidNonWhitelisted: true })';
    return [{ title, edits: [{ file: p.file.path, range: { start: close - (e.arguments ? 1 : 0), end: close - (e.arguments ? 1 : 0) }, newText: text }] }];
  }
  return [];
}

/** `app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }))` after the app is created. */
function globalPipeFix(app: NestApp): Fix[] {
  const sf = app.file.sourceFile;
  let st: ts.Node = app.create;
  while (st.parent && !ts.isVariableStatement(st) && !ts.isExpressionStatement(st)) st = st.parent;
  if (!ts.isVariableStatement(st)) return [];
  const decl = st.declarationList.declarations[0];
  if (!decl || !ts.isIdentifier(decl.name)) return [];
  const lineStart = sf.text.lastIndexOf('\n', st.getStart(sf) - 1) + 1;
  const indent = /^[ \t]*/.exec(sf.text.slice(lineStart))![0];
  const eol = sf.text.includes('\r\n') ? '\r\n' : '\n';
  return [{
    title: 'Validate every body: app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }))',
    edits: [
      { file: app.file.path, range: { start: st.getEnd(), end: st.getEnd() }, newText: `${eol}${indent}${decl.name.text}.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));` },
      ...importEdits(app.file, [{ name: 'ValidationPipe', from: { spec: '@nestjs/common' } }]),
    ],
  }];
}
