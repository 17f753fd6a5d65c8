import type ts from 'typescript';
import { nestModel } from '../../code/nestjs/extract';
import { corsProblem } from '../../code/nestjs/misconfig';
import { defineCodeRule } from '../rule';

export default defineCodeRule({
  meta: {
    id: 'nest-cors-permissive-origin',
    kind: 'code',
    results: { scope: 'project' },
    owasp: ['API8:2023'],
    cwe: [942],
    severity: 'error',
    recommended: true,
    description: 'NestJS CORS (enableCors, NestFactory.create cors) must not allow any origin together with credentials.',
    messages: {
      reflectsAnyOrigin: 'CORS accepts every origin ({{how}}) with credentials: true: any web page a user visits can call this API as that user and read the responses.',
      wildcardWithCredentials: "CORS allows origin '*' with credentials: true: browsers refuse the combination, so either credentials are not needed or the origin must be an explicit list.",
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      sourceFile(sf, project) {
        const model = nestModel(project);
        const seen = new Set<ts.Node>();
        for (const app of model.apps) {
          for (const c of app.cors) {
            if (c.file.sourceFile !== sf || !c.expr || seen.has(c.expr)) continue;
            seen.add(c.expr);
            const p = corsProblem(c.expr);
            if (!p) continue;
            const range = { start: p.origin.getStart(sf), end: p.origin.getEnd() };
            const suggestions = [{
              title: 'Allow only the origins of your own front ends',
              isSnippet: true,
              edits: [{ file: sf.fileName, range, newText: "['${1:https://app.example.com}']" }],
            }];
            if (p.kind === 'reflects') ctx.report({ messageId: 'reflectsAnyOrigin', data: { how: p.how }, at: { file: sf.fileName, range }, suggestions });
            else ctx.report({ messageId: 'wildcardWithCredentials', at: { file: sf.fileName, range }, suggestions });
          }
        }
      },
    };
  },
});
