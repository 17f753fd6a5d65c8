import rule from '../../../server/src/engine/rules/code/route-missing-role-check';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const app = ts`
  import express from 'express';
  import { User } from './models';
  const app = express();
  function requireAuth(req, res, next) {
    if (!req.user) return res.sendStatus(401);
    next();
  }
  const requireRole = (role) => (req, res, next) => (req.user.role === role ? next() : res.sendStatus(403));
  app.use(requireAuth);
`;
const models = { 'models.ts': 'export declare const User: any;\n' };

ruleTester(rule, {
  valid: [
    {
      name: 'an admin route with a role middleware',
      files: models,
      code: app + ts`
        app.delete('/admin/users/:id', requireRole('admin'), async (req, res) => {
          await User.destroy({ where: { id: req.params.id } });
          res.sendStatus(204);
        });
      `,
    },
    {
      name: 'an inline role check in the handler',
      files: models,
      code: app + ts`
        app.post('/users/:id/role', async (req, res) => {
          if (!req.user.isAdmin) return res.status(403).json({ error: 'forbidden' });
          await User.update({ role: req.body.role }, { where: { id: req.params.id } });
          res.sendStatus(204);
        });
      `,
    },
    {
      name: 'ordinary self-service routes',
      files: models,
      code: app + ts`
        app.patch('/me', async (req, res) => {
          await User.update({ name: String(req.body.name) }, { where: { id: req.user.id } });
          res.sendStatus(204);
        });
        app.get('/orders', (req, res) => res.json([]));
      `,
    },
    {
      name: 'an admin path without authentication is route-without-authentication\'s finding',
      files: models,
      code: ts`
        import express from 'express';
        const app = express();
        app.get('/admin/stats', (req, res) => res.json({}));
      `,
    },
  ],
  invalid: [
    {
      name: 'an admin path with authentication only (the project has a role middleware)',
      files: models,
      code: app + ts`
        app.get('/admin/stats', requireAuth, (req, res) => res.json({}));
        app.get('/admin/ok', requireRole('admin'), (req, res) => res.json({}));
      `,
      errors: [{
        messageId: 'noRoleCheck',
        line: 10,
        text: "'/admin/stats'",
        suggestions: [
          app + ts`
            app.get('/admin/stats', requireRole('admin'), requireAuth, (req, res) => res.json({}));
            app.get('/admin/ok', requireRole('admin'), (req, res) => res.json({}));
          `,
        ],
      }],
    },
    {
      name: 'a handler that writes user.role from the request',
      files: models,
      code: app + ts`
        app.put('/users/:id', async (req, res) => {
          const user = await User.findByPk(req.params.id);
          user.role = req.body.role;
          await user.save();
          res.sendStatus(204);
        });
      `,
      errors: [{
        messageId: 'noRoleCheck',
        line: 10,
        text: "'/users/:id'",
        suggestions: [app + ts`
          app.put('/users/:id', async (req, res) => {
            if (req.user?.role !== 'admin') return res.status(403).json({ error: 'forbidden' });
            const user = await User.findByPk(req.params.id);
            user.role = req.body.role;
            await user.save();
            res.sendStatus(204);
          });
        `],
      }],
    },
    {
      name: 'a mass delete',
      files: models,
      code: app + ts`
        app.post('/cleanup', async (req, res) => {
          await User.destroy({ truncate: true });
          res.sendStatus(204);
        });
      `,
      errors: [{ messageId: 'noRoleCheck', line: 10 }],
    },
  ],
});
