/**
 * One engine, three front ends: for the same workspace, the CLI's JSON report, the language
 * server's workspace audit (`apiWarden/audit`) and its pull diagnostics, file by file, hold the
 * same active findings (rule, file, range, severity, message; a diagnostic's message starts with
 * its OWASP categories). Workspaces: the demo and the golden spec <-> code fixtures (one spec, and
 * one split over files).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver';
import { owaspPrefix } from '../../server/src/lsp/convert';
import { AuditRequest, type AuditSummary } from '../../server/src/protocol';
import { assertBuilt, runCli } from '../cli/run-cli';
import { fileUri, LspClient, PULL_CAPABILITIES, REPO_ROOT } from './lsp-client';

const WORKSPACES = ['examples/demo-shop', 'test/fixtures/workspaces/spec-code-drift', 'test/fixtures/workspaces/split-spec-drift'];
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

interface JsonFinding {
  ruleId: string;
  owasp: string[];
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** `file:line:col-line:col severity ruleId message`, 1-based, the CLI's terms. */
const line = (file: string, r: JsonFinding['range'], severity: string, ruleId: string, message: string) =>
  `${file}:${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column} ${severity} ${ruleId} ${message}`;

const fromLsp = (range: { start: { line: number; character: number }; end: { line: number; character: number } }): JsonFinding['range'] => ({
  start: { line: range.start.line + 1, column: range.start.character + 1 },
  end: { line: range.end.line + 1, column: range.end.character + 1 },
});

describe('the CLI, the language server audit and its diagnostics give the same findings', function () {
  this.timeout(120_000);
  before(assertBuilt);

  for (const rel of WORKSPACES) {
    it(rel, async () => {
      const root = path.join(REPO_ROOT, rel);
      const cli = runCli(['audit', root, '--format', 'json'], { cwd: root });
      assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
      const report = JSON.parse(cli.stdout) as { findings: JsonFinding[] };
      const expected = report.findings.map((f) => line(f.file, f.range, f.severity, f.ruleId, f.message)).sort();
      const expectedDiagnostics = report.findings.map((f) => line(f.file, f.range, f.severity, f.ruleId, owaspPrefix(f.owasp) + f.message)).sort();
      assert.ok(expected.length > 0, 'the workspace has findings to compare');

      const client = LspClient.spawn();
      try {
        await client.initialize({ folders: [root], capabilities: PULL_CAPABILITIES });
        const relative = (uri: string) => path.relative(root, new URL(uri).pathname).split(path.sep).join('/');

        const audit = await client.connection.sendRequest<AuditSummary>(AuditRequest.method, {});
        const audited = audit.findings.map((f) => line(relative(f.uri), fromLsp(f.range), f.severity, f.ruleId, f.message)).sort();
        assert.deepStrictEqual(audited, expected, 'apiWarden/audit');

        // Diagnostics of every file the audit reports in, opened as the editor would.
        const diagnosed: string[] = [];
        for (const file of [...new Set(report.findings.map((f) => f.file))]) {
          const abs = path.join(root, file);
          const uri = fileUri(abs);
          client.open(uri, /\.ya?ml$/.test(file) ? 'yaml' : /\.json$/.test(file) ? 'json' : 'typescript', fs.readFileSync(abs, 'utf8'));
          const items: Diagnostic[] = await client.diagnostics(uri);
          for (const d of items) diagnosed.push(line(file, fromLsp(d.range), SEVERITY[d.severity ?? 1], String(d.code), d.message));
        }
        assert.deepStrictEqual(diagnosed.sort(), expectedDiagnostics, 'pull diagnostics');
      } catch (e) {
        client.dispose();
        throw e;
      }
      await client.closeCleanly();
    });
  }
});
