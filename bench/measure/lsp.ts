/**
 * Child: the editor path through the real language server (dist/server.js over stdio), driven
 * by the LSP test client. Every scenario starts a fresh server on a temporary workspace folder.
 *
 *   spec <file> <edits>           first diagnostics of the newly opened document, then one-line
 *                                 edits inside a path item: edit -> fresh diagnostics, pulled
 *                                 (what VS Code does) and pushed (older clients; the server
 *                                 debounces pushes, so that figure includes the debounce)
 *   code <projectRoot> <edits>    open the edited file of a generated project, then edits that
 *                                 rename a route: edit -> fresh diagnostics (pull)
 *   project-spec <root> <edits>   a generated project with its openapi.yaml: edits of the
 *                                 description -> fresh diagnostics (pull)
 *   memory <file> <edits>         a long session: the server's heap after GC sampled over many edits
 *   audit <workspace> <smallDoc>  the server stays responsive during a long audit: a cheap
 *                                 request (an unchanged document's pull) and an edit + pull of a
 *                                 small open document while `apiWarden/audit` runs, next to the
 *                                 same edit with no audit running; cancelling the audit ends it
 *                                 quickly; the audit's own time in a fresh server
 *
 *   node out/bench/measure/lsp.js <scenario> ...
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic, DocumentDiagnosticReport, PublishDiagnosticsParams } from 'vscode-languageserver';
import { AuditRequest, type AuditSummary } from '../../server/src/protocol';
import { fileUri, LspClient, PUSH_CAPABILITIES, SERVER_BUNDLE } from '../../test/lsp/lsp-client';
import type { GeneratedProject } from '../generate-code';
import { reply } from '../lib/child';
import { findEditSite, suffixFor } from '../lib/edit-site';
import { checkpoints, growthMB } from '../lib/memory';
import { summarize } from '../lib/stats';

/** The server's own memory, read from /proc (Linux): peak and current resident set, MB. */
function serverMemory(pid: number | undefined): { peakRssMB?: number; rssMB?: number } {
  if (pid === undefined) return {};
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { peakRssMB: kb('VmHWM') / 1024, rssMB: kb('VmRSS') / 1024 };
  } catch {
    return {};
  }
}

/** CPU time (user + system) of the whole server process, all threads, in ms (Linux). */
function serverCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** `getconf CLK_TCK`: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/** A temporary workspace folder holding symlinks to the given files or folders. */
function workspaceWith(entries: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-warden-bench-ws-'));
  for (const e of entries) fs.symlinkSync(path.resolve(e), path.join(dir, path.basename(e)));
  return dir;
}

async function withServer<T>(folder: string, push: boolean, fn: (client: LspClient) => Promise<T>): Promise<T & { server: ReturnType<typeof serverMemory> }> {
  const client = LspClient.spawn(SERVER_BUNDLE);
  try {
    await client.initialize({ folders: [folder], ...(push ? { capabilities: PUSH_CAPABILITIES } : {}) });
    const result = await fn(client);
    const server = serverMemory(client.process?.pid);
    await client.shutdown();
    return { ...result, server };
  } finally {
    client.dispose();
  }
}

function languageOf(file: string): string {
  return /\.json$/i.test(file) ? 'json' : /\.ya?ml$/i.test(file) ? 'yaml' : /\.tsx?$/i.test(file) ? 'typescript' : 'javascript';
}

async function pullFull(client: LspClient, uri: string): Promise<Diagnostic[]> {
  const report: DocumentDiagnosticReport = await client.pullDiagnostics(uri);
  return report.kind === 'full' ? report.items : [];
}

/** One-line edit at the site: replaces the previous suffix with a new one. */
function editAt(client: LspClient, uri: string, line: number, character: number, previous: string, next: string): void {
  client.edit(uri, [{ range: { start: { line, character }, end: { line, character: character + previous.length } }, newText: next }]);
}

/**
 * Opens the document, pulls its first diagnostics, then `edits` one-line edits at (line,
 * character), each followed by a pull: the open time and each edit's latency.
 */
async function openAndEdit(client: LspClient, uri: string, languageId: string, text: string, line: number, character: number, edits: number): Promise<{ openMs: number; diagnostics: number; latencies: number[] }> {
  const t0 = performance.now();
  client.open(uri, languageId, text);
  const first = await pullFull(client, uri);
  const openMs = performance.now() - t0;
  const latencies: number[] = [];
  let previous = '';
  for (let n = 1; n <= edits; n++) {
    const suffix = suffixFor(n);
    const t = performance.now();
    editAt(client, uri, line, character, previous, suffix);
    await pullFull(client, uri);
    latencies.push(performance.now() - t);
    previous = suffix;
  }
  return { openMs, diagnostics: first.length, latencies };
}

async function specScenario(file: string, edits: number): Promise<unknown> {
  const text = fs.readFileSync(file, 'utf8');
  const site = findEditSite(text);
  if (!site) throw new Error(`no operationId line inside a path item in ${file}`);
  const folder = workspaceWith([file]);
  const uri = fileUri(path.join(folder, path.basename(file)));
  try {
    const pull = await withServer(folder, false, (client) => openAndEdit(client, uri, languageOf(file), text, site.line, site.character, edits));
    const push = await withServer(folder, true, async (client) => {
      const t0 = performance.now();
      client.open(uri, languageOf(file), text);
      await client.publishedDiagnostics(uri, 1);
      const openMs = performance.now() - t0;
      const latencies: number[] = [];
      let previous = '';
      for (let n = 1; n <= Math.min(edits, 10); n++) {
        const suffix = suffixFor(n);
        const version = (client.version(uri) ?? 1) + 1;
        const next = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version, 60_000);
        const t = performance.now();
        editAt(client, uri, site.line, site.character, previous, suffix);
        await next;
        latencies.push(performance.now() - t);
        previous = suffix;
      }
      return { openMs, latencies };
    });
    return {
      file: path.basename(file),
      editLine: site.line + 1,
      openMs: pull.openMs,
      diagnostics: pull.diagnostics,
      edit: summarize(pull.latencies),
      pushOpenMs: push.openMs,
      pushEdit: summarize(push.latencies),
      serverPeakRssMB: pull.server.peakRssMB,
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * A code project with its API description (`openapi.yaml` at its root, written from the code by
 * `api-warden inventory --format openapi`): one-line edits of the description, each pulled. Every
 * spec edit also feeds the spec <-> code rules and the spec-aware code rules of all the routes.
 */
async function projectSpecScenario(root: string, edits: number): Promise<unknown> {
  const file = path.join(root, 'openapi.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const site = findEditSite(text, 'summary');
  if (!site) throw new Error(`no summary line inside a path item in ${file}`);
  const uri = fileUri(file);
  const result = await withServer(root, false, (client) => openAndEdit(client, uri, 'yaml', text, site.line, site.character, edits));
  return { openMs: result.openMs, diagnostics: result.diagnostics, edit: summarize(result.latencies), serverPeakRssMB: result.server.peakRssMB };
}

async function codeScenario(root: string, edits: number): Promise<unknown> {
  const project = JSON.parse(fs.readFileSync(path.join(root, '.bench-project.json'), 'utf8')) as GeneratedProject;
  const text = fs.readFileSync(project.editFile, 'utf8');
  const at = text.indexOf(project.editNeedle);
  if (at < 0) throw new Error(`${project.editNeedle} not found in ${project.editFile}`);
  const before = text.slice(0, at + project.editNeedle.length - 1).split('\n');
  const line = before.length - 1;
  const character = before[line].length;
  const uri = fileUri(project.editFile);
  const result = await withServer(root, false, (client) => openAndEdit(client, uri, 'typescript', text, line, character, edits));
  return { openMs: result.openMs, edit: summarize(result.latencies), serverPeakRssMB: result.server.peakRssMB };
}

async function memoryScenario(file: string, edits: number): Promise<unknown> {
  const text = fs.readFileSync(file, 'utf8');
  const site = findEditSite(text);
  if (!site) throw new Error(`no operationId line inside a path item in ${file}`);
  const folder = workspaceWith([file]);
  const uri = fileUri(path.join(folder, path.basename(file)));
  const heapFile = path.join(folder, '.heap.json');
  // The server with the heap probe preloaded (see lib/heap-probe.ts).
  const child = spawn(process.execPath, ['--expose-gc', '-r', path.join(__dirname, '..', 'lib', 'heap-probe.js'), SERVER_BUNDLE, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, API_WARDEN_BENCH_HEAP: heapFile },
  });
  const client = new LspClient(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin), child);
  let seq = 0;
  const heap = async (): Promise<{ heapUsedMB: number; rssMB: number }> => {
    const want = ++seq;
    child.kill('SIGUSR2');
    for (let i = 0; i < 1000; i++) {
      await new Promise((r) => setTimeout(r, 10));
      try {
        const h = JSON.parse(fs.readFileSync(heapFile, 'utf8')) as { seq: number; heapUsedMB: number; rssMB: number };
        if (h.seq === want) return h;
      } catch {
        // not written yet
      }
    }
    throw new Error('the server did not report its heap');
  };
  try {
    await client.initialize({ folders: [folder] });
    client.open(uri, languageOf(file), text);
    await pullFull(client, uri);
    const samples: { edit: number; heapUsedMB: number; rssMB: number }[] = [];
    const at = checkpoints(edits);
    let previous = '';
    const latencies: number[] = [];
    for (let n = 1; n <= edits; n++) {
      const suffix = suffixFor(n);
      const t = performance.now();
      editAt(client, uri, site.line, site.character, previous, suffix);
      await pullFull(client, uri);
      latencies.push(performance.now() - t);
      previous = suffix;
      if (at.has(n)) samples.push({ edit: n, ...(await heap()) });
    }
    const server = serverMemory(child.pid);
    await client.shutdown();
    return {
      file: path.basename(file),
      edits,
      edit: summarize(latencies),
      samples,
      heapGrowthMB: growthMB(samples),
      serverPeakRssMB: server.peakRssMB,
    };
  } finally {
    client.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** Edits of the small document when no audit runs: what an edit costs in this workspace by itself. */
const IDLE_EDITS = 5;

/**
 * Sends `apiWarden/audit` and, every 100 ms until it answers, runs `probe` (which returns how
 * long its request waited).
 */
async function whileAuditing(client: LspClient, probe: () => Promise<number>): Promise<{ auditMs: number; summary: AuditSummary; latencies: number[] }> {
  const t0 = performance.now();
  let finished = false;
  const audit = client.connection.sendRequest(AuditRequest, { workDoneToken: 'bench-audit' }).then((r: AuditSummary) => {
    finished = true;
    return r;
  });
  const latencies: number[] = [];
  while (!finished) {
    await new Promise((r) => setTimeout(r, 100));
    if (finished) break;
    latencies.push(await probe());
  }
  const summary = await audit;
  return { auditMs: performance.now() - t0, summary, latencies };
}

async function auditScenario(workspace: string, smallDoc: string): Promise<unknown> {
  const text = fs.readFileSync(smallDoc, 'utf8');
  const site = findEditSite(text);
  if (!site) throw new Error(`no operationId line inside a path item in ${smallDoc}`);
  const uri = fileUri(path.join(workspace, path.basename(smallDoc)));
  // Every edit gives a new text: the suffix at the edit site changes each time.
  let previous = '';
  let n = 0;
  const editAndPull = async (client: LspClient) => {
    const suffix = suffixFor(++n);
    const t = performance.now();
    editAt(client, uri, site.line, site.character, previous, suffix);
    await pullFull(client, uri);
    previous = suffix;
    return performance.now() - t;
  };

  // 1. The small document edited with no audit running, then an audit during which only a cheap
  //    request is sent: the pull of an unchanged document, answered from the cache, so its wait
  //    is how long the server takes to get to it.
  const quiet = await withServer(workspace, false, async (client) => {
    client.open(uri, languageOf(smallDoc), text);
    await pullFull(client, uri);
    const idle: number[] = [];
    for (let i = 0; i < IDLE_EDITS; i++) idle.push(await editAndPull(client));
    const { resultId } = await client.pullDiagnostics(uri);
    const run = await whileAuditing(client, async () => {
      const t = performance.now();
      await client.pullDiagnostics(uri, resultId);
      return performance.now() - t;
    });
    return { idle, ...run };
  });

  // 2. Requests answered while a full audit runs: edit + pull of a small open document.
  previous = '';
  n = 0;
  const during = await withServer(workspace, false, async (client) => {
    client.open(uri, languageOf(smallDoc), text);
    await pullFull(client, uri);
    return whileAuditing(client, () => editAndPull(client));
  });

  // 3. Cancelling a full audit half a second in (a fresh server: nothing cached yet).
  const cancel = await withServer(workspace, false, async (client) => {
    const source = new CancellationTokenSource();
    const t1 = performance.now();
    const outcome = client.connection.sendRequest(AuditRequest, { workDoneToken: 'bench-cancel' }, source.token).then(
      (r: AuditSummary) => ({ cancelled: r.cancelled }),
      (e: unknown) => ({ cancelled: true, error: e instanceof Error ? e.message : String(e) }),
    );
    await client.waitFor('$/progress', (p: { token?: unknown }) => p.token === 'bench-cancel', 60_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    const tc = performance.now();
    source.cancel();
    const result = await outcome;
    return { afterMs: tc - t1, responseMs: performance.now() - tc, ...result };
  });

  // 4. The audit alone in a fresh server with nothing open: the engine's whole cost, nothing cached.
  const cold = await withServer(workspace, false, async (client) => {
    const cpu = serverCpuMs(client.process?.pid);
    const t = performance.now();
    await client.audit();
    const after = serverCpuMs(client.process?.pid);
    return { auditMs: performance.now() - t, cpuMs: cpu !== undefined && after !== undefined ? after - cpu : undefined };
  });
  return {
    auditMs: during.auditMs,
    files: during.summary.files,
    findings: during.summary.findings.length,
    operations: during.summary.operations.length,
    duringAudit: during.latencies.length ? summarize(during.latencies) : undefined,
    editIdle: summarize(quiet.idle),
    requestDuringAudit: quiet.latencies.length ? summarize(quiet.latencies) : undefined,
    quietAuditMs: quiet.auditMs,
    coldAuditMs: cold.auditMs,
    coldAuditCpuMs: cold.cpuMs,
    cancel: { afterMs: cancel.afterMs, responseMs: cancel.responseMs, cancelled: cancel.cancelled },
    serverPeakRssMB: during.server.peakRssMB,
  };
}

async function main(): Promise<void> {
  const [scenario, a, b] = process.argv.slice(2);
  if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\``);
  switch (scenario) {
    case 'spec': return reply(await specScenario(a, Number(b ?? 20)));
    case 'code': return reply(await codeScenario(a, Number(b ?? 20)));
    case 'project-spec': return reply(await projectSpecScenario(a, Number(b ?? 20)));
    case 'memory': return reply(await memoryScenario(a, Number(b ?? 1000)));
    case 'audit': return reply(await auditScenario(a, b));
    default: throw new Error(`unknown scenario ${scenario}`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
