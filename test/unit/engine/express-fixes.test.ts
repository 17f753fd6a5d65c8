/**
 * Every Express quick fix, applied and re-analysed: after the edit the finding is gone and the
 * file still parses. (The rule tests check the exact text of each fix; this checks that it works.)
 */
import * as assert from 'assert';
import ts from 'typescript';
import { createEngine, MemoryFileSystem, ruleById, type Finding, type Fix } from '../../../server/src/engine';
import { applyEdits, expandSnippet, ts as code } from '../../helpers';

async function findingsOf(files: Record<string, string>, ruleId: string): Promise<Finding[]> {
  const rule = ruleById(ruleId)!;
  const engine = createEngine({ fs: new MemoryFileSystem(files), roots: ['/ws'], rules: [rule] });
  const r = await engine.audit();
  assert.deepStrictEqual(r.failures, []);
  return r.findings.filter((f) => f.ruleId === ruleId && !f.suppressed);
}

function apply(files: Record<string, string>, fix: Fix): Record<string, string> {
  const out = { ...files };
  for (const file of new Set(fix.edits.map((e) => e.file))) {
    const edits = fix.edits.filter((e) => e.file === file).map((e) => (fix.isSnippet ? { ...e, newText: expandSnippet(e.newText) } : e));
    out[file] = applyEdits(out[file], edits);
    const sf = ts.createSourceFile(file, out[file], ts.ScriptTarget.Latest, true);
    assert.deepStrictEqual((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length, 0, `${file} no longer parses:\n${out[file]}`);
  }
  return out;
}

async function fixesAndRechecks(ruleId: string, files: Record<string, string>, pick: (f: Finding) => Fix | undefined): Promise<void> {
  const before = await findingsOf(files, ruleId);
  assert.ok(before.length > 0, 'expected a finding before the fix');
  const fix = pick(before[0]);
  assert.ok(fix, 'expected a fix');
  const after = await findingsOf(apply(files, fix), ruleId);
  assert.strictEqual(after.length, before.length - 1, `still reported after "${fix.title}":\n${after.map((f) => f.message).join('\n')}`);
}

const auth = code`
  export function requireAuth(req, res, next) {
    if (!req.headers.authorization) return res.status(401).end();
    next();
  }
  export const requireRole = (role) => (req, res, next) => (req.user?.role === role ? next() : res.sendStatus(403));
`;

describe('express quick fixes, applied and re-analysed', () => {
  it('route-without-authentication: inserts the project auth middleware and imports it', async () => {
    await fixesAndRechecks('route-without-authentication', {
      '/ws/app.ts': code`
        import express from 'express';
        import { requireAuth } from './auth';
        import reports from './reports';
        const app = express();
        app.get('/me', requireAuth, (req, res) => res.json(req.user));
        app.use('/reports', reports);
      `,
      '/ws/reports.ts': code`
        import { Router } from 'express';
        const router = Router();
        router.delete('/:id', (req, res) => res.sendStatus(204));
        export default router;
      `,
      '/ws/auth.ts': auth,
    }, (f) => f.suggestions?.[0]);
  });

  it('route-missing-role-check: the middleware and the inline check both fix it', async () => {
    const files = {
      '/ws/app.ts': code`
        import express from 'express';
        import { requireAuth, requireRole } from './auth';
        const app = express();
        app.use(requireAuth);
        app.get('/admin/ok', requireRole('admin'), (req, res) => res.end());
        app.delete('/admin/users/:id', (req, res) => {
          res.sendStatus(204);
        });
      `,
      '/ws/auth.ts': auth,
    };
    await fixesAndRechecks('route-missing-role-check', files, (f) => f.suggestions?.[0]);
    await fixesAndRechecks('route-missing-role-check', files, (f) => f.suggestions?.find((s) => s.title.includes('top of the handler')));
  });

  it('route-missing-ownership-check: the owner condition scopes the lookup', async () => {
    await fixesAndRechecks('route-missing-ownership-check', {
      '/ws/app.ts': code`
        import express from 'express';
        import { requireAuth } from './auth';
        import { Order } from './models';
        const app = express();
        app.use(requireAuth);
        app.get('/orders/:id', async (req, res) => res.json(await Order.findByPk(req.params.id)));
      `,
      '/ws/auth.ts': auth,
      '/ws/models.ts': 'export declare const Order: any;\n',
    }, (f) => f.suggestions?.[0]);
  });

  it('request-body-mass-assignment: picked fields replace the body', async () => {
    await fixesAndRechecks('request-body-mass-assignment', {
      '/ws/app.ts': code`
        import express from 'express';
        import { User } from './models';
        const app = express();
        app.post('/users', async (req, res) => res.json(await User.create({ ...req.body, plan: 'free' })));
      `,
      '/ws/models.ts': 'export declare const User: any;\n',
    }, (f) => f.suggestions?.[0]);
  });

  it('auth-route-without-rate-limit: a new express-rate-limit limiter', async () => {
    await fixesAndRechecks('auth-route-without-rate-limit', {
      '/ws/app.js': code`
        const express = require('express');
        const app = express();
        app.post('/login', (req, res) => res.end());
      `,
    }, (f) => f.suggestions?.[0]);
  });

  it('cors-permissive-origin: an explicit origin list', async () => {
    await fixesAndRechecks('cors-permissive-origin', {
      '/ws/app.ts': code`
        import express from 'express';
        import cors from 'cors';
        const app = express();
        app.use(cors({ origin: true, credentials: true }));
      `,
    }, (f) => f.suggestions?.[0]);
  });
});
