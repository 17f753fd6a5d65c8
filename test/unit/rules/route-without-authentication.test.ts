import rule from '../../../server/src/engine/rules/code/route-without-authentication';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const requireAuth = `
function requireAuth(req, res, next) {
  if (!req.headers.authorization) return res.status(401).end();
  next();
}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'route-level auth middleware',
      code: ts`
        import express from 'express';
        const app = express();
        app.delete('/orders/:id', requireAuth, (req, res) => res.status(204).end());
      ` + requireAuth,
    },
    {
      name: 'app.use(auth) registered before the routes',
      code: ts`
        import express from 'express';
        const app = express();
        app.use(requireAuth);
        app.post('/orders', (req, res) => res.status(201).end());
      ` + requireAuth,
    },
    {
      name: 'health checks, login and configured public routes are public by design',
      settings: { publicRoutes: ['/docs/**'] },
      code: ts`
        import express from 'express';
        const app = express();
        app.get('/health', (req, res) => res.send('ok'));
        app.post('/auth/login', (req, res) => res.send('token'));
        app.get('/docs/openapi.json', (req, res) => res.json({}));
        app.use(requireAuth);
      ` + requireAuth,
    },
    {
      name: 'an inline check at the top of the handler counts',
      code: ts`
        import express from 'express';
        const app = express();
        app.get('/me', (req, res) => {
          if (!req.user) return res.status(401).json({ error: 'login first' });
          res.json(req.user);
        });
      `,
    },
    {
      name: 'library authentication: passport and express-oauth2-jwt-bearer',
      code: ts`
        import express from 'express';
        import passport from 'passport';
        import { auth } from 'express-oauth2-jwt-bearer';
        const app = express();
        app.get('/a', passport.authenticate('jwt', { session: false }), (req, res) => res.json(req.user));
        app.use(auth({ audience: 'api' }));
        app.get('/b', (req, res) => res.json(req.auth));
      `,
    },
    {
      name: 'unknown middleware keeps the route unknown (no finding)',
      code: ts`
        import express from 'express';
        import gate from 'corp-gatekeeper';
        const app = express();
        app.use(gate());
        app.post('/orders', (req, res) => res.status(201).end());
      `,
    },
    {
      name: 'a router nobody mounts in the workspace stays unknown',
      code: ts`
        import { Router } from 'express';
        const router = Router();
        router.post('/orders', (req, res) => res.status(201).end());
        export default router;
      `,
    },
    {
      name: 'multi-file: the app authenticates before mounting the router',
      filename: 'routes/orders.ts',
      code: ts`
        import { Router } from 'express';
        const router = Router();
        router.post('/', (req, res) => res.status(201).end());
        export default router;
      `,
      files: {
        'app.ts': ts`
          import express from 'express';
          import orders from './routes/orders';
          import { requireAuth } from './auth';
          const app = express();
          app.use('/orders', requireAuth, orders);
        `,
        'auth.ts': 'export ' + requireAuth.trim() + '\n',
      },
    },
    {
      name: 'a configured authMiddleware name counts as authentication',
      settings: { authMiddleware: ['gate'] },
      code: ts`
        import express from 'express';
        import { gate } from './gate';
        const app = express();
        app.post('/orders', gate, (req, res) => res.status(201).end());
      `,
      files: { 'gate.ts': 'export const gate = (req: unknown, res: unknown, next: () => void) => next();\n' },
    },
  ],
  invalid: [
    {
      name: 'a route registered before app.use(auth)',
      code: ts`
        import express from 'express';
        const app = express();
        app.post('/orders', (req, res) => res.status(201).end());
        app.use(requireAuth);
        app.get('/orders', (req, res) => res.json([]));
      ` + requireAuth,
      errors: [{
        messageId: 'missing',
        line: 3,
        column: 10,
        text: "'/orders'",
        suggestions: [ts`
          import express from 'express';
          const app = express();
          app.post('/orders', requireAuth, (req, res) => res.status(201).end());
          app.use(requireAuth);
          app.get('/orders', (req, res) => res.json([]));
        ` + requireAuth],
      }],
    },
    {
      name: 'a middleware that reads the token but never rejects is not authentication',
      code: ts`
        import express from 'express';
        const app = express();
        function attachUser(req, res, next) {
          req.user = req.headers.authorization ? { id: 1 } : undefined;
          next();
        }
        app.use(attachUser);
        app.delete('/accounts/:id', (req, res) => res.status(204).end());
      `,
      errors: [{ messageId: 'missing', line: 8, text: "'/accounts/:id'" }],
    },
    {
      name: 'a handler that reads req.user with nothing authenticating',
      code: ts`
        import express from 'express';
        const app = express();
        app.get('/profile', (req, res) => res.json({ email: req.user?.email }));
      `,
      errors: [{ messageId: 'readsUser', line: 3, text: "'/profile'", suggestions: [] }],
    },
    {
      name: 'multi-file: auth mounted under another prefix; the fix imports the middleware',
      filename: 'routes/reports.ts',
      code: ts`
        import { Router } from 'express';
        const router = Router();
        router.get('/daily', (req, res) => res.json([]));
        export default router;
      `,
      files: {
        'app.ts': ts`
          import express from 'express';
          import reports from './routes/reports';
          import { requireAuth } from './auth';
          const app = express();
          app.use('/admin', requireAuth);
          app.use('/reports', reports);
        `,
        'auth.ts': 'export ' + requireAuth.trim() + '\n',
      },
      errors: [{
        messageId: 'missing',
        line: 3,
        text: "'/daily'",
        suggestions: [ts`
          import { Router } from 'express';
          import { requireAuth } from '../auth';
          const router = Router();
          router.get('/daily', requireAuth, (req, res) => res.json([]));
          export default router;
        `],
      }],
    },
    {
      name: 'suppressed with a directive comment',
      code: ts`
        import express from 'express';
        const app = express();
        // api-warden-ignore-next-line route-without-authentication -- webhook verified by signature
        app.post('/webhooks/stripe', (req, res) => res.end());
      `,
      errors: [{ messageId: 'missing', line: 4, suppressed: true }],
    },
  ],
});
