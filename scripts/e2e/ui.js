#!/usr/bin/env node
// UI end-to-end test of the packaged extension, as a person would use it: installs the .vsix
// offline into a fresh VS Code server, opens the demo workspace in headless Chromium, opens the
// spec, waits for the squiggle and its hover, opens the Problems panel, runs "API Warden: Audit
// Workspace" from the Command Palette and waits for the report and the notification.
// Screenshots go to test-results/ui/ (git-ignored).
//   node scripts/e2e/ui.js [path/to/api-warden.vsix]      (default: api-warden.vsix)
'use strict';
const { execFileSync } = require('child_process');
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { repoRoot, serverMain, serverNode } = require('./vscode-paths');
const { prepareUserData, startServer, launchBrowser } = require('./vscode-server');
const { copyWorkspace } = require('./workspace');

const vsix = path.resolve(process.argv[2] ?? path.join(repoRoot, 'api-warden.vsix'));
const shots = path.join(repoRoot, 'test-results/ui');
const started = Date.now();
const log = (msg) => console.log(`  [ui ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
const TIMEOUT = 60_000;

async function main() {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run npm run package`);
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  const { root, ws } = copyWorkspace('api-warden-ui-');
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  prepareUserData(userDataDir, { 'workbench.colorTheme': 'Default Light Modern' });

  // What `code --install-extension api-warden.vsix` does; no marketplace involved.
  execFileSync(serverNode, [serverMain, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
    '--install-extension', vsix, '--force'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('api-warden.api-warden-'));
  assert.strictEqual(installed.length, 1, `vsix installed into ${extensionsDir}`);
  assert.ok(!fs.existsSync(path.join(extensionsDir, installed[0], 'node_modules')), 'the vsix ships no node_modules');
  log(`installed ${installed[0]}`);

  const server = await startServer({ userDataDir, extensionsDir });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const shot = async (name) => {
    await page.screenshot({ path: path.join(shots, name) });
    log(`screenshot ${path.relative(repoRoot, path.join(shots, name))}`);
  };
  try {
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(ws)}`);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: TIMEOUT });
    log('workbench loaded');

    // Open the spec with Quick Open.
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await page.keyboard.type('openapi.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'openapi.yaml' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'openapi.yaml' }).waitFor();

    // The language server's findings appear as squiggles; the status bar shows the counts.
    const squiggle = page.locator('.monaco-editor .squiggly-error').first();
    await squiggle.waitFor({ timeout: TIMEOUT });
    const status = page.locator('.statusbar-item', { hasText: 'API Warden' }).first();
    await status.waitFor({ timeout: TIMEOUT });
    log(`squiggle visible; status bar: "${(await status.innerText()).replace(/\s+/g, ' ').trim()}"`);
    await shot('1-squiggle.png');

    // Go to the unsecured DELETE operation and hover it: the message and the Quick Fix link.
    const deleteLine = fs.readFileSync(path.join(ws, 'openapi.yaml'), 'utf8').split('\n').findIndex((l) => /^\s+delete:/.test(l)) + 1;
    assert.ok(deleteLine > 0, 'the demo spec has a delete operation');
    await page.keyboard.press('Control+G');
    await input.waitFor({ state: 'visible' });
    await page.keyboard.type(String(deleteLine));
    await page.keyboard.press('Enter');
    // The endpoint CodeLenses (auth · pairing) arrive asynchronously and push the lines below them
    // down: point at the line once they are in (one response carries every lens of the file).
    const lens = page.locator('.monaco-editor .codelens-decoration:visible', { hasText: 'implemented in' }).first();
    await lens.waitFor({ timeout: TIMEOUT });
    log(`CodeLens: "${(await lens.innerText()).trim()}"`);
    await page.locator('.monaco-editor .view-line span[class^="mtk"]', { hasText: /^delete$/ }).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'declares no security' });
    await hover.waitFor({ state: 'visible', timeout: TIMEOUT });
    await shot('2-hover.png');

    // Problems panel lists the findings with their rule ids.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row', { hasText: 'spec-server-plain-http' });
    await rows.first().waitFor({ timeout: TIMEOUT });
    const ruleRows = await page.locator('.markers-panel .monaco-list-row', { hasText: /spec-[a-z-]+/ }).count();
    assert.ok(ruleRows >= 3, `Problems panel lists the spec findings (got ${ruleRows} rows)`);
    log(`Problems panel: ${ruleRows} rows`);
    await shot('3-problems.png');

    // Run the audit from the Command Palette.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await page.keyboard.type('API Warden: Audit Workspace');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Audit Workspace' }).first().waitFor();
    await page.keyboard.press('Enter');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /API Warden: \d+ findings?/ });
    await toast.waitFor({ timeout: TIMEOUT });
    // The report opens in its webview panel (an iframe inside an iframe).
    await page.locator('.tabs-container .tab', { hasText: 'API Warden Report' }).waitFor({ timeout: TIMEOUT });
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await preview.locator('h2', { hasText: 'Endpoints' }).waitFor({ timeout: TIMEOUT });
    const missingRow = preview.locator('#endpoints tr', { hasText: '/admin/users/{id}' }).first();
    assert.match(await missingRow.innerText(), /missing/, 'the unsecured endpoint is listed as missing authentication');
    log(`notification: "${(await toast.innerText()).split('\n')[0]}"`);
    await shot('4-audit.png');

    // The endpoints view in the Explorer: expanded, it lists the demo's paths.
    const endpointsHeader = page.locator('.pane-header', { hasText: 'API Warden: Endpoints' });
    await endpointsHeader.click();
    const endpointRow = page.locator('.pane', { has: endpointsHeader }).locator('.monaco-list-row', { hasText: '/api/' }).first();
    await endpointRow.waitFor({ timeout: TIMEOUT });
    log(`endpoints view: "${(await endpointRow.innerText()).replace(/\s+/g, ' ').trim()}"`);
    await shot('5-endpoints.png');
    console.log('ui: 1 passed, 0 failed');
  } catch (err) {
    await page.screenshot({ path: path.join(shots, 'failure.png') }).catch(() => {});
    console.error(`  UI test failed; see ${path.relative(repoRoot, path.join(shots, 'failure.png'))} and ${server.logFile}`);
    throw err;
  } finally {
    await browser.close().catch(() => {});
    server.stop();
    if (!process.env.API_WARDEN_E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  console.log('ui: 0 passed, 1 failed');
  process.exitCode = 1;
});
