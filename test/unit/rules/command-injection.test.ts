import rule from '../../../server/src/engine/rules/code/command-injection';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'arguments as an array without a shell',
      code: ts`
        import express from 'express';
        import { execFile } from 'child_process';
        const app = express();
        app.get('/ping', (req, res) => {
          execFile('ping', ['-c', '1', String(req.query.host)], (err, out) => res.send(out));
        });
      `,
    },
    {
      name: 'a constant command',
      code: ts`
        import express from 'express';
        import { exec } from 'child_process';
        const app = express();
        app.post('/rebuild', (req, res) => exec('npm run build', () => res.end()));
      `,
    },
  ],
  invalid: [
    {
      name: 'exec with a template',
      code: ts`
        import express from 'express';
        import { exec } from 'child_process';
        const app = express();
        app.get('/ping', (req, res) => {
          exec(\`ping -c 1 \${req.query.host}\`, (err, out) => res.send(out));
        });
      `,
      errors: [{ messageId: 'shell', line: 5, column: 8 }],
    },
    {
      name: 'spawn with shell: true, and a program chosen by the caller',
      code: ts`
        import express from 'express';
        const cp = require('child_process');
        const app = express();
        app.post('/convert', (req, res) => {
          cp.spawn('convert', [req.body.file], { shell: true });
          cp.spawn(req.body.tool, ['--version']);
          res.end();
        });
      `,
      errors: [
        { messageId: 'shell', line: 5, text: '[req.body.file]' },
        { messageId: 'program', line: 6, text: 'req.body.tool' },
      ],
    },
  ],
});
