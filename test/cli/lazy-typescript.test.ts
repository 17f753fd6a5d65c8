/**
 * The built CLI loads the TypeScript compiler only when it analyses code (scripts/lazy-typescript.mjs):
 * an OpenAPI-only run must not pay its ~0.3 s, and code analysis must still work through the stand-in.
 */
import * as assert from 'assert';
import { assertBuilt, runCli } from './run-cli';

const TRACE = { API_WARDEN_TRACE_TS_LOAD: '1' };

describe('CLI loads TypeScript lazily', function () {
  this.timeout(120_000);
  before(assertBuilt);

  it('not at all for --version or an OpenAPI-only workspace', () => {
    const version = runCli(['--version'], { env: TRACE });
    assert.strictEqual(version.status, 0);
    assert.doesNotMatch(version.stderr, /TypeScript loaded/);
    const audit = runCli(['audit', 'clean', '--format', 'json', '--fail-on', 'none', '--no-baseline'], { env: TRACE });
    assert.strictEqual(audit.status, 0, audit.stderr);
    assert.doesNotMatch(audit.stderr, /TypeScript loaded/);
  });

  it('when code files are analysed, with the code findings intact', () => {
    const r = runCli(['audit', 'cli-basic', '--format', 'json', '--fail-on', 'none', '--no-baseline'], { env: TRACE });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stderr, /TypeScript loaded/);
    const findings = (JSON.parse(r.stdout) as { findings: { ruleId: string; file: string }[] }).findings;
    assert.ok(findings.some((f) => /\.(ts|js)$/.test(f.file)), 'expected findings in code files');
  });
});
