import rule from '../../../server/src/engine/rules/code/code-injection';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'JSON.parse instead of eval; a function timer',
      code: ts`
        import express from 'express';
        const app = express();
        app.post('/calc', (req, res) => {
          const data = JSON.parse(req.body.payload);
          setTimeout(() => res.json(data), 10);
        });
      `,
    },
    {
      name: 'eval of a constant',
      code: ts`
        import express from 'express';
        const app = express();
        app.get('/x', (req, res) => res.json(eval('1 + 1')));
      `,
    },
  ],
  invalid: [
    {
      name: 'eval of a body field',
      code: ts`
        import express from 'express';
        const app = express();
        app.post('/calc', (req, res) => res.json({ result: eval(req.body.expression) }));
      `,
      errors: [{ messageId: 'evaluated', line: 3, text: 'req.body.expression' }],
    },
    {
      name: 'new Function and vm in a helper',
      code: ts`
        import express from 'express';
        import vm from 'vm';
        const app = express();
        function run(src: string) {
          return vm.runInNewContext(src, {});
        }
        app.post('/rules', (req, res) => {
          const check = new Function('order', req.body.rule);
          res.json({ ok: check({}), other: run(req.body.script) });
        });
      `,
      errors: [
        { messageId: 'evaluated', line: 8, text: 'req.body.rule' },
        { messageId: 'evaluated', line: 5, text: 'src' },
      ],
    },
  ],
});
