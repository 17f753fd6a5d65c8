#!/usr/bin/env node
// Runs the mocha suites of test/e2e (compiled to out/test/e2e) inside a real VS Code extension
// host with @vscode/test-electron's runTests(); the "VS Code executable" is vscode-shim.js,
// which drives the VS Code server installed by scripts/install-code-server.sh.
//   node scripts/e2e/extension-tests.js     (after `npm run compile && npm run build`)
'use strict';
const fs = require('fs');
const path = require('path');
const { runTests } = require('@vscode/test-electron');
const { repoRoot } = require('./vscode-paths');
const { copyWorkspace } = require('./workspace');

async function main() {
  const testsPath = path.join(repoRoot, 'out/test/e2e/index.js');
  for (const f of [testsPath, path.join(repoRoot, 'dist/client.js'), path.join(repoRoot, 'dist/server.js')]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(repoRoot, f)} is missing: run npm run compile && npm run build`);
  }
  const { root, ws, source } = copyWorkspace('api-warden-e2e-');
  console.log(`extension tests: workspace ${path.relative(repoRoot, source)} copied to ${ws}`);
  try {
    await runTests({
      vscodeExecutablePath: path.join(__dirname, 'vscode-shim.js'),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsPath,
      launchArgs: [ws, `--user-data-dir=${path.join(root, 'user-data')}`, `--extensions-dir=${path.join(root, 'extensions')}`],
      extensionTestsEnv: { API_WARDEN_E2E: '1' },
    });
  } finally {
    if (!process.env.API_WARDEN_E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`extension tests failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
});
