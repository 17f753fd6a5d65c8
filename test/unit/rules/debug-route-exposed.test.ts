import rule from '../../../server/src/engine/rules/code/debug-route-exposed';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const auth = ts`
  function requireAdmin(req, res, next) {
    if (!req.user || req.user.role !== 'admin') return res.sendStatus(403);
    next();
  }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'debug routes and dashboards behind authentication',
      code: ts`
        import express from 'express';
        import { ExpressAdapter } from '@bull-board/express';
        const app = express();
        const board = new ExpressAdapter();
        app.use('/admin', requireAdmin);
        app.use('/admin/queues', board.getRouter());
        app.get('/admin/debug/env', (req, res) => res.json(process.env));
      ` + auth,
    },
    {
      name: 'ordinary public routes',
      code: ts`
        import express from 'express';
        const app = express();
        app.get('/products', (req, res) => res.json([]));
      `,
    },
  ],
  invalid: [
    {
      name: 'an environment dump and a queue dashboard without authentication',
      code: ts`
        import express from 'express';
        import { ExpressAdapter } from '@bull-board/express';
        const app = express();
        const board = new ExpressAdapter();
        app.get('/debug/env', (req, res) => res.json(process.env));
        app.use('/queues', board.getRouter());
        app.use('/admin', requireAdmin);
      ` + auth,
      errors: [
        { messageId: 'toolingMounted', line: 6, text: 'board.getRouter()' },
        { messageId: 'debugRoute', line: 5, text: "'/debug/env'" },
      ],
    },
  ],
});
