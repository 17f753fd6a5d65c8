import rule from '../../../server/src/engine/rules/code/jwt-insecure-verification';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'pinned algorithms; decode after verify; express-jwt with algorithms',
      code: ts`
        import jwt from 'jsonwebtoken';
        import { expressjwt } from 'express-jwt';
        export function check(token: string) {
          jwt.verify(token, process.env.KEY!, { algorithms: ['RS256'] });
          return jwt.decode(token, { complete: true });
        }
        export const mw = expressjwt({ secret: process.env.KEY!, algorithms: ['HS256'] });
      `,
    },
    {
      name: 'options built elsewhere stay unknown',
      code: ts`
        import jwt from 'jsonwebtoken';
        import { verifyOptions } from './options';
        export const check = (t: string) => jwt.verify(t, process.env.KEY!, verifyOptions);
      `,
      files: { 'options.ts': "export const verifyOptions = { algorithms: ['RS256'] };\n" },
    },
  ],
  invalid: [
    {
      name: 'verify without algorithms, none accepted, expiry ignored',
      code: ts`
        import jwt from 'jsonwebtoken';
        export const a = (t: string) => jwt.verify(t, process.env.KEY!);
        export const b = (t: string) => jwt.verify(t, process.env.KEY!, { algorithms: ['HS256', 'none'], ignoreExpiration: true });
      `,
      errors: [
        { messageId: 'noAlgorithms', line: 2, text: 'jwt.verify' },
        { messageId: 'noneAlgorithm', line: 3, text: "'none'" },
        { messageId: 'ignoresExpiration', line: 3, text: 'ignoreExpiration: true' },
      ],
    },
    {
      name: 'jwt.decode as authentication; express-jwt without algorithms',
      code: ts`
        import jwt from 'jsonwebtoken';
        import { expressjwt } from 'express-jwt';
        export function auth(req, res, next) {
          const user = jwt.decode(req.headers.authorization.slice(7));
          if (!user) return res.sendStatus(401);
          req.user = user;
          next();
        }
        export const mw = expressjwt({ secret: process.env.KEY! });
      `,
      errors: [
        { messageId: 'decodeOnly', line: 4, text: 'jwt.decode(req.headers.authorization.slice(7))' },
        { messageId: 'noAlgorithms', line: 9, text: 'expressjwt' },
      ],
    },
  ],
});
