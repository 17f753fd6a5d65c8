/**
 * Format-preserving insertions into OpenAPI documents, for quick fixes. Edits are computed on
 * the original text (never by re-serialising the document), so comments, quoting and
 * indentation outside the inserted lines stay as the user wrote them.
 */
import type { TextEdit } from '../types';
import type { OpenApiDocument, Pointer } from './document';

/** Indentation unit used by the document (2 when it cannot tell). */
export function indentUnit(text: string): string {
  const m = /\n( +)\S/.exec(text);
  return m ? ' '.repeat(Math.min(m[1].length, 8)) : '  ';
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Inserts `key` with a value as the first entry of the mapping at `pointer`.
 * `yamlBlock(indent, unit, eol)` renders the entry for a block mapping (lines without the
 * mapping's own indentation prefix on the first line); `json` is the value as a JS value for
 * JSON and YAML flow mappings.
 */
export function insertEntry(
  doc: OpenApiDocument,
  pointer: Pointer,
  key: string,
  yamlBlock: (indent: string, unit: string, eol: string) => string,
  json: unknown,
): TextEdit | undefined {
  const loc = doc.parsed.positions().locate(pointer);
  if (!loc || !loc.exact) return undefined;
  const text = doc.text;
  const start = loc.value.start;
  const eol = eolOf(text);
  const unit = indentUnit(text);
  if (text[start] === '{') {
    // JSON, or a YAML flow mapping: add right after the brace, matching the next line's indent.
    const after = text.slice(start + 1);
    const m = /^(\s*?)(\r?\n)([ \t]*)(\S)/.exec(after);
    const empty = /^\s*\}/.test(after);
    const rendered = doc.parsed.format === 'json' ? JSON.stringify(json) : JSON.stringify(json).replace(/"([A-Za-z_][\w-]*)":/g, '$1: ');
    const k = doc.parsed.format === 'json' ? JSON.stringify(key) : key;
    if (m && !empty) {
      return { file: doc.file, range: { start: start + 1, end: start + 1 }, newText: `${eol}${m[3]}${k}: ${rendered},` };
    }
    return { file: doc.file, range: { start: start + 1, end: start + 1 }, newText: empty ? ` ${k}: ${rendered} ` : ` ${k}: ${rendered}, ` };
  }
  // YAML block mapping: insert a line before its first entry, at that entry's indentation.
  const lineStart = lineStartOf(text, start);
  const indent = text.slice(lineStart, start);
  if (/\S/.test(indent)) {
    // The mapping starts on its parent's line (e.g. `- name: x`): insert after the first line.
    const col = start - lineStart;
    const nextLine = text.indexOf('\n', start) + 1 || text.length;
    const pad = ' '.repeat(col);
    return { file: doc.file, range: { start: nextLine, end: nextLine }, newText: `${pad}${yamlBlock(pad, unit, eol)}${eol}` };
  }
  return { file: doc.file, range: { start: lineStart, end: lineStart }, newText: `${indent}${yamlBlock(indent, unit, eol)}${eol}` };
}
