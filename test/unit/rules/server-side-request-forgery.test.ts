import rule from '../../../server/src/engine/rules/code/server-side-request-forgery';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const head = ts`
  import express from 'express';
  import axios from 'axios';
  const app = express();
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a fixed origin with request data only in the path',
      code: head + ts`
        app.get('/users/:id/avatar', async (req, res) => {
          const r = await axios.get(\`https://avatars.example.com/u/\${req.params.id}\`);
          res.send(r.data);
        });
      `,
    },
    {
      name: 'an allow-list check before the request',
      code: head + ts`
        const ALLOWED = ['api.partner.com', 'hooks.example.com'];
        app.post('/webhooks/test', async (req, res) => {
          const target = new URL(req.body.url);
          if (!ALLOWED.includes(target.hostname)) return res.status(400).end();
          await fetch(target);
          res.end();
        });
      `,
    },
    {
      name: 'a URL chosen from a server-side map by key',
      code: head + ts`
        const SERVICES = { billing: 'http://billing.internal/health', mail: 'http://mail.internal/health' };
        app.get('/status/:svc', async (req, res) => {
          res.json((await axios.get(SERVICES[req.params.svc])).data);
        });
      `,
    },
    {
      name: 'a constant URL',
      code: head + ts`
        app.get('/rates', async (req, res) => res.json((await fetch('https://api.rates.example/latest')).json()));
      `,
    },
  ],
  invalid: [
    {
      name: 'fetch of a query parameter',
      code: head + ts`
        app.get('/preview', async (req, res) => {
          const page = await fetch(req.query.url);
          res.send(await page.text());
        });
      `,
      errors: [{ messageId: 'ssrf', line: 5, text: 'req.query.url' }],
    },
    {
      name: 'axios config url built from the body, through destructuring',
      code: head + ts`
        app.post('/import', async (req, res) => {
          const { source } = req.body;
          const r = await axios({ method: 'get', url: \`\${source}/export.json\` });
          res.json(r.data);
        });
      `,
      errors: [{ messageId: 'ssrf', line: 6, text: '`${source}/export.json`' }],
    },
    {
      name: 'a helper in another file receives the URL (reported at the request)',
      filename: 'lib/http.ts',
      code: ts`
        import got from 'got';
        export function download(url: string) {
          return got(url).buffer();
        }
      `,
      files: {
        'app.ts': head + ts`
          import { download } from './lib/http';
          app.post('/fetch', async (req, res) => res.send(await download(req.body.link)));
        `,
      },
      errors: [{ messageId: 'ssrf', line: 3, text: 'url' }],
    },
    {
      name: 'the host from a header, with http.request',
      code: head + ts`
        import http from 'http';
        app.get('/proxy', (req, res) => {
          http.request({ host: req.headers['x-target-host'], path: '/' }, (r) => r.pipe(res)).end();
        });
      `,
      errors: [{ messageId: 'ssrf', line: 6, text: "req.headers['x-target-host']" }],
    },
  ],
});
