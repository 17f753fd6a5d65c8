/** Behaviour of the built CLI: arguments, exit codes, output routing, colours, the JSON contract. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { assertBuilt, REPO_ROOT, runCli } from './run-cli';

const SARIF_SCHEMA = path.join(REPO_ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const ANSI = /\u001b\[/;

describe('CLI', function () {
  // Each case spawns the built CLI, several times for some; a loaded machine makes that slow.
  this.timeout(120_000);
  before(assertBuilt);

  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'api-warden-cli-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('help and version', () => {
    it('--help prints usage on stdout and exits 0', () => {
      const r = runCli(['--help']);
      assert.strictEqual(r.status, 0);
      assert.match(r.stdout, /^Usage: api-warden audit/);
      assert.strictEqual(r.stderr, '');
    });

    it('--version prints the package version', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
      const r = runCli(['--version']);
      assert.strictEqual(r.status, 0);
      assert.strictEqual(r.stdout.trim(), pkg.version);
    });
  });

  describe('usage errors exit 2 with the usage on stderr', () => {
    const cases: [string, string[], RegExp][] = [
      ['unknown option', ['audit', 'clean', '--frobnicate'], /Unknown option '--frobnicate'/],
      ['unknown format', ['audit', 'clean', '-f', 'xml'], /unknown format 'xml'/],
      ['unknown command', ['scan', 'clean'], /unknown command 'scan'/],
      ['missing command', [], /missing command/],
      ['bad --fail-on', ['audit', 'clean', '--fail-on', 'fatal'], /--fail-on must be one of/],
      ['bad --max-warnings', ['audit', 'clean', '--max-warnings', '-1'], /--max-warnings/],
      ['two reports on stdout', ['audit', 'clean', '-f', 'json', '-f', 'text'], /only one report can go to stdout/],
    ];
    for (const [name, args, message] of cases) {
      it(name, () => {
        const r = runCli(args);
        assert.strictEqual(r.status, 2, r.stderr);
        assert.strictEqual(r.stdout, '');
        assert.match(r.stderr, message);
        assert.match(r.stderr, /Usage: api-warden audit/);
      });
    }

    it('a path that does not exist exits 2 with a clear message (no usage dump)', () => {
      const r = runCli(['audit', 'no-such-folder']);
      assert.strictEqual(r.status, 2);
      assert.strictEqual(r.stderr, 'api-warden: no such file or folder: no-such-folder\n');
    });
  });

  describe('exit codes', () => {
    it('0 for a clean workspace, 1 for errors (default --fail-on error)', () => {
      assert.strictEqual(runCli(['audit', 'clean']).status, 0);
      assert.strictEqual(runCli(['audit', 'cli-basic']).status, 1);
    });

    it('--fail-on none never fails on findings; --max-warnings still does', () => {
      assert.strictEqual(runCli(['audit', 'cli-basic', '--fail-on', 'none']).status, 0);
      assert.strictEqual(runCli(['audit', 'cli-basic', '--fail-on', 'none', '--max-warnings', '0']).status, 1);
      assert.strictEqual(runCli(['audit', 'cli-basic', '--fail-on', 'none', '--max-warnings', '100']).status, 0);
    });

    it('audits a single file, with the report root at its folder', () => {
      const r = runCli(['audit', 'cli-basic/openapi.yaml', '--format', 'json']);
      assert.strictEqual(r.status, 1);
      const report = JSON.parse(r.stdout) as { root: string; findings: { file: string }[] };
      assert.ok(report.root.endsWith('/cli-basic'), report.root);
      assert.ok(report.findings.every((f) => f.file === 'openapi.yaml'));
    });

    it('several paths: the root is their common folder', () => {
      const r = runCli(['audit', 'cli-basic', 'clean', '--format', 'json', '--fail-on', 'none']);
      assert.strictEqual(r.status, 0);
      const report = JSON.parse(r.stdout) as { root: string; findings: { file: string }[] };
      assert.ok(report.root.endsWith('/workspaces'), report.root);
      assert.ok(report.findings.some((f) => f.file === 'cli-basic/openapi.yaml'));
    });
  });

  describe('JSON report contract', () => {
    it('has the contract fields, 1-based ranges and relative / paths; suppressed findings only counted', () => {
      const r = runCli(['audit', 'cli-basic', '--format', 'json']);
      const report = JSON.parse(r.stdout) as Record<string, unknown>;
      assert.deepStrictEqual(Object.keys(report), ['schemaVersion', 'tool', 'root', 'findings', 'operations', 'summary']);
      assert.strictEqual(report.schemaVersion, 1);
      assert.deepStrictEqual(Object.keys(report.tool as object), ['name', 'version']);
      const findings = report.findings as Record<string, unknown>[];
      assert.ok(findings.length >= 3);
      for (const f of findings) {
        for (const key of Object.keys(f)) assert.ok(['ruleId', 'owasp', 'cwe', 'severity', 'message', 'file', 'range', 'operation'].includes(key), key);
        assert.ok(Array.isArray(f.owasp) && (f.owasp as string[]).every((c) => /^API\d+:2023$/.test(c)));
        assert.ok(!String(f.file).includes('\\') && !path.isAbsolute(String(f.file)));
        const range = f.range as { start: { line: number; column: number }; end: { line: number; column: number } };
        assert.ok(range.start.line >= 1 && range.start.column >= 1);
      }
      const post = findings.find((f) => (f.operation as { method?: string } | undefined)?.method === 'POST');
      assert.deepStrictEqual(post?.operation, { method: 'POST', path: '/reports' });
      assert.deepStrictEqual(post?.range, { start: { line: 16, column: 5 }, end: { line: 16, column: 9 } });
      assert.ok(!findings.some((f) => f.ruleId === 'spec-operation-without-security' && (f.operation as { path?: string } | undefined)?.path === '/status'), 'the suppressed finding is not listed');
      const summary = report.summary as { suppressed: number; counts: Record<string, number>; total: number };
      assert.strictEqual(summary.suppressed, 1);
      assert.strictEqual(summary.total, findings.length);
      const ops = report.operations as { method: string; path: string; auth: string }[];
      assert.ok(ops.some((o) => o.method === 'GET' && o.path === '/users' && o.auth === 'required'));
      assert.ok(ops.some((o) => o.method === 'POST' && o.path === '/reports' && o.auth === 'missing'));
    });
  });

  describe('several outputs in one run', () => {
    it('--format json --output F --format text: JSON to the file, text to stdout', () => {
      const out = path.join(tmp, 'nested/report.json');
      const r = runCli(['audit', 'cli-basic', '--format', 'json', '--output', out, '--format', 'text']);
      assert.strictEqual(r.status, 1);
      assert.match(r.stdout, /openapi\.yaml:16:5\s+error/);
      const json = JSON.parse(fs.readFileSync(out, 'utf8')) as { findings: unknown[] };
      assert.ok(json.findings.length >= 3);
    });

    it('-o json:F keeps the default text report on stdout', () => {
      const out = path.join(tmp, 'r.json');
      const r = runCli(['audit', 'cli-basic', '-o', `json:${out}`]);
      assert.match(r.stdout, /✖ \d+ problems/);
      assert.ok(JSON.parse(fs.readFileSync(out, 'utf8')));
    });

    it('sarif to a file, html to a file and markdown to stdout in one run; the SARIF is schema-valid', () => {
      const sarif = path.join(tmp, 'out.sarif');
      const html = path.join(tmp, 'report.html');
      const r = runCli(['audit', 'cli-basic', '-o', `sarif:${sarif}`, '--format', 'html', '--output', html, '--format', 'markdown']);
      assert.strictEqual(r.status, 1, r.stderr);
      assert.match(r.stdout, /^### API Warden: score \d+\/100/);
      const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
      addFormats(ajv);
      const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')) as object);
      const log = JSON.parse(fs.readFileSync(sarif, 'utf8')) as { runs: { results: { suppressions?: unknown[] }[] }[] };
      assert.ok(validate(log), JSON.stringify(validate.errors));
      assert.strictEqual(log.runs[0].results.filter((x) => x.suppressions).length, 1, 'the suppressed finding is in the SARIF, marked');
      const page = fs.readFileSync(html, 'utf8');
      assert.match(page, /^<!DOCTYPE html>/);
      assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
      const nonces = [...page.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
      assert.strictEqual(new Set(nonces).size, 1, 'one nonce for the style and the script');
      const again = runCli(['audit', 'cli-basic', '--format', 'html', '--output', html]);
      assert.notStrictEqual([...fs.readFileSync(html, 'utf8').matchAll(/nonce="([^"]+)"/g)][0][1], nonces[0], 'a fresh nonce per render');
      assert.strictEqual(again.status, 1);
    });

    it('a report that cannot be written is exit 2 with a clear message', () => {
      fs.mkdirSync(path.join(tmp, 'taken.json'));
      const r = runCli(['audit', 'clean', '-o', `json:${path.join(tmp, 'taken.json')}`]);
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /^api-warden: cannot write the json report to .*taken\.json: EISDIR/);
    });

    it('a bare --output sends the default text report to the file (never coloured)', () => {
      const out = path.join(tmp, 'r.txt');
      const r = runCli(['audit', 'cli-basic', '--output', out], { env: { FORCE_COLOR: '1' } });
      assert.strictEqual(r.stdout, '');
      const text = fs.readFileSync(out, 'utf8');
      assert.match(text, /openapi\.yaml:6:10/);
      assert.doesNotMatch(text, ANSI);
    });
  });

  describe('terminal behaviour', () => {
    it('no colours when stdout is not a terminal; FORCE_COLOR forces them; NO_COLOR wins', () => {
      assert.doesNotMatch(runCli(['audit', 'cli-basic']).stdout, ANSI);
      assert.match(runCli(['audit', 'cli-basic'], { env: { FORCE_COLOR: '1' } }).stdout, ANSI);
      assert.doesNotMatch(runCli(['audit', 'cli-basic'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, ANSI);
      assert.match(runCli(['audit', 'cli-basic', '--color']).stdout, ANSI);
    });

    it('no progress on stderr when it is not a terminal', () => {
      assert.strictEqual(runCli(['audit', 'cli-basic']).stderr, '');
    });
  });
});
