import rule from '../../../server/src/engine/rules/code/error-details-exposed';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'a generic message and an error id; details only in development',
      code: ts`
        import express from 'express';
        const app = express();
        app.use((err, req, res, next) => {
          const id = Date.now().toString(36);
          console.error(id, err);
          if (process.env.NODE_ENV !== 'production') return res.status(500).json({ error: err.message, stack: err.stack });
          res.status(500).json({ error: 'internal error', id });
        });
      `,
    },
    {
      name: 'the error message from a catch block',
      code: ts`
        import express from 'express';
        const app = express();
        app.get('/x', async (req, res) => {
          try { throw new Error('x'); } catch (e) { res.status(400).json({ error: e.message }); }
        });
      `,
    },
    {
      name: 'errorhandler only in development',
      code: ts`
        import express from 'express';
        import errorhandler from 'errorhandler';
        const app = express();
        if (app.get('env') === 'development') app.use(errorhandler());
      `,
    },
  ],
  invalid: [
    {
      name: 'the raw error and the stack',
      code: ts`
        import express from 'express';
        const app = express();
        app.get('/orders', async (req, res) => {
          try { res.json([]); } catch (err) { res.status(500).send(err); }
        });
        app.use((err, req, res, next) => res.status(500).json({ message: err.message, stack: err.stack }));
      `,
      errors: [
        { messageId: 'rawError', line: 4, text: 'err' },
        { messageId: 'rawError', line: 6, text: 'err.stack' },
      ],
    },
    {
      name: 'a driver error from .catch(); errorhandler() unconditionally',
      code: ts`
        import express from 'express';
        import errorhandler from 'errorhandler';
        import { db } from './db';
        const app = express();
        app.get('/users', (req, res) => db.query('SELECT 1').then((r) => res.json(r)).catch((e) => res.status(500).json({ error: e.sql })));
        app.use(errorhandler());
      `,
      files: { 'db.ts': 'export declare const db: any;\n' },
      errors: [
        { messageId: 'rawError', line: 5, text: 'e.sql' },
        { messageId: 'devHandler', line: 6, text: 'errorhandler()' },
      ],
    },
  ],
});
