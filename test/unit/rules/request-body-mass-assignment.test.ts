import rule from '../../../server/src/engine/rules/code/request-body-mass-assignment';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const head = ts`
  import express from 'express';
  import { User } from './models';
  const app = express();
`;
const models = { 'models.ts': 'export declare const User: any;\n' };

ruleTester(rule, {
  valid: [
    {
      name: 'fields picked one by one',
      files: models,
      code: head + ts`
        app.post('/users', async (req, res) => {
          res.json(await User.create({ name: req.body.name, email: req.body.email }));
        });
      `,
    },
    {
      name: 'named fields destructured (after a spread copy)',
      files: models,
      code: head + ts`
        app.post('/users', async (req, res) => {
          const { name, email } = { ...req.body };
          res.json(await User.create({ name, email }));
        });
      `,
    },
    {
      name: 'a whitelisting validator (zod parse) in between',
      files: { ...models, 'schemas.ts': "import { z } from 'zod';\nexport const NewUser = z.object({ name: z.string() });\n" },
      code: head + ts`
        import { NewUser } from './schemas';
        app.post('/users', async (req, res) => {
          const data = NewUser.parse(req.body);
          res.json(await User.create(data));
        });
      `,
    },
    {
      name: 'celebrate validates before the handler',
      files: models,
      code: head + ts`
        import { celebrate, Joi } from 'celebrate';
        app.post('/users', celebrate({ body: Joi.object({ name: Joi.string() }) }), async (req, res) => {
          res.json(await User.create(req.body));
        });
      `,
    },
    {
      name: 'Object.assign into a fresh object is only a copy',
      files: models,
      code: head + ts`
        app.post('/echo', (req, res) => res.json(Object.assign({}, req.body)));
      `,
    },
  ],
  invalid: [
    {
      name: 'the whole body into create, with a pick suggestion from the fields the handler reads',
      files: models,
      code: head + ts`
        app.post('/users', async (req, res) => {
          if (!req.body.email) return res.sendStatus(400);
          res.json(await User.create(req.body));
        });
      `,
      errors: [{
        messageId: 'wholeBody',
        line: 6,
        text: 'req.body',
        suggestions: [head + ts`
          app.post('/users', async (req, res) => {
            if (!req.body.email) return res.sendStatus(400);
            res.json(await User.create({ email: req.body.email }));
          });
        `],
      }],
    },
    {
      name: 'a spread copy with an override still passes every other field',
      files: models,
      code: head + ts`
        app.put('/users/:id', async (req, res) => {
          await User.update({ ...req.body, updatedBy: req.user.id }, { where: { id: req.user.id } });
          res.sendStatus(204);
        });
      `,
      errors: [{
        messageId: 'spreadBody',
        line: 5,
        suggestions: [head + ts`
          app.put('/users/:id', async (req, res) => {
            await User.update({ name: req.body.name, updatedBy: req.user.id }, { where: { id: req.user.id } });
            res.sendStatus(204);
          });
        `],
      }],
    },
    {
      name: 'through a variable, a rest destructuring and Object.assign onto a loaded record',
      files: models,
      code: head + ts`
        app.patch('/me', async (req, res) => {
          const { password, ...changes } = req.body;
          const user = await User.findByPk(req.user.id);
          Object.assign(user, changes);
          await user.save();
          res.sendStatus(204);
        });
      `,
      errors: [{ messageId: 'wholeBody', line: 7, text: 'changes' }],
    },
    {
      name: 'into a Mongoose document built in a service in another file',
      filename: 'user-service.ts',
      code: ts`
        import { User } from './models';
        export function register(input: unknown) {
          return new User(input).save();
        }
      `,
      files: {
        ...models,
        'app.ts': head + ts`
          import { register } from './user-service';
          app.post('/users', async (req, res) => res.json(await register(req.body)));
        `,
      },
      errors: [{ messageId: 'wholeBody', line: 3, text: 'input' }],
    },
  ],
});
