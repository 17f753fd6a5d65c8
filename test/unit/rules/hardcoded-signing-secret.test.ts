import rule from '../../../server/src/engine/rules/code/hardcoded-signing-secret';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'secrets from the environment (through a config module)',
      code: ts`
        import jwt from 'jsonwebtoken';
        import session from 'express-session';
        import { config } from './config';
        export const sign = (p: object) => jwt.sign(p, config.jwtSecret, { algorithm: 'HS256' });
        export const s = session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false });
      `,
      files: { 'config.ts': 'export const config = { jwtSecret: process.env.JWT_SECRET! };\n' },
    },
    {
      name: 'test files are skipped',
      filename: 'test/auth.test.ts',
      code: ts`
        import jwt from 'jsonwebtoken';
        export const token = jwt.sign({ id: 1 }, 'test-secret');
      `,
    },
  ],
  invalid: [
    {
      name: 'literal secrets for JWT and sessions',
      code: ts`
        import jwt from 'jsonwebtoken';
        import session from 'express-session';
        const SECRET = 'sup3r-s3cret';
        export const sign = (p: object) => jwt.sign(p, SECRET);
        export const s = session({ secret: 'keyboard cat', resave: false, saveUninitialized: false });
      `,
      errors: [
        { messageId: 'literal', line: 4, text: 'SECRET' },
        { messageId: 'literal', line: 5, text: "'keyboard cat'" },
      ],
    },
    {
      name: 'a fallback literal in a config module',
      code: ts`
        import { expressjwt } from 'express-jwt';
        import config from './config';
        export const mw = expressjwt({ secret: config.jwtSecret, algorithms: ['HS256'] });
      `,
      files: { 'config.ts': "export default { jwtSecret: process.env.JWT_SECRET || 'change-me' };\n" },
      errors: [{ messageId: 'fallback', line: 3, text: 'config.jwtSecret' }],
    },
  ],
});
