/**
 * Quick fixes and fix-all, looked up from the analysis cache by the diagnostic's `data`
 * (rule id + finding key), never by message text. Edits are returned inline as WorkspaceEdits
 * tied to the document version, so a client applies them only to the text they were made for.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type TextDocuments,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ANALYSIS_STOPPED, FILE_SKIPPED, PARSE_ERROR, type Engine, type Finding, type Fix, type TextEdit, type TextRange } from '../engine';
import { UNUSED_SUPPRESSION } from '../engine/report/unused-suppressions';
import { diagnosticData, snippetToText, toTextEdits } from './convert';
import type { Analysis, Diagnostics } from './diagnostics';
import { positionsFor } from './positions';
import type { UriMapper } from './uri';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.apiWarden`;

export interface CodeActionDeps {
  documents: TextDocuments<TextDocument>;
  uris: UriMapper;
  diagnostics: Diagnostics;
  /** The client applies `documentChanges` (versioned edits); else plain `changes`. */
  documentChanges: boolean;
}

export async function codeActions(params: CodeActionParams, deps: CodeActionDeps): Promise<CodeAction[]> {
  const { uri } = params.textDocument;
  const only = params.context.only;
  const wants = (kind: string) => (only ? only.some((o) => kind === o || kind.startsWith(o + '.')) : true);
  const analysis = await deps.diagnostics.analyse(uri);
  if (!analysis?.engine) return [];
  const engine = analysis.engine;
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      const data = diagnosticData(diagnostic);
      const finding = data && analysis.byKey.get(data.findingKey);
      if (!finding) continue;
      const add = (fix: Fix | undefined, preferred: boolean) => {
        const edit = fix && workspaceEdit(fix.edits, fix.isSnippet ?? false, engine, deps);
        if (fix && edit) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred || undefined, edit });
      };
      add(finding.fix, true);
      for (const s of finding.suggestions ?? []) add(s, false);
      if (finding.ruleId !== PARSE_ERROR && finding.ruleId !== FILE_SKIPPED && finding.ruleId !== ANALYSIS_STOPPED && finding.ruleId !== UNUSED_SUPPRESSION) add(engine.ignoreFix(finding), false);
    }
  }

  // Source actions are asked for explicitly (`only`), e.g. by `editor.codeActionsOnSave`.
  if (only && wants(FIX_ALL_KIND)) {
    const action = fixAll(analysis, engine, deps);
    if (action) actions.push(action);
  }
  return actions;
}

/** Every safe fix of the file whose edits stay in the file and overlap no fix taken before it. */
function fixAll(analysis: Analysis, engine: Engine, deps: CodeActionDeps): CodeAction | undefined {
  const taken: TextRange[] = [];
  const edits: TextEdit[] = [];
  const fixes = analysis.findings
    .map((f: Finding) => f.fix)
    .filter((f): f is Fix => !!f && f.edits.length > 0 && f.edits.every((e) => e.file === analysis.path))
    .sort((a, b) => Math.min(...a.edits.map((e) => e.range.start)) - Math.min(...b.edits.map((e) => e.range.start)));
  for (const fix of fixes) {
    // Touching ranges count as overlapping: two edits at one offset have no defined order.
    if (fix.edits.some((e) => taken.some((t) => e.range.start <= t.end && t.start <= e.range.end))) continue;
    for (const e of fix.edits) {
      taken.push(e.range);
      edits.push(fix.isSnippet ? { ...e, newText: snippetToText(e.newText) } : e);
    }
  }
  if (edits.length === 0) return undefined;
  const edit = workspaceEdit(edits, false, engine, deps);
  return edit ? { title: 'Fix all auto-fixable API Warden problems', kind: FIX_ALL_KIND, edit } : undefined;
}

function workspaceEdit(edits: readonly TextEdit[], isSnippet: boolean, engine: Engine, deps: CodeActionDeps): WorkspaceEdit | undefined {
  const byUri = toTextEdits(edits, positionsFor(deps.documents, deps.uris, engine), isSnippet);
  if (!byUri || byUri.size === 0) return undefined;
  return toWorkspaceEdit(byUri, deps);
}

function toWorkspaceEdit(byUri: Map<string, LspTextEdit[]>, deps: CodeActionDeps): WorkspaceEdit {
  if (!deps.documentChanges) return { changes: Object.fromEntries(byUri) };
  return {
    documentChanges: [...byUri].map(([uri, edits]) => ({
      textDocument: { uri, version: deps.documents.get(uri)?.version ?? null },
      edits,
    })),
  };
}
