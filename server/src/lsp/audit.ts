/**
 * `apiWarden/audit`: the whole workspace through engine.audit(), with work-done progress and
 * cancellation, summarised for the client's report view.
 *
 * Progress: the client's token when it sent one (the client then cancels the request itself),
 * else a server-initiated progress when the client supports it (its Cancel button cancels the
 * audit). The engine yields to the event loop between files, so other requests (diagnostics,
 * code actions) keep being answered while an audit runs.
 */
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { relativePath, type CancellationSignal, type Engine, type OwaspCategory, type Severity } from '../engine';
import { reportFromAudit, withUnusedSuppressions } from '../engine/report/from-engine';
import type { AuditParams, AuditSummary } from '../protocol';
import { toAuditFinding, toAuditOperation } from './convert';
import type { EnginePool } from './engines';
import { positionsFor } from './positions';
import { toEngineSettings, type SettingsStore } from './settings';
import type { StatusReporter } from './status';
import type { UriMapper } from './uri';

export interface AuditDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  uris: UriMapper;
  engines: EnginePool;
  settings: SettingsStore;
  status: StatusReporter;
  /** The client accepts `window/workDoneProgress/create`. */
  progressSupported: boolean;
  /** The server's version, for the report. */
  version?: string;
}

interface Reporter {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
  readonly token?: CancellationToken;
}

async function progressFor(params: AuditParams, deps: AuditDeps): Promise<Reporter | undefined> {
  if (params.workDoneToken !== undefined) return deps.connection.window.attachWorkDoneProgress(params.workDoneToken);
  if (deps.progressSupported) return deps.connection.window.createWorkDoneProgress();
  return undefined;
}

export async function runAudit(params: AuditParams, token: CancellationToken, deps: AuditDeps): Promise<AuditSummary> {
  const started = Date.now();
  const roots = deps.engines.getRoots();
  // Settings of the first folder: the audit is one run over all roots with one rule set.
  const settings = await deps.settings.get(roots.length ? deps.uris.toUri(roots[0]) : undefined);
  const engine = deps.engines.get(toEngineSettings(settings, roots.length ? deps.engines.repositoryConfig(roots[0]) : undefined));
  const progress = await progressFor(params ?? {}, deps);
  const signal: CancellationSignal = {
    get isCancelled() {
      return token.isCancellationRequested || (progress?.token?.isCancellationRequested ?? false);
    },
  };
  deps.status.beginWork();
  progress?.begin('API Warden: auditing the workspace', 0, undefined, true);
  let lastPercent = -1;
  try {
    const result = await engine.audit({
      signal,
      onProgress(done, total, file) {
        const percent = total ? Math.floor((done / total) * 100) : 100;
        if (percent === lastPercent) return;
        lastPercent = percent;
        const root = roots.find((r) => file.startsWith(r + '/'));
        progress?.report(percent, root ? relativePath(root, file) : file);
      },
    });
    for (const f of result.failures) deps.connection.console.error(`Rule ${f.ruleId} failed on ${f.file}: ${f.message}`);
    // A cancelled discovery is partial and the engine would keep it: make it start again next time.
    if (result.cancelled) deps.engines.setRoots(roots);
    return summarise(withUnusedSuppressions(engine, result), roots, engine, deps, Date.now() - started);
  } finally {
    progress?.done();
    deps.status.endWork();
  }
}

function summarise(result: Awaited<ReturnType<Engine['audit']>>, roots: string[], engine: Engine, deps: AuditDeps, durationMs: number): AuditSummary {
  const positionsOf = positionsFor(deps.documents, deps.uris, engine);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const byOwasp: Partial<Record<OwaspCategory, number>> = {};
  const findings: AuditSummary['findings'] = [];
  let suppressed = 0;
  for (const f of result.findings) {
    if (f.suppressed) {
      suppressed++;
      continue;
    }
    const at = positionsOf(f.file);
    if (!at) continue; // the file vanished between the audit and now
    counts[f.severity]++;
    for (const c of f.owasp) byOwasp[c] = (byOwasp[c] ?? 0) + 1;
    findings.push(toAuditFinding(f, at.uri, at.positions));
  }
  const operations = result.operations.flatMap((op) => {
    const at = positionsOf(op.at.file);
    return at ? [toAuditOperation(op, at.uri, at.positions)] : [];
  });
  return {
    roots: roots.map((r) => deps.uris.toUri(r)),
    files: { specs: result.discovery.specs.length, code: result.discovery.code.length, skipped: result.discovery.skipped.length },
    counts,
    byOwasp,
    findings,
    operations,
    suppressed,
    cancelled: result.cancelled,
    durationMs,
    report: reportFromAudit(engine, result, { tool: { name: 'api-warden', version: deps.version ?? '0.0.0' } }),
  };
}
