import ts from 'typescript';
import { nestModel } from '../../code/nestjs/extract';
import { gatedPaths, underEnvironmentCheck } from '../../code/nestjs/misconfig';
import { literalString } from '../../code/nestjs/syntax';
import type { Fix } from '../../types';
import { defineCodeRule } from '../rule';

export default defineCodeRule({
  meta: {
    id: 'nest-swagger-exposed',
    kind: 'code',
    results: { scope: 'project' },
    owasp: ['API8:2023', 'API9:2023'],
    cwe: [200],
    severity: 'warning',
    recommended: true,
    description: 'Swagger UI set up with SwaggerModule.setup must not be served in production without authentication.',
    messages: {
      exposed: 'SwaggerModule.setup serves the API documentation at /{{path}} in every environment and without authentication: it maps every endpoint, parameter and auth scheme for an attacker.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      sourceFile(sf, project) {
        const model = nestModel(project);
        for (const app of model.apps) {
          for (const s of app.swagger) {
            if (s.file.sourceFile !== sf) continue;
            if (underEnvironmentCheck(s.call) || (s.via && underEnvironmentCheck(s.via))) continue;
            const path = (literalString(s.call.arguments[0]) ?? 'api').replace(/^\/+/, '');
            const topScope = enclosingFunction(app.create) ?? app.file.sourceFile;
            const topName = appVariable(app.create);
            const gated = [...gatedPaths(s.scope, s.appName), ...(topName ? gatedPaths(topScope, topName) : [])];
            if (gated.some((g) => g === path || path.startsWith(g.replace(/\/$/, '') + '/') || g === '')) continue;
            ctx.report({
              messageId: 'exposed',
              data: { path },
              at: { file: sf.fileName, range: { start: s.call.getStart(sf), end: s.call.getEnd() } },
              suggestions: envGuardFix(sf, s.call),
            });
          }
        }
      },
    };
  },
});

function enclosingFunction(n: ts.Node): ts.Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return p;
  return undefined;
}

function appVariable(create: ts.CallExpression): string | undefined {
  let n: ts.Node = create;
  while (n.parent && (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent))) n = n.parent;
  return n.parent && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name) ? n.parent.name.text : undefined;
}

/** Wraps the setup statement in `if (process.env.NODE_ENV !== 'production') { … }`. */
function envGuardFix(sf: ts.SourceFile, call: ts.CallExpression): Fix[] {
  let st: ts.Node = call;
  while (st.parent && !ts.isExpressionStatement(st)) st = st.parent;
  if (!ts.isExpressionStatement(st)) return [];
  const start = st.getStart(sf);
  const lineStart = sf.text.lastIndexOf('\n', start - 1) + 1;
  const indent = /^[ \t]*/.exec(sf.text.slice(lineStart))![0];
  const eol = sf.text.includes('\r\n') ? '\r\n' : '\n';
  const unit = indent.includes('\t') ? '\t' : '  ';
  return [{
    title: "Serve the docs only outside production: if (process.env.NODE_ENV !== 'production')",
    edits: [{ file: sf.fileName, range: { start, end: st.getEnd() }, newText: `if (process.env.NODE_ENV !== 'production') {${eol}${indent}${unit}${st.getText(sf)}${eol}${indent}}` }],
  }];
}
