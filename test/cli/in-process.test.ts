/**
 * What the spawned CLI cannot easily show: rule crashes (an injected crashing rule) and terminal
 * behaviour (a fake TTY). runCli is the function dist/cli.js calls, run here in-process.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { ALL_RULES, type Rule } from '../../server/src/engine';
import { defineOpenApiRule } from '../../server/src/engine/rules/rule';
import { runCli } from '../../server/src/cli/run';
import { Progress, useColor, type Streams } from '../../server/src/cli/terminal';
import { WORKSPACES } from './run-cli';

function streams(options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}): Streams & { out(): string; err(): string } {
  const stdout = Object.assign(new PassThrough(), { isTTY: options.tty });
  const stderr = Object.assign(new PassThrough(), { isTTY: options.tty, columns: 60 });
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { stdout, stderr, env: options.env ?? {}, cwd: WORKSPACES, out: () => out, err: () => err };
}

const crashing = (id: string, when: (title: string) => boolean): Rule =>
  defineOpenApiRule({
    meta: { id, kind: 'openapi', owasp: ['API9:2023'], severity: 'error', recommended: true, description: 'Crashes.', messages: { never: 'never' } },
    create: () => ({
      document(doc) {
        if (when(String((doc.root.info as { title?: unknown } | undefined)?.title))) throw new Error('boom');
      },
    }),
  });

describe('CLI in-process', () => {
  // The fixtures pin their rules (`extends: none`); these tests need the injected rule to run.
  let recommended: string;
  before(() => {
    recommended = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'api-warden-')), '.api-warden.yaml');
    fs.writeFileSync(recommended, 'extends: recommended\n');
  });
  after(() => fs.rmSync(path.dirname(recommended), { recursive: true, force: true }));

  it('a rule crash is printed on stderr and does not change the exit code', async () => {
    const io = streams();
    const code = await runCli(['audit', 'cli-config', 'clean', '--config', recommended, '--format', 'json'], io, {
      rules: [...ALL_RULES, crashing('test-crash', (t) => t === 'Clean fixture')],
    });
    assert.match(io.err(), /^api-warden: rule test-crash crashed on clean\/openapi\.yaml: boom$/m);
    const report = JSON.parse(io.out()) as { findings: { ruleId: string }[] };
    assert.ok(report.findings.some((f) => f.ruleId === 'spec-server-plain-http'), 'the other rules still ran');
    assert.strictEqual(code, 1, 'the findings decide the exit code');
  });

  it('exit 2 when every analysed file hit a crash: a clean result would be a lie', async () => {
    const io = streams();
    const code = await runCli(['audit', 'clean', '--config', recommended], io, { rules: [...ALL_RULES, crashing('test-crash', () => true)] });
    assert.strictEqual(code, 2);
    assert.match(io.err(), /every analysed file hit a rule crash/);
  });

  it('progress goes to stderr only on a terminal, and is cleared before the report', async () => {
    const tty = streams({ tty: true, env: { NO_COLOR: '1' } });
    assert.strictEqual(await runCli(['audit', 'clean'], tty), 0);
    assert.match(tty.err(), /\[1\/1\] openapi\.yaml/);
    assert.ok(tty.err().endsWith('\r\u001b[K'), 'the progress line is erased');
    assert.doesNotMatch(tty.out(), /\u001b\[/, 'NO_COLOR: no colours even on a terminal');

    const pipe = streams();
    assert.strictEqual(await runCli(['audit', 'clean'], pipe), 0);
    assert.strictEqual(pipe.err(), '');
  });

  it('colours: on a terminal unless NO_COLOR (any non-empty value) or TERM=dumb; flags win', () => {
    assert.strictEqual(useColor({ isTTY: true }, {}, undefined), true);
    assert.strictEqual(useColor({ isTTY: true }, { NO_COLOR: '1' }, undefined), false);
    assert.strictEqual(useColor({ isTTY: true }, { NO_COLOR: '' }, undefined), true);
    assert.strictEqual(useColor({ isTTY: true }, { TERM: 'dumb' }, undefined), false);
    assert.strictEqual(useColor({ isTTY: false }, {}, undefined), false);
    assert.strictEqual(useColor({ isTTY: false }, { FORCE_COLOR: '1' }, undefined), true);
    assert.strictEqual(useColor({ isTTY: true }, { NO_COLOR: '1' }, true), true);
    assert.strictEqual(useColor({ isTTY: true }, {}, false), false);
  });

  it('a long progress label is shortened to the terminal width', () => {
    const io = streams({ tty: true });
    const p = new Progress(io.stderr, true);
    p.update(3, 3, 'a/very/long/path/'.repeat(10) + 'openapi.yaml');
    const line = io.err().replace('\r\u001b[K', '');
    assert.ok(line.length <= 59 && line.startsWith('…') && line.endsWith('openapi.yaml'), line);
  });
});
