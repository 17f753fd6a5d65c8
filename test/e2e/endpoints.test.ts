/**
 * The "API Warden: Endpoints" view in real VS Code, on the demo workspace: opened through its
 * focus command, filled from the server's inventory, and followed from an entry to its handler.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { InventoryResult } from '../../server/src/protocol';
import { activateExtension, lineOf, type WardenApi } from './helpers';

/** What client/src/inventory-view.ts exposes (the e2e project cannot import the client's sources). */
interface EndpointsView {
  readonly current: InventoryResult | undefined;
  readonly onDidLoad: vscode.Event<InventoryResult>;
  getChildren(node?: unknown): Promise<unknown[]>;
  getTreeItem(node: unknown): vscode.TreeItem;
}

type Api = WardenApi & { endpointsView(): EndpointsView };

/** Resolves with the inventory once `accept` holds: checked now, then after every fetch. */
function waitForInventory(view: EndpointsView, accept: (r: InventoryResult) => boolean, what: string, timeoutMs = 30_000): Promise<InventoryResult> {
  return new Promise((resolve, reject) => {
    const check = (r: InventoryResult | undefined): void => {
      if (!r || !accept(r)) return;
      cleanup();
      resolve(r);
    };
    const listener = view.onDidLoad(check);
    const timer = setTimeout(() => {
      cleanup();
      const now = view.current?.groups.map((g) => `${g.path} [${g.endpoints.map((e) => e.method).join(' ')}]`).join(', ');
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the view shows: ${now ?? 'nothing yet'}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      listener.dispose();
    }
    check(view.current);
  });
}

/** Resolves once the active editor shows `suffix` (an editor change event, or already so). */
function waitForEditor(suffix: string, timeoutMs = 15_000): Promise<vscode.TextEditor> {
  return new Promise((resolve, reject) => {
    const matches = (e: vscode.TextEditor | undefined) => !!e && e.document.uri.path.endsWith(suffix);
    if (matches(vscode.window.activeTextEditor)) return resolve(vscode.window.activeTextEditor!);
    const listener = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (!matches(e)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(e!);
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${suffix} in the active editor (now: ${vscode.window.activeTextEditor?.document.uri.path})`));
    }, timeoutMs);
  });
}

const label = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

describe('API Warden: Endpoints view', () => {
  let view: EndpointsView;
  let inventory: InventoryResult;
  const ORDER = '/api/orders/{id}';

  before(async () => {
    view = ((await activateExtension()) as Api).endpointsView();
    const loaded = waitForInventory(view, (r) => r.groups.some((g) => g.path === ORDER), `${ORDER} in the endpoints view`);
    await vscode.commands.executeCommand('apiWarden.endpoints.focus');
    inventory = await loaded;
  });

  it('lists the demo endpoints grouped by path, from the spec and the code', async () => {
    const roots = await view.getChildren();
    const paths = roots.map((n) => label(view.getTreeItem(n)));
    assert.deepStrictEqual(paths, inventory.groups.map((g) => g.path));
    assert.ok(paths.includes(ORDER), paths.join(', '));
    const statuses = new Set(inventory.groups.flatMap((g) => g.endpoints.map((e) => e.status)));
    assert.ok(statuses.has('documented'), [...statuses].join(', '));
    assert.ok(statuses.has('shadow') || statuses.has('unimplemented'), `the demo shows drift: ${[...statuses].join(', ')}`);
  });

  it('shows an endpoint with its sources, auth and findings, and its spec and code locations as children', async () => {
    const group = (await view.getChildren()).find((n) => label(view.getTreeItem(n)) === ORDER)!;
    const endpoints = await view.getChildren(group);
    const get = endpoints.find((n) => label(view.getTreeItem(n)) === 'GET');
    assert.ok(get, `GET under ${ORDER}`);
    const item = view.getTreeItem(get);
    assert.match(String(item.description), /^spec \+ code · .*auth.* · (\d+ findings?|no findings)$/);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon, 'a theme icon');
    const children = (await view.getChildren(get)).map((n) => view.getTreeItem(n));
    assert.strictEqual(children.length, 2, children.map((c) => label(c)).join(', '));
    assert.strictEqual(label(children[0]), 'openapi.yaml');
    assert.match(label(children[1]), /^src\/routes\/orders\.ts:\d+$/);
    assert.match(String(children[0].description), /^spec · line \d+ · auth required/);
    assert.match(String(children[1].description), /^Express · GET \/api\/orders\/\{id\} · /);
  });

  it('follows the code entry to the handler: the active editor is its file, at its line', async () => {
    const group = (await view.getChildren()).find((n) => label(view.getTreeItem(n)) === ORDER)!;
    const get = (await view.getChildren(group)).find((n) => label(view.getTreeItem(n)) === 'GET')!;
    const code = (await view.getChildren(get)).map((n) => view.getTreeItem(n)).find((c) => label(c).startsWith('src/routes/orders.ts'))!;
    assert.ok(code.command, 'the entry has a command');
    const opened = waitForEditor('/src/routes/orders.ts');
    await vscode.commands.executeCommand(code.command.command, ...(code.command.arguments ?? []));
    const editor = await opened;
    const expected = lineOf(editor.document, "router.get('/:id'");
    assert.strictEqual(editor.selection.active.line, expected, `the cursor is on the handler (line ${expected + 1})`);
    assert.strictEqual(label(code), `src/routes/orders.ts:${expected + 1}`);
  });

  it('follows the spec entry to the operation', async () => {
    const group = (await view.getChildren()).find((n) => label(view.getTreeItem(n)) === ORDER)!;
    const get = (await view.getChildren(group)).find((n) => label(view.getTreeItem(n)) === 'GET')!;
    const spec = (await view.getChildren(get)).map((n) => view.getTreeItem(n)).find((c) => label(c) === 'openapi.yaml')!;
    const opened = waitForEditor('/openapi.yaml');
    await vscode.commands.executeCommand(spec.command!.command, ...(spec.command!.arguments ?? []));
    const editor = await opened;
    const line = editor.selection.active.line;
    assert.strictEqual(editor.document.lineAt(line).text.trim(), 'get:');
    assert.strictEqual(editor.document.lineAt(line - 1).text.trim(), '/orders/{id}:');
  });
});
