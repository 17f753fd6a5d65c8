import rule from '../../../server/src/engine/rules/code/cors-permissive-origin';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'an explicit list with credentials; a public API without credentials',
      code: ts`
        import express from 'express';
        import cors from 'cors';
        const app = express();
        app.use('/app', cors({ origin: ['https://app.example.com'], credentials: true }));
        app.use('/public', cors());
        app.use('/open', cors({ origin: true }));
      `,
    },
    {
      name: 'an origin callback that checks an allow-list',
      code: ts`
        import cors from 'cors';
        const allowed = new Set(['https://app.example.com']);
        export const corsMw = cors({
          credentials: true,
          origin: (origin, cb) => (allowed.has(origin) ? cb(null, true) : cb(new Error('blocked'))),
        });
      `,
    },
    {
      name: 'manual headers with a fixed origin',
      code: ts`
        export function corsHeaders(req, res, next) {
          res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
          res.setHeader('Access-Control-Allow-Credentials', 'true');
          next();
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'origin: true with credentials',
      code: ts`
        import cors from 'cors';
        export const corsMw = cors({ origin: true, credentials: true });
      `,
      errors: [{
        messageId: 'reflectsAnyOrigin',
        line: 2,
        text: 'origin: true',
        suggestions: [ts`
          import cors from 'cors';
          export const corsMw = cors({ origin: ['https://app.example.com'], credentials: true });
        `],
      }],
    },
    {
      name: "an accept-all callback; '*' with credentials",
      code: ts`
        import cors from 'cors';
        export const a = cors({ credentials: true, origin: (origin, callback) => callback(null, true) });
        export const b = cors({ origin: '*', credentials: true });
      `,
      errors: [
        { messageId: 'reflectsAnyOrigin', line: 2 },
        { messageId: 'wildcardWithCredentials', line: 3, text: "origin: '*'" },
      ],
    },
    {
      name: 'the Origin header reflected by hand',
      code: ts`
        export function corsHeaders(req, res, next) {
          res.header('Access-Control-Allow-Origin', req.headers.origin);
          res.header('Access-Control-Allow-Credentials', 'true');
          next();
        }
      `,
      errors: [{ messageId: 'manualReflection', line: 2, text: 'req.headers.origin' }],
    },
  ],
});
