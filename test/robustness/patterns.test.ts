/**
 * Patterns that come from the workspace and used to become regular expressions: `.gitignore`
 * lines, `publicRoutes` globs from the configuration, express-jwt `unless` regexes in source.
 * A hostile one must not freeze the engine (catastrophic backtracking), and the safe matchers
 * must keep the meaning of the regular expressions they replaced.
 */
import * as assert from 'assert';
import { routePatternMatches, isSafeRegExp, safeRegExpTest } from '../../server/src/engine/util/wildcard';
import { Random } from './fuzz/random';
import { boundFor, memoryEngine, now, ROOT } from './support';

/** The regular-expression form the route matcher replaced (the reference for its meaning). */
function referenceRegExp(pattern: string): RegExp {
  const body = pattern
    .split('/')
    .map((seg) => (seg === '**' ? '.*' : seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
    .join('/');
  return new RegExp(`^${body.replace(/\/\.\*$/, '(?:/.*)?')}/?$`, 'i');
}

function timeOf(fn: () => unknown): number {
  const t = now();
  fn();
  return now() - t;
}

describe('robustness: workspace patterns never backtrack catastrophically', function () {
  this.timeout(60_000);

  it('route patterns mean what the regular expressions meant (differential, 20,000 random pairs)', () => {
    const rng = new Random(7);
    const parts = ['api', 'v1', 'users', 'a', 'b', '*', '**', 'health', 'x*', '*y', 'a.b', '(x)', ''];
    for (let i = 0; i < 20_000; i++) {
      const pattern = '/' + Array.from({ length: rng.int(1, 4) }, () => rng.pick(parts)).join('/');
      const path = '/' + Array.from({ length: rng.int(0, 5) }, () => rng.pick(['api', 'v1', 'users', 'a', 'b', 'health', 'xa', 'ay', 'a.b', '(x)', 'A', ''])).join('/') + (rng.chance(0.2) ? '/' : '');
      assert.strictEqual(routePatternMatches(pattern, path), referenceRegExp(pattern).test(path), `${pattern} vs ${path}`);
    }
  });

  it('a publicRoutes glob with many stars stays linear (the regex took ~1 minute on 60 characters)', () => {
    const path = '/' + 'a'.repeat(2000);
    const baseline = timeOf(() => routePatternMatches('/a*b', path));
    const hostile = timeOf(() => routePatternMatches('/a*a*a*a*a*a*a*a*a*a*a*a*b', path));
    assert.ok(hostile <= boundFor(baseline * 4), `${hostile.toFixed(1)} ms vs baseline ${baseline.toFixed(2)} ms`);
    assert.strictEqual(routePatternMatches('/a*a*a*a*a*a*a*a*a*a*a*a*b', path), false);
    assert.strictEqual(routePatternMatches('/a*a*a*b', '/aaab'), true);
  });

  describe('which workspace regular expressions are run', () => {
    const unsafe = [/^(a+)+$/, /(a*)*b/, /(a|aa)+$/, /(\w+\s?)*$/, /^(([a-z])+.)+[A-Z]([a-z])+$/, /(.*a){12}/, /(x)\1/, /a*a*a*a*b/, /(?:a+){2,}/];
    const safe = [/^\/api\/public\/.*/, /^\/(login|signup)$/, /\/auth\/.*/, /^\/v\d+\/health$/, /\.(png|jpg)$/i, /^\/docs(\/.*)?$/];
    for (const re of unsafe) it(`refuses ${re}`, () => assert.strictEqual(isSafeRegExp(re), false));
    for (const re of safe) it(`runs ${re}`, () => assert.strictEqual(isSafeRegExp(re), true));
    it('a refused expression is "cannot tell", never a hang', () => {
      assert.strictEqual(safeRegExpTest(/^(a+)+$/, 'a'.repeat(40) + '!'), undefined);
      assert.strictEqual(safeRegExpTest(/^\/api\/public\/.*/, '/api/public/x'), true);
      assert.strictEqual(safeRegExpTest(/^\/api/, '/' + 'x'.repeat(10_000)), undefined, 'longer than any request path');
    });
  });

  describe('through the engine', () => {
    const app = (routePath: string, middleware = '') =>
      `import express from 'express';\nimport { expressjwt } from 'express-jwt';\nconst app = express();\n${middleware}app.get('${routePath}', (req, res) => res.send('x'));\napp.listen(3000);\n`;
    let baseline = 0;
    before(async () => {
      const engine = memoryEngine({ [`${ROOT}/app.ts`]: app('/items') });
      const t = now();
      await engine.audit();
      baseline = now() - t;
    });

    it('an express-jwt unless regex with nested quantifiers does not hang the audit', async () => {
      const engine = memoryEngine({
        [`${ROOT}/app.ts`]: app(`/${'a'.repeat(40)}!`, `app.use(expressjwt({ secret: process.env.S!, algorithms: ['HS256'] }).unless({ path: [/^\\/(a+)+$/] }));\n`),
      });
      const t = now();
      const audit = await engine.audit();
      assert.ok(now() - t <= boundFor(baseline), `${(now() - t).toFixed(0)} ms`);
      assert.deepStrictEqual(audit.failures, []);
    });

    it('a publicRoutes glob with many stars does not hang the audit', async () => {
      const engine = memoryEngine({ [`${ROOT}/app.ts`]: app(`/${'a'.repeat(60)}`) }, { settings: { publicRoutes: ['/a*a*a*a*a*a*a*a*a*b'] } });
      const t = now();
      await engine.audit();
      assert.ok(now() - t <= boundFor(baseline), `${(now() - t).toFixed(0)} ms`);
    });

    it('hostile .gitignore lines (nested **, many stars, a trailing backslash) neither hang nor throw', async () => {
      const files: Record<string, string> = {
        [`${ROOT}/.gitignore`]: ['**/'.repeat(30) + 'x', 'a*'.repeat(40) + 'b', '\\'.repeat(5001), 'foo\\', '['.repeat(500), 'q' + '*'.repeat(5000) + 'z', 'ignored.yaml'].join('\n'),
        [`${ROOT}/ignored.yaml`]: 'openapi: 3.0.3\nservers: [{url: "http://x.example.com"}]\n',
      };
      let dir = ROOT;
      for (let i = 1; i <= 30; i++) {
        dir += '/' + 'a'.repeat(i);
        files[`${dir}/${'a'.repeat(60)}.ts`] = 'export const x = 1;\n';
      }
      files[`${dir}/openapi.yaml`] = 'openapi: 3.0.3\nservers: [{url: "http://kept.example.com"}]\n';
      const engine = memoryEngine(files);
      const t = now();
      const audit = await engine.audit();
      assert.ok(now() - t <= boundFor(baseline), `${(now() - t).toFixed(0)} ms`);
      assert.deepStrictEqual(audit.discovery.specs, [`${dir}/openapi.yaml`], 'the valid line still applies');
      assert.strictEqual(audit.discovery.code.length, 30);
    });
  });
});
