/**
 * Entry point of the VS Code extension: wires the language client, commands and status bar
 * together and nothing else (the pieces live in files named for what they do).
 */
import * as vscode from 'vscode';
import { WardenClient } from './client';
import { registerCommands, type AuditApi } from './commands';
import { InventoryView } from './inventory-view';
import { StatusBar } from './status';

let warden: WardenClient | undefined;

/** Returned to other extensions and to the e2e tests (`extension.exports`). */
export interface ApiWardenExtension extends AuditApi {
  /** Resolves once the language server answered `initialize`. */
  ready(): Promise<void>;
  /** The "API Warden: Endpoints" tree (for tests). */
  endpointsView(): InventoryView;
}

export async function activate(context: vscode.ExtensionContext): Promise<ApiWardenExtension> {
  const output = vscode.window.createOutputChannel('API Warden');
  const status = new StatusBar();
  warden = new WardenClient(context, output, status);
  const api = registerCommands(context, warden, output, status);
  const endpoints = new InventoryView(warden);
  context.subscriptions.push(output, status, warden, endpoints);
  // Not awaited: activation must not wait for the server (VS Code shows a slow-activation
  // warning otherwise); commands wait on `warden.ready()` themselves.
  void warden.start();
  return { ...api, ready: () => warden!.ready(), endpointsView: () => endpoints };
}

export async function deactivate(): Promise<void> {
  await warden?.stop();
  warden = undefined;
}
