import rule from '../../../server/src/engine/rules/code/auth-route-without-rate-limit';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'a limiter on the login route',
      code: ts`
        import express from 'express';
        import rateLimit from 'express-rate-limit';
        const app = express();
        const loginLimiter = rateLimit({ windowMs: 60_000, limit: 5 });
        app.post('/login', loginLimiter, (req, res) => res.end());
      `,
    },
    {
      name: 'an app-wide limiter and a project limiter built on rate-limiter-flexible',
      code: ts`
        import express from 'express';
        import { RateLimiterMemory } from 'rate-limiter-flexible';
        const app = express();
        const limiter = new RateLimiterMemory({ points: 5, duration: 60 });
        function limit(req, res, next) {
          limiter.consume(req.ip).then(() => next()).catch(() => res.status(429).end());
        }
        app.use(limit);
        app.post('/auth/forgot-password', (req, res) => res.end());
        app.post('/signup', (req, res) => res.end());
      `,
    },
    {
      name: 'ordinary routes, reads and logout need no limiter here',
      code: ts`
        import express from 'express';
        const app = express();
        app.post('/orders', (req, res) => res.end());
        app.get('/login', (req, res) => res.send('form'));
        app.post('/logout', (req, res) => res.end());
      `,
    },
    {
      name: 'a limiter keyed on req.ip',
      code: ts`
        import rateLimit from 'express-rate-limit';
        export const limiter = rateLimit({ windowMs: 60_000, limit: 5, keyGenerator: (req) => req.ip });
      `,
    },
    {
      name: 'unknown middleware keeps the rate limit unknown',
      code: ts`
        import express from 'express';
        import shield from 'corp-shield';
        const app = express();
        app.use(shield());
        app.post('/login', (req, res) => res.end());
      `,
    },
  ],
  invalid: [
    {
      name: 'login without a limiter: the suggestion reuses the project limiter',
      code: ts`
        import express from 'express';
        import rateLimit from 'express-rate-limit';
        const app = express();
        const strict = rateLimit({ windowMs: 60_000, limit: 5 });
        app.post('/otp/verify', strict, (req, res) => res.end());
        app.post('/login', (req, res) => res.end());
      `,
      errors: [{
        messageId: 'noLimit',
        line: 6,
        text: "'/login'",
        suggestions: [ts`
          import express from 'express';
          import rateLimit from 'express-rate-limit';
          const app = express();
          const strict = rateLimit({ windowMs: 60_000, limit: 5 });
          app.post('/otp/verify', strict, (req, res) => res.end());
          app.post('/login', strict, (req, res) => res.end());
        `],
      }],
    },
    {
      name: 'password reset without any limiter: the suggestion adds express-rate-limit',
      code: ts`
        import express from 'express';
        const app = express();
        app.post('/password-reset', (req, res) => res.end());
      `,
      errors: [{
        messageId: 'noLimit',
        line: 3,
        suggestions: [ts`
          import express from 'express';
          import rateLimit from 'express-rate-limit';
          const app = express();
          const authLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 10 });
          app.post('/password-reset', authLimiter, (req, res) => res.end());
        `],
      }],
    },
    {
      name: 'a limiter keyed on X-Forwarded-For',
      code: ts`
        import rateLimit from 'express-rate-limit';
        export const limiter = rateLimit({
          windowMs: 60_000,
          limit: 5,
          keyGenerator: (req) => req.headers['x-forwarded-for'] || req.ip,
        });
      `,
      errors: [{ messageId: 'spoofableKey', line: 5, text: "req.headers['x-forwarded-for']" }],
    },
  ],
});
