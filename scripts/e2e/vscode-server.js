// Starts the VS Code server (from scripts/install-code-server.sh) on a free loopback port, and a
// headless Chromium to show its workbench. Shared by vscode-shim.js and ui.js.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { serverMain, serverNode, chromium, assertInstalled, CHROMIUM_ARGS, TEST_USER_SETTINGS } = require('./vscode-paths');

/** Creates userDataDir/User/settings.json with quiet test defaults (kept if it exists). */
function prepareUserData(userDataDir, extraSettings = {}) {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const file = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify({ ...TEST_USER_SETTINGS, ...extraSettings }, null, 2));
}

/**
 * Starts `server-main.js` and resolves with { port, stop, logFile } once it listens. It runs in
 * its own process group so that stop() also ends the extension host and the language server.
 */
function startServer({ userDataDir, extensionsDir, extraArgs = [] }) {
  assertInstalled();
  fs.mkdirSync(extensionsDir, { recursive: true });
  const logFile = path.join(userDataDir, 'server.log');
  const log = fs.createWriteStream(logFile);
  const child = spawn(serverNode, [serverMain,
    '--host', '127.0.0.1', '--port', '0', '--without-connection-token', '--accept-server-license-terms',
    '--disable-telemetry', '--disable-workspace-trust', '--skip-welcome',
    '--user-data-dir', userDataDir, '--server-data-dir', path.join(userDataDir, 'server'),
    '--extensions-dir', extensionsDir, ...extraArgs,
  ], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // No extension gallery: nothing is installed from outside, and the workbench makes no
    // look-ups of a marketplace host (the machine has no network to reach it anyway).
    env: { ...process.env, EXTENSIONS_GALLERY: '{}' },
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    }
  };
  // Never leave a server behind, whatever way this process ends.
  process.once('exit', stop);
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      log.write(chunk);
      if (seen === null) return;
      seen += chunk;
      // The server prints the port it picked (with --port 0) once it listens.
      const m = /available at https?:\/\/[^:\s]+:(\d+)/.exec(seen);
      if (m) {
        seen = null;
        resolve({ port: Number(m[1]), stop, logFile });
      }
    });
    child.stderr.on('data', (chunk) => log.write(chunk));
    child.on('exit', (code, signal) => reject(new Error(`VS Code server exited (${code ?? signal}) before listening; see ${logFile}`)));
  });
}

async function launchBrowser() {
  const { chromium: pw } = require('playwright-core');
  return pw.launch({ executablePath: chromium, headless: true, args: CHROMIUM_ARGS });
}

module.exports = { prepareUserData, startServer, launchBrowser };
