/** Repository configuration: discovery, presets, settings, validation with ranges, never throwing. */
import * as assert from 'assert';
import { ALL_RULES, MemoryFileSystem, createEngine } from '../../../server/src/engine';
import { loadConfig, presetRules } from '../../../server/src/engine/config';
import { yaml } from '../../helpers';

const at = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
};

describe('configuration', () => {
  describe('discovery', () => {
    it('walks up from a file or folder to the nearest .api-warden.yaml / .yml / .json', () => {
      const fs = new MemoryFileSystem({ '/repo/.api-warden.yml': 'publicRoutes: [/ping]\n', '/repo/api/v1/openapi.yaml': 'x' });
      for (const start of ['/repo/api/v1', '/repo/api/v1/openapi.yaml', '/repo']) {
        const r = loadConfig(fs, start);
        assert.strictEqual(r.file, '/repo/.api-warden.yml', start);
        assert.deepStrictEqual(r.settings.publicRoutes, ['/ping']);
        assert.deepStrictEqual(r.errors, []);
      }
    });

    it('the nearest file wins; several in one folder: .yaml first, with a warning', () => {
      const fs = new MemoryFileSystem({
        '/repo/.api-warden.json': '{ "publicRoutes": ["/outer"] }',
        '/repo/svc/.api-warden.yaml': 'publicRoutes: [/inner]\n',
        '/repo/svc/.api-warden.json': '{}',
      });
      const r = loadConfig(fs, '/repo/svc/src');
      assert.strictEqual(r.file, '/repo/svc/.api-warden.yaml');
      assert.deepStrictEqual(r.settings.publicRoutes, ['/inner']);
      assert.strictEqual(r.errors.length, 1);
      assert.strictEqual(r.errors[0].severity, 'warning');
      assert.match(r.errors[0].message, /Several configuration files/);
      assert.strictEqual(loadConfig(fs, '/repo').file, '/repo/.api-warden.json');
    });

    it('without a file: the recommended preset', () => {
      const r = loadConfig(new MemoryFileSystem({}), '/nowhere');
      assert.strictEqual(r.file, undefined);
      assert.deepStrictEqual(r.settings.rules, presetRules('recommended', ALL_RULES));
    });

    it('--config names the file explicitly', () => {
      const fs = new MemoryFileSystem({ '/etc/aw.json': '{ "extends": "none" }', '/repo/.api-warden.yaml': 'extends: strict\n' });
      const r = loadConfig(fs, '/repo', { configFile: '/etc/aw.json' });
      assert.strictEqual(r.file, '/etc/aw.json');
      assert.ok(Object.values(r.settings.rules!).every((s) => s === 'off'));
    });
  });

  describe('presets and rules', () => {
    it('presets come from rule meta: recommended, strict (every rule), none', () => {
      for (const r of ALL_RULES) {
        // Rules a preset keeps are not listed: they run at their default (and per-finding) severities.
        assert.strictEqual(presetRules('recommended', ALL_RULES)[r.meta.id], r.meta.recommended ? undefined : 'off');
        assert.strictEqual(presetRules('strict', ALL_RULES)[r.meta.id], undefined);
        assert.strictEqual(presetRules('none', ALL_RULES)[r.meta.id], 'off');
      }
    });

    it('per-rule severity and options, in the three accepted shapes', () => {
      const fs = new MemoryFileSystem({
        '/r/.api-warden.yaml': yaml`
          extends: none
          rules:
            spec-server-plain-http: warning
            spec-http-basic-auth: [error, { allowInternal: true }]
            spec-operation-without-security: { severity: info, options: { methods: [post] } }
            route-without-authentication: { options: { strictMounts: true } }
            spec-object-level-without-security: on`,
      });
      const { settings, errors } = loadConfig(fs, '/r');
      assert.deepStrictEqual(errors, []);
      assert.strictEqual(settings.rules!['spec-server-plain-http'], 'warning');
      assert.strictEqual(settings.rules!['spec-http-basic-auth'], 'error');
      assert.strictEqual(settings.rules!['spec-operation-without-security'], 'info');
      assert.strictEqual(settings.rules!['route-without-authentication'], 'off', 'options alone keep the preset setting');
      assert.ok(!('spec-object-level-without-security' in settings.rules!), 'on: default severities, no override');
      assert.deepStrictEqual(settings.ruleOptions, {
        'spec-http-basic-auth': { allowInternal: true },
        'spec-operation-without-security': { methods: ['post'] },
        'route-without-authentication': { strictMounts: true },
      });
    });

    it('auth middleware, public routes, ignore (relative to the file) and spec↔code pairing', () => {
      const fs = new MemoryFileSystem({
        '/repo/.api-warden.yaml': yaml`
          authMiddleware: [requireUser, JwtAuthGuard]
          publicRoutes: [/health, /public/**]
          ignore: [legacy/**]
          pairing:
            - spec: api/openapi.yaml
              code: src/**
              basePath: /api
            - spec: ./admin.yaml
              code: [admin/**, ../shared/auth.ts]`,
      });
      const { settings, errors } = loadConfig(fs, '/repo/src');
      assert.deepStrictEqual(errors, []);
      assert.deepStrictEqual(settings.authMiddleware, ['requireUser', 'JwtAuthGuard']);
      assert.deepStrictEqual(settings.publicRoutes, ['/health', '/public/**']);
      assert.deepStrictEqual(settings.ignore, ['legacy/**']);
      assert.strictEqual(settings.ignoreBase, '/repo');
      assert.deepStrictEqual(settings.pairing, [
        { spec: '/repo/api/openapi.yaml', code: ['/repo/src/**'], basePath: '/api' },
        { spec: '/repo/admin.yaml', code: ['/repo/admin/**', '/shared/auth.ts'] },
      ]);
    });

    it('ignore patterns apply relative to the configuration file, also when auditing a subfolder', async () => {
      const spec = yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        servers: [{ url: 'http://x.example.com' }]
        paths: {}`;
      const fs = new MemoryFileSystem({ '/repo/.api-warden.yaml': 'ignore: [api/legacy/**]\n', '/repo/api/legacy/old.yaml': spec, '/repo/api/new.yaml': spec });
      const { settings } = loadConfig(fs, '/repo/api');
      const result = await createEngine({ fs, roots: ['/repo/api'], settings }).audit();
      assert.deepStrictEqual(result.discovery.specs, ['/repo/api/new.yaml']);
    });

    it('the configured severities reach the engine (editor and CLI use the same settings)', async () => {
      const fs = new MemoryFileSystem({
        '/w/.api-warden.yaml': 'extends: none\nrules:\n  spec-server-plain-http: hint\n',
        '/w/openapi.yaml': yaml`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          servers: [{ url: 'http://x.example.com' }]
          paths:
            /a: { delete: { responses: { '204': { description: x } } } }`,
      });
      const result = await createEngine({ fs, roots: ['/w'], settings: loadConfig(fs, '/w').settings }).audit();
      assert.deepStrictEqual(result.findings.map((f) => `${f.ruleId}:${f.severity}`), ['spec-server-plain-http:hint']);
    });
  });

  describe('problems are reported with ranges, never thrown', () => {
    it('schema errors point at the key or value; valid parts still apply', () => {
      const text = yaml`
        extends: strickt
        rules:
          spec-server-plain-http: warn
          spec-http-basic-aut: off
        publicRoutes: /health
        authMiddleware: [requireUser]
        colour: blue
        pairing:
          - spec: openapi.yaml`;
      const fs = new MemoryFileSystem({ '/c/.api-warden.yaml': text });
      const { settings, errors } = loadConfig(fs, '/c');
      const shown = errors.map((e) => ({ ...at(text, e.range.start), severity: e.severity, text: text.slice(e.range.start, e.range.end), message: e.message }));
      assert.deepStrictEqual(shown.map((e) => [e.line, e.column, e.severity, e.text]), [
        [1, 10, 'error', 'strickt'],
        [3, 27, 'error', 'warn'],
        [4, 3, 'warning', 'spec-http-basic-aut'],
        [5, 15, 'error', '/health'],
        [7, 1, 'error', 'colour'],
        [9, 5, 'error', 'spec: openapi.yaml'],
      ]);
      assert.match(shown[0].message, /must be one of: recommended, strict, none/);
      assert.match(shown[1].message, /Rule 'spec-server-plain-http' must be on, off or a severity/);
      assert.match(shown[2].message, /did you mean 'spec-http-basic-auth'/);
      assert.match(shown[3].message, /'publicRoutes' must be an array/);
      assert.match(shown[4].message, /Unknown setting 'colour'/);
      assert.match(shown[5].message, /needs 'code'/);
      assert.deepStrictEqual(settings.authMiddleware, ['requireUser'], 'valid parts still apply');
      assert.strictEqual(settings.rules!['spec-server-plain-http'], presetRules('recommended', ALL_RULES)['spec-server-plain-http']);
    });

    it('syntax errors, empty files and garbage do not throw', () => {
      const inputs: Record<string, string> = {
        '/a/.api-warden.yaml': 'rules: [unclosed\n  - : :\n',
        '/b/.api-warden.json': '{ "rules": { "x": ',
        '/c/.api-warden.yaml': '',
        '/d/.api-warden.yaml': '- just\n- a list\n',
        '/e/.api-warden.json': 'null',
        '/f/.api-warden.yaml': '\u0000\u0001\u00ff binary',
      };
      const fs = new MemoryFileSystem(inputs);
      for (const dir of ['/a', '/b', '/c', '/d', '/e', '/f']) {
        const r = loadConfig(fs, dir);
        assert.ok(r.settings.rules, dir);
      }
      assert.ok(loadConfig(fs, '/a').errors.some((e) => e.severity === 'error' && /Syntax error/.test(e.message)));
      assert.ok(loadConfig(fs, '/b').errors.some((e) => /Syntax error/.test(e.message)));
      assert.deepStrictEqual(loadConfig(fs, '/c').errors, []);
      assert.ok(loadConfig(fs, '/d').errors.some((e) => /must be an object/.test(e.message)));
    });

    it('never loads code: a module path in extends is only a wrong value', () => {
      const fs = new MemoryFileSystem({ '/j/.api-warden.yaml': 'extends: ./evil.js\n', '/j/evil.js': 'throw new Error("loaded")' });
      const r = loadConfig(fs, '/j');
      assert.strictEqual(r.errors.length, 1);
      assert.match(r.errors[0].message, /'extends' must be one of/);
    });
  });
});
