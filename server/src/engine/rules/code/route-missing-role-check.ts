/**
 * Broken function level authorization: an administrative route (admin path, role/permission
 * change, bulk or destructive operation) that authenticates the caller but never checks a role,
 * permission or scope, so any logged-in user can call it.
 */
import ts from 'typescript';
import { administrativeReason } from '../../code/access';
import { escapeSnippet as esc, insertMiddlewareFix, middlewareCandidates } from '../../code/express/fixes';
import { flowFor } from '../../code/flow/taint';
import { nestModel } from '../../code/nestjs/extract';
import { nestRoleFixes } from '../../code/nestjs/fixes';
import type { RouteFacts } from '../../code/route-facts';
import type { Fix } from '../../types';
import { defineCodeRule } from '../rule';

export default defineCodeRule({
  meta: {
    id: 'route-missing-role-check',
    kind: 'code',
    results: { scope: 'unit', findingsReadProject: true, eachRoute: true },
    owasp: ['API5:2023'],
    cwe: [285],
    severity: 'error',
    recommended: true,
    description: 'Administrative routes must check a role or permission, not only that the caller is logged in.',
    messages: {
      noRoleCheck: '{{method}} {{path}} is administrative ({{reason}}) but only checks that the caller is logged in ({{auth}}): any authenticated user can call it, no role or permission check runs.',
    },
    fix: 'suggestion',
  },
  create(ctx) {
    return {
      route(route, project) {
        if (!route.auth.known || !route.auth.value.required) return;
        const facts = project.routeFacts.get(route);
        if (!facts || !facts.authorization.known || facts.authorization.value.by.length > 0) return;
        const admin = administrativeReason(route, facts, flowFor(project));
        if (!admin) return;
        const suggestions: Fix[] = [];
        for (const c of middlewareCandidates(project.express, ctx.settings, ['authorization']).slice(0, 2)) {
          const f = insertMiddlewareFix(facts, c, project.express, `Require a role: add \`${c.text}\` before the handler`);
          if (f) suggestions.push(f);
        }
        const inline = inlineRoleCheck(facts);
        if (inline) suggestions.push(inline);
        if (route.source === 'nestjs') suggestions.push(...nestRoleFixes(nestModel(project), route));
        const method = route.method.toUpperCase();
        ctx.report({
          messageId: 'noRoleCheck',
          data: { method, path: route.path, reason: admin.reason, auth: route.auth.value.by.join(', ') },
          at: { file: route.at.file, range: route.at.range },
          operation: { method, path: route.path },
          ...(admin.at ? { related: [{ file: admin.at.getSourceFile().fileName, range: { start: admin.at.getStart(), end: admin.at.getEnd() }, message: admin.reason }] } : {}),
          suggestions,
        });
      },
    };
  },
});

/** `if (req.user?.role !== 'admin') return res.status(403).json({ error: 'forbidden' });` at the top of an Express handler. */
function inlineRoleCheck(facts: RouteFacts): Fix | undefined {
  if (facts.framework !== 'express' || !facts.handler) return undefined;
  const fn = facts.handler.node;
  const [req, res] = fn.parameters;
  if (!req || !res || !ts.isIdentifier(req.name) || !ts.isIdentifier(res.name) || !fn.body || !ts.isBlock(fn.body)) return undefined;
  const sf = fn.getSourceFile();
  const first = fn.body.statements[0];
  const bodyStart = fn.body.getStart(sf) + 1;
  const lineStart = sf.text.lastIndexOf('\n', first ? first.getStart(sf) - 1 : bodyStart) + 1;
  const indent = first ? /^[ \t]*/.exec(sf.text.slice(lineStart))![0] : '  ';
  const eol = sf.text.includes('\r\n') ? '\r\n' : '\n';
  const check = `${esc(`if (${req.name.text}.user?.role !== '`)}\${1:admin}${esc(`') return ${res.name.text}.status(403).json({ error: 'forbidden' });`)}`;
  const edit = first && sf.getLineAndCharacterOfPosition(first.getStart(sf)).line > sf.getLineAndCharacterOfPosition(bodyStart).line
    ? { start: lineStart, text: `${indent}${check}${eol}` }
    : { start: bodyStart, text: ` ${check}` };
  return { title: 'Require a role: check req.user.role at the top of the handler', isSnippet: true, edits: [{ file: sf.fileName, range: { start: edit.start, end: edit.start }, newText: edit.text }] };
}
