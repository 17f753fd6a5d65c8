import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { DEFAULT_EDITOR_SETTINGS } from '../../server/src/protocol';
import { activateExtension, EXTENSION_ID } from './helpers';

describe('activation and contributions', () => {
  before(async () => {
    await activateExtension();
  });

  it('activates in a workspace with an OpenAPI document and starts the server', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive);
  });

  it('registers the commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['apiWarden.auditWorkspace', 'apiWarden.restartServer', 'apiWarden.showOutput']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });

  it('declares every editor setting the server reads, with the same defaults', () => {
    // The server pulls `apiWarden` per resource and types it as EditorSettings; the manifest is
    // what VS Code answers from, so the two must agree key by key.
    const config = vscode.workspace.getConfiguration('apiWarden');
    const actual: Record<string, unknown> = {};
    for (const key of Object.keys(DEFAULT_EDITOR_SETTINGS)) actual[key] = config.get(key);
    assert.deepStrictEqual(actual, DEFAULT_EDITOR_SETTINGS);

    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const manifest = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, unknown> } };
    };
    const declared = Object.keys(manifest.contributes.configuration.properties).map((k) => k.replace(/^apiWarden\./, '')).sort();
    const expected = Object.keys(DEFAULT_EDITOR_SETTINGS).flatMap((k) => (k === 'trace' ? ['trace.server'] : [k])).sort();
    assert.deepStrictEqual(declared, expected);
  });
});
