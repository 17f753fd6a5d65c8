import rule from '../../../server/src/engine/rules/code/sql-injection';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const head = ts`
  import express from 'express';
  import { pool, sequelize, knex, prisma } from './db';
  const app = express();
`;
const db = { 'db.ts': 'export declare const pool: any, sequelize: any, knex: any, prisma: any;\n' };

ruleTester(rule, {
  valid: [
    {
      name: 'placeholders with bound parameters',
      files: db,
      code: head + ts`
        app.get('/users', async (req, res) => {
          const r = await pool.query('SELECT * FROM users WHERE name = $1', [req.query.name]);
          res.json(r.rows);
        });
      `,
    },
    {
      name: 'tagged templates and replacements',
      files: db,
      code: head + ts`
        app.get('/orders/:id', async (req, res) => {
          const a = await prisma.$queryRaw\`SELECT * FROM orders WHERE id = \${req.params.id}\`;
          const b = await sequelize.query('SELECT * FROM orders WHERE id = :id', { replacements: { id: req.params.id } });
          res.json([a, b]);
        });
      `,
    },
    {
      name: 'a number parsed from the request',
      files: db,
      code: head + ts`
        app.get('/page', async (req, res) => {
          const limit = parseInt(req.query.limit, 10);
          res.json(await pool.query(\`SELECT * FROM items LIMIT \${limit}\`));
        });
      `,
    },
  ],
  invalid: [
    {
      name: 'a template with a query parameter',
      files: db,
      code: head + ts`
        app.get('/users', async (req, res) => {
          const r = await pool.query(\`SELECT * FROM users WHERE name = '\${req.query.name}'\`);
          res.json(r.rows);
        });
      `,
      errors: [{ messageId: 'concatenated', line: 5, column: 30 }],
    },
    {
      name: 'concatenation through a variable, knex.raw, and sequelize.literal in a helper',
      files: db,
      code: head + ts`
        function byStatus(status: string) {
          return knex.raw('SELECT * FROM orders WHERE status = ' + status);
        }
        app.get('/orders', async (req, res) => {
          const { sort } = req.query;
          const sql = 'SELECT * FROM orders ORDER BY ' + sort;
          res.json([await sequelize.query(sql), await byStatus(req.query.status)]);
        });
      `,
      errors: [
        { messageId: 'concatenated', line: 10, text: 'sql' },
        { messageId: 'concatenated', line: 5, text: "'SELECT * FROM orders WHERE status = ' + status" },
      ],
    },
  ],
});
