/**
 * Mass assignment: the whole request body (directly, through a variable, a spread copy or
 * `Object.assign`) written into a model (create/update/insert/save/new Model/doc.set). Picking
 * fields, a whitelisting validator (`schema.parse(req.body)`, Joi/celebrate, `_.pick`) or
 * destructuring named fields breaks the flow and the rule stays quiet.
 */
import ts from 'typescript';
import { wholeBodyWrites, type BodyWrite as Sink } from '../../code/flow/body-writes';
import { flowFor, handlerContext, type Flow, type FlowContext } from '../../code/flow/taint';
import type { RouteFacts } from '../../code/route-facts';
import { escapeSnippet as esc } from '../../code/express/fixes';
import type { Fix } from '../../types';
import { defineCodeRule } from '../rule';

const PRIVILEGED = /^(role|roles|isAdmin|is_admin|admin|permissions|verified|isVerified|emailVerified|balance|credits|plan|tier|owner|ownerId|userId|tenantId|id|_id|createdAt|updatedAt|deleted|approved|status)$/;

export default defineCodeRule({
  meta: {
    id: 'request-body-mass-assignment',
    kind: 'code',
    results: { scope: 'unit' },
    owasp: ['API3:2023'],
    cwe: [915],
    severity: 'warning',
    recommended: true,
    description: 'Do not write the whole request body into a model: pick the fields a client may set.',
    messages: {
      wholeBody: '{{method}} {{path}} writes {{source}} as a whole into {{into}}: a client can set any field, including ones like `role` or `isAdmin`.',
      spreadBody: '{{method}} {{path}} copies every field of {{source}} into {{into}} with a spread: a client can set any field, including ones like `role` or `isAdmin`.',
    },
    fix: 'suggestion',
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
        const sinks = wholeBodyWrites(facts, project);
        for (const s of sinks) {
          if (reported.has(s.node)) continue;
          reported.add(s.node);
          const sf = s.node.getSourceFile();
          const fields = bodyFieldsUsed(facts, flow, flowCtx);
          const fix = pickFix(s, fields);
          ctx.report({
            messageId: s.spread ? 'spreadBody' : 'wholeBody',
            data: { method: route.method.toUpperCase(), path: route.path, source: s.taint.text, into: s.into },
            at: { file: sf.fileName, range: { start: s.node.getStart(sf), end: s.node.getEnd() } },
            operation: { method: route.method.toUpperCase(), path: route.path },
            related: [{ file: route.at.file, range: route.at.range, message: `route ${route.method.toUpperCase()} ${route.path}` }],
            suggestions: fix ? [fix] : [],
          });
        }
      },
    };
  },
});

/** Fields of the body the handler reads by name (`req.body.email`), as pick candidates. */
function bodyFieldsUsed(facts: RouteFacts, flow: Flow, ctx: FlowContext): string[] {
  const out = new Set<string>();
  const body = facts.handler?.node.body;
  if (!body) return [];
  const visit = (n: ts.Node): void => {
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && !ts.isCallExpression(n.parent)) {
      const t = flow.source(n, ctx);
      if (t && t.kind === 'body' && t.path.length === 1 && /^[A-Za-z_$][\w$]*$/.test(t.path[0]) && !PRIVILEGED.test(t.path[0])) out.add(t.path[0]);
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return [...out];
}

function pickFix(s: Sink, fields: string[]): Fix | undefined {
  const sf = s.node.getSourceFile();
  const file = sf.fileName;
  const source = s.spread ? s.spread.expression.getText() : s.node.getText();
  if (source.includes('\n')) return undefined;
  const props = fields.length
    ? fields.map((f) => `${f}: ${esc(source)}.${f}`).join(', ')
    : `\${1:name}: ${esc(source)}.\${1:name}`;
  const title = fields.length ? `Pick the fields a client may set (${fields.join(', ')})` : 'Pick the fields a client may set';
  if (s.spread) {
    return { title, isSnippet: true, edits: [{ file, range: { start: s.spread.getStart(sf), end: s.spread.getEnd() }, newText: props }] };
  }
  return { title, isSnippet: true, edits: [{ file, range: { start: s.node.getStart(sf), end: s.node.getEnd() }, newText: `{ ${props} \\}` }] };
}
