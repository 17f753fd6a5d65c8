/** Test helpers shared by the suites: dedenting template tags and edit application. */
import type { Fix, TextEdit } from '../server/src/engine';

/** Strips the common indentation of a template literal (first and last blank lines too). */
export function dedent(strings: TemplateStringsArray | string, ...values: unknown[]): string {
  const raw = typeof strings === 'string' ? strings : strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n') + '\n';
}

export const yaml = dedent;
export const ts = dedent;

/** Applies edits (non-overlapping) to one file's text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

export function applyFix(text: string, fix: Fix, file: string): string {
  return applyEdits(text, fix.edits.filter((e) => e.file === file));
}
