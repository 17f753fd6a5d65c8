// Where scripts/install-code-server.sh put the VS Code server, and the Node it was built for.
'use strict';
const fs = require('fs');
const path = require('path');

const repoRoot = path.resolve(__dirname, '../..');
const installDir = process.env.API_WARDEN_CODE_SERVER_DIR || path.join(repoRoot, '.vscode-test/code-server');
const vscodeDir = path.join(installDir, 'node_modules/code-server/lib/vscode');
const serverMain = path.join(vscodeDir, 'out/server-main.js');
// The native addons (node-pty, spdlog, ...) were compiled for this Node; it is a symlink.
const installedNode = path.join(installDir, 'bin/node');
const serverNode = fs.existsSync(installedNode) ? installedNode : process.execPath;
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

function assertInstalled() {
  if (!fs.existsSync(serverMain)) {
    throw new Error(`VS Code server not found at ${serverMain}; run scripts/install-code-server.sh`);
  }
  if (!fs.existsSync(chromium)) throw new Error(`Chromium not found at ${chromium}; run scripts/install-code-server.sh`);
}

/** Flags that keep a headless Chromium off the (closed) network and quiet. */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** User settings for a clean, quiet test workbench (no welcome page, no trust prompt, no updates). */
const TEST_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'chat.disableAIFeatures': true,
};

module.exports = { repoRoot, installDir, vscodeDir, serverMain, serverNode, chromium, assertInstalled, CHROMIUM_ARGS, TEST_USER_SETTINGS };
