#!/usr/bin/env node
// A stand-in for the VS Code executable, given to @vscode/test-electron's runTests() as
// `vscodeExecutablePath` (CI cannot download VS Code). It accepts the arguments runTests passes
// (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=, --extensions-dir=, a
// folder to open; Electron-only flags are ignored), starts the VS Code server installed by
// scripts/install-code-server.sh, and opens its workbench in headless Chromium with a `payload`
// that turns on extension development and the test runner (the same mechanism VS Code's own
// web integration tests use). The extension host is Node, as in desktop VS Code. The test
// output is relayed to stdout and the shim exits with the suite's exit code.
//   API_WARDEN_E2E_TIMEOUT_MS   overall limit (default 300000)
//   API_WARDEN_E2E_VERBOSE=1    also print the browser console
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { prepareUserData, startServer, launchBrowser } = require('./vscode-server');

const args = process.argv.slice(2);
const values = (name) => args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
const developmentPaths = values('extensionDevelopmentPath').map((p) => path.resolve(p));
const testsPath = values('extensionTestsPath')[0];
const userDataDir = path.resolve(values('user-data-dir')[0] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'api-warden-ud-')));
const extensionsDir = path.resolve(values('extensions-dir')[0] ?? path.join(userDataDir, 'extensions'));
const folder = args.find((a) => !a.startsWith('-'));
const timeoutMs = Number(process.env.API_WARDEN_E2E_TIMEOUT_MS ?? 300000);

let server;
let browser;
let done = false;
async function exit(code) {
  if (done) return;
  done = true;
  await browser?.close().catch(() => {});
  server?.stop();
  process.exit(code);
}
process.on('SIGINT', () => exit(130));
process.on('SIGTERM', () => exit(143));
setTimeout(() => {
  console.error(`vscode-shim: no result after ${timeoutMs} ms; server log: ${path.join(userDataDir, 'server.log')}`);
  void exit(124);
}, timeoutMs).unref();

async function main() {
  prepareUserData(userDataDir);
  server = await startServer({ userDataDir, extensionsDir });
  const authority = `127.0.0.1:${server.port}`;
  // The workbench resolves these against the server's file system.
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = developmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
  const target = folder ? `folder=${encodeURIComponent(path.resolve(folder))}` : 'ew=true';
  const url = `http://${authority}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // The workbench calls these when it runs extension tests: the host's output, then the result.
  await page.exposeFunction('codeAutomationLog', (_level, parts) => console.log(util.format(...(parts ?? []))));
  await page.exposeFunction('codeAutomationExit', (code) => exit(code));
  if (process.env.API_WARDEN_E2E_VERBOSE) page.on('console', (m) => console.log('[browser]', m.text()));
  page.on('pageerror', (e) => console.error('[browser] page error:', e.message));
  await page.goto(url);
  if (!testsPath) console.log(`vscode-shim: workbench open at ${url} (no --extensionTestsPath: Ctrl+C to stop)`);
}

main().catch((err) => {
  console.error('vscode-shim:', err);
  void exit(1);
});
