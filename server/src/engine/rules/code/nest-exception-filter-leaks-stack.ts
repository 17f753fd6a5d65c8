import ts from 'typescript';
import { routesInFile } from '../../code/nestjs/by-file';
import { nestModel } from '../../code/nestjs/extract';
import { underEnvironmentCheck } from '../../code/nestjs/misconfig';
import { decoratorName, decoratorsOf, implementsNames, methodOf, unwrap, walkTree } from '../../code/nestjs/syntax';
import { defineCodeRule } from '../rule';

/** Error properties that expose internals: stack traces and database driver details. */
const LEAKY = /^(stack|sql|sqlMessage|sqlState|query|parameters|driverError)$/;
const SEND = /^(json|send|end|jsonp|reply|write)$/;

export default defineCodeRule({
  meta: {
    id: 'nest-exception-filter-leaks-stack',
    kind: 'code',
    results: { scope: 'project' },
    owasp: ['API8:2023'],
    cwe: [209, 497],
    severity: 'warning',
    recommended: true,
    description: 'NestJS exception filters and handlers must not send stack traces or driver details to clients.',
    messages: {
      filterLeaks: '{{filter}} sends `{{what}}` to the client for every exception it catches: stack traces and driver details reveal file paths, libraries, queries and code structure.',
      handlerLeaks: '{{route}} sends `{{what}}` of a caught error to the client: stack traces and driver details reveal file paths, libraries, queries and code structure.',
    },
  },
  create(ctx) {
    return {
      sourceFile(sf, project) {
        // Exception filters: @Catch() classes (or ExceptionFilter implementations) and their catch(exception, host).
        for (const st of sf.statements) {
          if (!ts.isClassDeclaration(st)) continue;
          const isFilter = decoratorsOf(st).some((d) => decoratorName(d) === 'Catch') || implementsNames(st).includes('ExceptionFilter');
          const m = isFilter ? methodOf(st, 'catch') : undefined;
          const p0 = m?.parameters[0];
          if (!m || !p0 || !ts.isIdentifier(p0.name)) continue;
          for (const leak of leaksIn(m, new Set([p0.name.text]))) {
            ctx.report({ messageId: 'filterLeaks', data: { filter: st.name?.text ?? 'This exception filter', what: leak.getText(sf) }, at: { file: sf.fileName, range: { start: leak.getStart(sf), end: leak.getEnd() } } });
          }
        }
        // Route handlers: a caught error's stack returned or thrown inside an HttpException.
        const model = nestModel(project);
        const seen = new Set<ts.Node>();
        for (const r of routesInFile(model, sf)) {
          if (seen.has(r.method)) continue;
          seen.add(r.method);
          for (const leak of handlerLeaks(r.method)) {
            ctx.report({
              messageId: 'handlerLeaks',
              data: { route: `${r.operation.method.toUpperCase()} ${r.operation.path}`, what: leak.getText(sf) },
              at: { file: sf.fileName, range: { start: leak.getStart(sf), end: leak.getEnd() } },
              operation: { method: r.operation.method.toUpperCase(), path: r.operation.path },
            });
          }
        }
      },
    };
  },
});

/** Names bound to the error: the parameter, and `const err = exception as Error` aliases. */
function aliases(root: ts.Node, names: Set<string>): Set<string> {
  const out = new Set(names);
  walkTree(root, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const init = unwrap(n.initializer);
      if (ts.isIdentifier(init) && out.has(init.text)) out.add(n.name.text);
    }
  });
  return out;
}

/** `error.stack` (and driver details) inside what a response call sends, not behind an environment check. */
function leaksIn(root: ts.Node, errorNames: Set<string>): ts.Node[] {
  const names = aliases(root, errorNames);
  const out: ts.Node[] = [];
  walkTree(root, (n) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && SEND.test(n.expression.name.text)) {
      for (const a of n.arguments) collectLeaks(a, names, out);
    }
  });
  return out.filter((x) => !underEnvironmentCheck(x));
}

function collectLeaks(e: ts.Node, names: Set<string>, out: ts.Node[]): void {
  walkTree(e, (n) => {
    if (ts.isPropertyAccessExpression(n) && LEAKY.test(n.name.text)) {
      const base = unwrap(n.expression);
      if (ts.isIdentifier(base) && names.has(base.text)) {
        out.push(n);
        return 'skip';
      }
    }
    return undefined;
  });
}

/** In a handler: `catch (e) { return { stack: e.stack } }` and `throw new XException(e.stack)`. */
function handlerLeaks(m: ts.MethodDeclaration): ts.Node[] {
  const out: ts.Node[] = [];
  if (!m.body) return out;
  walkTree(m.body, (n) => {
    if (!ts.isCatchClause(n) || !n.variableDeclaration || !ts.isIdentifier(n.variableDeclaration.name)) return undefined;
    const names = aliases(n.block, new Set([n.variableDeclaration.name.text]));
    walkTree(n.block, (x) => {
      if (ts.isFunctionLike(x)) return 'skip';
      if (ts.isReturnStatement(x) && x.expression) collectLeaks(x.expression, names, out);
      else if (ts.isThrowStatement(x) && ts.isNewExpression(unwrap(x.expression))) collectLeaks(x.expression, names, out);
      else if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && SEND.test(x.expression.name.text)) for (const a of x.arguments) collectLeaks(a, names, out);
      return undefined;
    });
    return 'skip';
  });
  return out.filter((x) => !underEnvironmentCheck(x));
}
