/**
 * The baseline flow end to end through the built CLI, on a copy of a fixture workspace:
 * record, re-run (everything baselined), edit above the findings (still baselined), add a new
 * problem (only it is reported), fix an old one (the stale entry is counted).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertBuilt, runCli, WORKSPACES } from './run-cli';

describe('CLI baseline', function () {
  // Each case spawns the built CLI, several times for some; a loaded machine makes that slow.
  this.timeout(120_000);
  before(assertBuilt);

  let ws: string;
  let spec: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'api-warden-baseline-'));
    fs.cpSync(path.join(WORKSPACES, 'cli-basic'), ws, { recursive: true });
    spec = path.join(ws, 'openapi.yaml');
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  const audit = (...args: string[]) => runCli(['audit', '.', ...args], { cwd: ws });
  const json = (...args: string[]) => JSON.parse(audit('--format', 'json', ...args).stdout) as { findings: { ruleId: string; message: string }[]; summary: { baselined: number; total: number } };

  it('records findings, then reports only new ones; survives edits above the findings', () => {
    const before = json();
    assert.ok(before.findings.length >= 3);
    assert.strictEqual(audit().status, 1);

    const write = audit('--write-baseline');
    assert.strictEqual(write.status, 0, write.stderr);
    assert.match(write.stdout, new RegExp(`^Recorded ${before.findings.length} findings in \\.api-warden-baseline\\.json`));
    const file = JSON.parse(fs.readFileSync(path.join(ws, '.api-warden-baseline.json'), 'utf8')) as { findings: { fingerprint: string; ruleId: string; file: string }[] };
    assert.strictEqual(file.findings.length, before.findings.length);
    assert.ok(file.findings.every((f) => /^[0-9a-f]{16}$/.test(f.fingerprint) && f.ruleId && f.file));

    // The default baseline file is picked up: nothing new, exit 0, the count is shown.
    const again = audit();
    assert.strictEqual(again.status, 0, again.stdout);
    assert.match(again.stdout, new RegExp(`${before.findings.length} baselined`));
    assert.deepStrictEqual(json().summary, { ...json().summary, total: 0, baselined: before.findings.length });

    // Unrelated edits above every finding: lines inserted at the top of the spec and the code.
    const text = fs.readFileSync(spec, 'utf8');
    fs.writeFileSync(spec, text.replace('info:\n', 'info:\n  description: |\n    Three new lines\n    of description\n    above everything.\n'));
    const app = path.join(ws, 'src/app.ts');
    fs.writeFileSync(app, `// A header comment\n// added later.\n\n${fs.readFileSync(app, 'utf8')}`);
    assert.strictEqual(audit().status, 0, 'edits above the findings do not resurface them');

    // A new problem: only it is reported.
    fs.writeFileSync(spec, fs.readFileSync(spec, 'utf8').replace('  - url: https://api.example.com\n', '  - url: https://api.example.com\n  - url: http://staging.example.com\n'));
    const fresh = json();
    assert.deepStrictEqual(fresh.findings.map((f) => f.ruleId), ['spec-server-plain-http']);
    assert.match(fresh.findings[0].message, /staging/);
    assert.strictEqual(fresh.summary.baselined, before.findings.length);
    assert.strictEqual(audit().status, 1);

    // Fixing a baselined problem leaves a stale entry, which the text report counts.
    fs.writeFileSync(spec, fs.readFileSync(spec, 'utf8').replace('  - url: http://api.example.com\n', ''));
    assert.match(audit().stdout, /1 baseline entry no longer match a finding/);

    // --no-baseline shows everything again.
    assert.ok(json('--no-baseline').findings.length > before.findings.length - 1);
  });

  it('--write-baseline=FILE and --baseline FILE name the file; a bad baseline is exit 2', () => {
    assert.strictEqual(audit('--write-baseline=ci/baseline.json').status, 0);
    assert.ok(fs.existsSync(path.join(ws, 'ci/baseline.json')));
    assert.ok(!fs.existsSync(path.join(ws, '.api-warden-baseline.json')));
    assert.strictEqual(audit().status, 1, 'the default file is not there');
    assert.strictEqual(audit('--baseline', 'ci/baseline.json').status, 0);

    const missing = audit('--baseline', 'nope.json');
    assert.strictEqual(missing.status, 2);
    assert.match(missing.stderr, /cannot read the baseline nope\.json/);

    fs.writeFileSync(path.join(ws, '.api-warden-baseline.json'), '{ "findings": [');
    const corrupt = audit();
    assert.strictEqual(corrupt.status, 2);
    assert.match(corrupt.stderr, /invalid baseline \.api-warden-baseline\.json: not valid JSON/);
  });

  it('re-recording an unchanged workspace gives an identical file', () => {
    audit('--write-baseline');
    const first = fs.readFileSync(path.join(ws, '.api-warden-baseline.json'), 'utf8');
    audit('--write-baseline');
    assert.strictEqual(fs.readFileSync(path.join(ws, '.api-warden-baseline.json'), 'utf8'), first);
  });
});
