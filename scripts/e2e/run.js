#!/usr/bin/env node
// `npm run test:e2e`: every end-to-end stage in order, each timed, then one summary line
// ("e2e: N passed, M failed") and a non-zero exit code when anything failed.
//   1. build        tsc -b (incremental) + esbuild bundles in dist/
//   2. install      scripts/install-code-server.sh (idempotent: VS Code server, chromium, ...)
//   3. grammar      the directive grammar, tokenized by VS Code's own TextMate engine
//   4. extension    mocha suites of test/e2e inside a real VS Code extension host
//   5. package      npm run package -> api-warden.vsix (production bundles)
//   6. ui           the .vsix installed into VS Code, driven through the workbench in Chromium
// A failed stage stops the stages that depend on it (a failed build stops everything).
'use strict';
const { spawn } = require('child_process');
const path = require('path');
const { repoRoot } = require('./vscode-paths');

const node = process.execPath;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const STAGES = [
  { name: 'build', cmd: node, args: [require.resolve('typescript/bin/tsc'), '-b'], then: [node, ['scripts/build.mjs']] },
  { name: 'install', cmd: 'bash', args: ['scripts/install-code-server.sh'] },
  { name: 'grammar', cmd: node, args: [path.join(__dirname, 'grammar.js')], needs: ['install'] },
  { name: 'extension', cmd: node, args: [path.join(__dirname, 'extension-tests.js')], needs: ['install'] },
  // Packaging rebundles dist/ for production; the dev bundles are rebuilt afterwards.
  { name: 'package', cmd: npm, args: ['run', '--silent', 'package'], then: [node, ['scripts/build.mjs']] },
  { name: 'ui', cmd: node, args: [path.join(__dirname, 'ui.js')], needs: ['install', 'package'] },
];

/** Runs a command with inherited stdin, echoing and keeping its output (for the counts). */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('error', (err) => resolve({ code: 1, out: `${out}\n${err.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

/** Tests counted from a stage's own summary (mocha's "N passing", or our "x: N passed, M failed"). */
function countsOf(out) {
  const plain = [...out.matchAll(/^\w+: (\d+) passed, (\d+) failed/gm)].pop();
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]) };
  const passing = [...out.matchAll(/^\s*(\d+) passing/gm)].pop();
  const failing = [...out.matchAll(/^\s*(\d+) failing/gm)].pop();
  if (passing || failing) return { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) };
  return undefined;
}

async function main() {
  const results = [];
  const failedStages = new Set();
  const t0 = Date.now();
  for (const stage of STAGES) {
    const blocked = failedStages.has('build') ? ['build'] : (stage.needs ?? []).filter((n) => failedStages.has(n));
    if (blocked.length) {
      results.push({ name: stage.name, status: `not run (${blocked.join(', ')} failed)`, ms: 0 });
      failedStages.add(stage.name);
      continue;
    }
    console.log(`\n=== e2e ${stage.name} ===`);
    const start = Date.now();
    let { code, out } = await run(stage.cmd, stage.args);
    if (code === 0 && stage.then) ({ code } = await run(stage.then[0], stage.then[1]));
    const ms = Date.now() - start;
    const counts = countsOf(out);
    if (code !== 0) failedStages.add(stage.name);
    results.push({ name: stage.name, status: code === 0 ? 'ok' : `FAILED (exit ${code})`, ms, counts });
  }

  let passed = 0;
  let failed = 0;
  console.log('\n=== e2e summary ===');
  for (const r of results) {
    const counted = r.counts ? ` ${r.counts.passed} passed, ${r.counts.failed} failed` : '';
    console.log(`  ${r.name.padEnd(10)} ${r.status.padEnd(28)} ${(r.ms / 1000).toFixed(1).padStart(6)} s${counted}`);
    if (r.counts) {
      passed += r.counts.passed;
      failed += r.counts.failed;
    }
    // A stage that failed without failing tests (a crash, a build error) counts as one failure.
    if (r.status !== 'ok' && !(r.counts && r.counts.failed > 0)) failed += 1;
  }
  console.log(`  total      ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  console.log('e2e: 0 passed, 1 failed');
  process.exitCode = 1;
});
