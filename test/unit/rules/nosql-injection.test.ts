import rule from '../../../server/src/engine/rules/code/nosql-injection';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const head = ts`
  import express from 'express';
  import { User } from './models';
  const app = express();
  app.use(express.json());
`;
const models = { 'models.ts': 'export declare const User: any;\n' };

ruleTester(rule, {
  valid: [
    {
      name: 'values forced to strings, path parameters',
      files: models,
      code: head + ts`
        app.post('/login', async (req, res) => {
          const user = await User.findOne({ email: String(req.body.email), password: \`\${req.body.password}\` });
          res.json(user);
        });
        app.get('/users/:name', async (req, res) => res.json(await User.findOne({ name: req.params.name })));
      `,
    },
    {
      name: 'express-mongo-sanitize before the routes',
      files: models,
      code: head + ts`
        import mongoSanitize from 'express-mongo-sanitize';
        app.use(mongoSanitize());
        app.post('/login', async (req, res) => res.json(await User.findOne({ email: req.body.email })));
      `,
    },
    {
      name: 'Sequelize where options are not Mongo filters',
      files: models,
      code: head + ts`
        app.post('/search', async (req, res) => res.json(await User.findOne({ where: { email: req.body.email } })));
      `,
    },
    {
      name: 'mongoose sanitizeFilter is on',
      files: { ...models, 'db.ts': "import mongoose from 'mongoose';\nmongoose.set('sanitizeFilter', true);\n" },
      code: head + ts`
        app.post('/login', async (req, res) => res.json(await User.findOne({ email: req.body.email })));
      `,
    },
  ],
  invalid: [
    {
      name: 'a body value straight into findOne',
      files: models,
      code: head + ts`
        app.post('/login', async (req, res) => {
          const { email, password } = req.body;
          res.json(await User.findOne({ email, password }));
        });
      `,
      errors: [{ messageId: 'operator', line: 7, text: 'email' }],
    },
    {
      name: 'the whole query string as the filter',
      files: models,
      code: head + ts`
        app.get('/users', async (req, res) => res.json(await User.find(req.query)));
      `,
      errors: [{ messageId: 'wholeFilter', line: 5, text: 'req.query' }],
    },
    {
      name: 'request data in $where',
      files: models,
      code: head + ts`
        app.get('/users', async (req, res) => res.json(await User.find({ $where: \`this.age > \${req.query.age}\` })));
      `,
      errors: [{ messageId: 'where', line: 5 }],
    },
  ],
});
