/**
 * The "API Warden: Endpoints" tree (Explorer): every endpoint of the workspace grouped by path,
 * with its sources (spec, code, both), its authentication and its finding count; under each
 * endpoint, where the spec operation and the handler are. Clicking goes there.
 *
 * The data is the server's (`apiWarden/inventory`); the view fetches it when shown and again
 * when the server says it changed (`apiWarden/inventoryChanged`) or, as a fallback, when
 * diagnostics change (debounced: a re-ask of an unchanged workspace is answered from the
 * server's cache). Icons are theme icons only.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  InventoryChangedNotification,
  InventoryRequest,
  REVEAL_LOCATION_COMMAND,
  SHOW_LOCATIONS_COMMAND,
  type InventoryAuth,
  type InventoryCodeSide,
  type InventoryEndpoint,
  type InventoryGroup,
  type InventoryResult,
  type WardenLocation,
  type WardenRange,
} from '../../server/src/protocol';
import type { WardenClient } from './client';

export const ENDPOINTS_VIEW_ID = 'apiWarden.endpoints';
export const REFRESH_ENDPOINTS_COMMAND = 'apiWarden.refreshEndpoints';
/** Diagnostics come in bursts (one event per file): wait for the burst to end. */
const DIAGNOSTICS_DEBOUNCE_MS = 500;

export type EndpointNode =
  | { kind: 'group'; group: InventoryGroup }
  | { kind: 'endpoint'; endpoint: InventoryEndpoint }
  | { kind: 'spec'; endpoint: InventoryEndpoint }
  | { kind: 'code'; endpoint: InventoryEndpoint; side: InventoryCodeSide; index: number };

const SOURCES: Record<InventoryEndpoint['sources'], string> = { both: 'spec + code', spec: 'spec only', code: 'code only' };

const STATUS: Record<InventoryEndpoint['status'], string | undefined> = {
  documented: undefined,
  shadow: 'shadow',
  unimplemented: 'not implemented',
  unmatchable: 'dynamic path',
  'spec-only': undefined,
  'code-only': undefined,
};

const STATUS_SENTENCE: Record<InventoryEndpoint['status'], string> = {
  documented: 'documented in the spec and implemented in the code.',
  shadow: 'implemented, but the spec that covers this code does not document it.',
  unimplemented: 'documented, but no route in the code implements it.',
  unmatchable: 'the route path is dynamic (regex, wildcard or optional parts), so it cannot be compared with the spec.',
  'spec-only': 'the workspace has no code for this spec.',
  'code-only': 'the workspace has no spec for this code.',
};

const AUTH_WORD: Record<InventoryAuth['status'], string> = { required: 'auth required', public: 'public', missing: 'no auth', unknown: 'auth unknown' };

const AUTH_ICON: Record<InventoryAuth['status'], string> = { required: 'lock', public: 'globe', missing: 'unlock', unknown: 'question' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What a request reaches: the code's auth when there is code, else what the spec declares. */
function effectiveAuth(e: InventoryEndpoint): InventoryAuth | undefined {
  return e.auth.code ?? e.auth.spec;
}

function authLabel(e: InventoryEndpoint): string {
  const { spec, code } = e.auth;
  if (spec && code && spec.status !== code.status) return `spec: ${AUTH_WORD[spec.status]}, code: ${AUTH_WORD[code.status]}`;
  const a = effectiveAuth(e);
  return a ? AUTH_WORD[a.status] : AUTH_WORD.unknown;
}

function findingsColor(e: InventoryEndpoint): vscode.ThemeColor | undefined {
  if (e.findings.error) return new vscode.ThemeColor('problemsErrorIcon.foreground');
  if (e.findings.warning) return new vscode.ThemeColor('problemsWarningIcon.foreground');
  if (e.findings.info) return new vscode.ThemeColor('problemsInfoIcon.foreground');
  return undefined;
}

function toRange(r: WardenRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function toLocation(l: WardenLocation): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range));
}

function relative(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
}

function revealCommand(target: WardenLocation, title: string): vscode.Command {
  return { command: REVEAL_LOCATION_COMMAND, title, arguments: [target] };
}

/** Opens a location: a one-line range is selected, a longer one (a whole handler) gets the cursor at its start. */
export async function revealLocation(location: WardenLocation): Promise<vscode.TextEditor> {
  const range = toRange(location.range);
  const selection = range.isSingleLine ? range : new vscode.Range(range.start, range.start);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { selection, preview: true });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

export class InventoryView implements vscode.TreeDataProvider<EndpointNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EndpointNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<InventoryResult>();
  /** Fires after every fetch (tests wait on it). */
  readonly onDidLoad = this.loaded.event;
  private readonly view: vscode.TreeView<EndpointNode>;
  private readonly disposables: vscode.Disposable[] = [];
  private result: InventoryResult | undefined;
  private printed: string | undefined;
  private stale = true;
  private loading: Promise<void> | undefined;
  /** A refresh came while a fetch was in flight (whose answer may predate the change). */
  private again = false;
  private subscribed: LanguageClient | undefined;
  private debounce: NodeJS.Timeout | undefined;

  constructor(private readonly warden: WardenClient) {
    this.view = vscode.window.createTreeView(ENDPOINTS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      this.loaded,
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) void this.load(true);
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
      vscode.commands.registerCommand(REFRESH_ENDPOINTS_COMMAND, () => this.refresh()),
      vscode.commands.registerCommand(REVEAL_LOCATION_COMMAND, (location: WardenLocation) => revealLocation(location)),
      vscode.commands.registerCommand(SHOW_LOCATIONS_COMMAND, (uri: string, position: { line: number; character: number }, locations: WardenLocation[]) =>
        vscode.commands.executeCommand(
          'editor.action.showReferences',
          vscode.Uri.parse(uri),
          new vscode.Position(position.line, position.character),
          locations.map(toLocation),
        )),
    );
  }

  /** The last inventory fetched (undefined before the first). */
  get current(): InventoryResult | undefined {
    return this.result;
  }

  get visible(): boolean {
    return this.view.visible;
  }

  /** Marks the data stale and, when the view is shown, fetches it again. */
  refresh(): Promise<void> {
    this.stale = true;
    return this.view.visible ? this.load(true) : Promise.resolve();
  }

  dispose(): void {
    if (this.debounce) clearTimeout(this.debounce);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  getTreeItem(node: EndpointNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group':
        return this.groupItem(node.group);
      case 'endpoint':
        return this.endpointItem(node.endpoint);
      case 'spec':
        return this.specItem(node.endpoint);
      case 'code':
        return this.codeItem(node.endpoint, node.side, node.index);
    }
  }

  async getChildren(node?: EndpointNode): Promise<EndpointNode[]> {
    if (!node) {
      if (this.stale || !this.result) await this.load(false);
      return (this.result?.groups ?? []).map((group) => ({ kind: 'group', group }));
    }
    if (node.kind === 'group') return node.group.endpoints.map((endpoint) => ({ kind: 'endpoint', endpoint }));
    if (node.kind === 'endpoint') {
      const e = node.endpoint;
      return [
        ...(e.spec ? [{ kind: 'spec' as const, endpoint: e }] : []),
        ...e.code.map((side, index) => ({ kind: 'code' as const, endpoint: e, side, index })),
      ];
    }
    return [];
  }

  // ------------------------------------------------------------------ data

  private refreshSoon(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      void this.refresh();
    }, DIAGNOSTICS_DEBOUNCE_MS);
  }

  /** One fetch at a time; `notify` re-renders the tree when the data changed. */
  private load(notify: boolean): Promise<void> {
    if (this.loading) {
      if (notify) this.again = true;
      return this.loading;
    }
    this.stale = false;
    this.loading = this.fetch(notify).finally(() => {
      this.loading = undefined;
      if (this.again) {
        this.again = false;
        void this.load(true);
      }
    });
    return this.loading;
  }

  private async fetch(notify: boolean): Promise<void> {
    let result: InventoryResult;
    try {
      await this.warden.ready();
      const client = this.warden.languageClient;
      this.subscribe(client);
      result = await client.sendRequest(InventoryRequest, {});
      this.view.message = undefined;
    } catch (err) {
      this.view.message = `The endpoint inventory is unavailable: ${err instanceof Error ? err.message : String(err)}`;
      this.stale = true;
      return;
    }
    this.view.description = result.total ? plural(result.total, 'endpoint') : undefined;
    const print = JSON.stringify({ ...result, generation: 0 });
    const changed = print !== this.printed;
    this.result = result;
    this.printed = print;
    if (changed && notify) this.changed.fire(undefined);
    this.loaded.fire(result);
  }

  /** A restarted server is a new client: listen to the one in use. */
  private subscribe(client: LanguageClient): void {
    if (this.subscribed === client) return;
    this.subscribed = client;
    this.disposables.push(client.onNotification(InventoryChangedNotification, () => void this.refresh()));
  }

  // ------------------------------------------------------------------ items

  private groupItem(group: InventoryGroup): vscode.TreeItem {
    const item = new vscode.TreeItem(group.path, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `path:${group.path}`;
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.description = group.endpoints.map((e) => e.method).join(' ');
    item.contextValue = 'apiWarden.path';
    return item;
  }

  private endpointItem(e: InventoryEndpoint): vscode.TreeItem {
    const item = new vscode.TreeItem(e.method, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = e.id;
    const status = STATUS[e.status];
    const findings = e.findings.total ? plural(e.findings.total, 'finding') : 'no findings';
    item.description = [`${SOURCES[e.sources]}${status ? ` (${status})` : ''}`, authLabel(e), findings].join(' · ');
    item.iconPath = new vscode.ThemeIcon(AUTH_ICON[effectiveAuth(e)?.status ?? 'unknown'], findingsColor(e));
    item.tooltip = this.tooltip(e);
    item.contextValue = `apiWarden.endpoint.${e.status}`;
    const first = e.code[0];
    if (first) item.command = revealCommand(first.handler ?? first.location, 'Go to the handler');
    else if (e.spec) item.command = revealCommand(e.spec.location, 'Go to the spec operation');
    return item;
  }

  private specItem(e: InventoryEndpoint): vscode.TreeItem {
    const spec = e.spec!;
    const item = new vscode.TreeItem(relative(spec.location.uri), vscode.TreeItemCollapsibleState.None);
    item.id = `${e.id}/spec`;
    item.iconPath = new vscode.ThemeIcon('book');
    item.description = `spec · line ${spec.location.range.start.line + 1} · ${AUTH_WORD[spec.auth.status]}${spec.deprecated ? ' · deprecated' : ''}`;
    item.tooltip = `${e.method} ${spec.path} (${spec.pointer})\n${spec.auth.evidence}`;
    item.command = revealCommand(spec.location, 'Go to the spec operation');
    item.contextValue = 'apiWarden.specOperation';
    return item;
  }

  private codeItem(e: InventoryEndpoint, side: InventoryCodeSide, index: number): vscode.TreeItem {
    const target = side.handler ?? side.location;
    const item = new vscode.TreeItem(`${relative(target.uri)}:${target.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
    item.id = `${e.id}/code/${index}`;
    item.iconPath = new vscode.ThemeIcon('symbol-method');
    item.description = `${side.framework === 'nestjs' ? 'NestJS' : 'Express'} · ${side.method} ${side.path} · ${AUTH_WORD[side.auth.status]}`;
    item.tooltip = side.auth.evidence || undefined;
    item.command = revealCommand(target, 'Go to the handler');
    item.contextValue = 'apiWarden.route';
    return item;
  }

  private tooltip(e: InventoryEndpoint): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**').appendText(`${e.method} ${e.path}`).appendMarkdown('**\n\n');
    md.appendText(`${SOURCES[e.sources]}${STATUS[e.status] ? ` (${STATUS[e.status]})` : ''}: ${STATUS_SENTENCE[e.status]}\n\n`);
    if (e.auth.spec) md.appendText(`Spec: ${AUTH_WORD[e.auth.spec.status]}: ${e.auth.spec.evidence}\n\n`);
    if (e.auth.code) md.appendText(`Code: ${AUTH_WORD[e.auth.code.status]}: ${e.auth.code.evidence}\n\n`);
    const f = e.findings;
    md.appendText(f.total ? `${plural(f.total, 'finding')}: ${f.error} errors, ${f.warning} warnings, ${f.info} info, ${f.hint} hints` : 'No findings');
    return md;
  }
}
