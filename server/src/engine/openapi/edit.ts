/**
 * Format-preserving insertions into OpenAPI documents, for quick fixes. Edits are computed on
 * the original text (never by re-serialising the document), so comments, quoting and
 * indentation outside the inserted lines stay as the user wrote them.
 */
import type { Fix, TextEdit } from '../types';
import { getAt, isObject, type OpenApiDocument, type Pointer } from './document';

/** Indentation unit used by the document (2 when it cannot tell). */
export function indentUnit(text: string): string {
  const m = /\n( +)\S/.exec(text);
  return m ? ' '.repeat(Math.min(m[1].length, 8)) : '  ';
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

// Rules build many fixes per document: remember the last document's line ending (a full scan of a 4 MB text each time adds up).
let eolText: string | undefined;
let eolValue = '\n';

function eolOf(text: string): string {
  if (text !== eolText) {
    eolText = text;
    eolValue = text.includes('\r\n') ? '\r\n' : '\n';
  }
  return eolValue;
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

// ---------------------------------------------------------------- appending, nesting, snippets

/** A tab stop in a snippet fix: rendered as `${n:default}` (LSP snippet syntax). */
export class Placeholder {
  constructor(readonly index: number, readonly defaultValue: string | number) {}
}

/** `${1:256}`-style placeholder for a value the user should choose. */
export const tabStop = (index: number, defaultValue: string | number): Placeholder => new Placeholder(index, defaultValue);

/** Escapes text for use inside a snippet, outside placeholders. */
function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

const YAML_PLAIN_KEY = /^[A-Za-z_$][\w$.\-/]*$/;
const YAML_RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function yamlKey(key: string): string {
  if (YAML_PLAIN_KEY.test(key) && !YAML_RESERVED.test(key)) return key;
  return /^[\w -]*$/.test(key) ? `'${key}'` : JSON.stringify(key);
}

type Emit = (text: string) => string;

function yamlScalar(v: unknown, emit: Emit): string {
  if (v instanceof Placeholder) return `\${${v.index}:${emit(String(v.defaultValue))}}`;
  if (typeof v === 'string') {
    const plain = /^[A-Za-z_/][\w .,/()'-]*$/.test(v) && !YAML_RESERVED.test(v) && !/ $/.test(v) && !/: | #/.test(v);
    return emit(plain ? v : JSON.stringify(v));
  }
  if (v === null || v === undefined) return 'null';
  return emit(String(v));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Placeholder);
}

function yamlFlow(v: unknown, emit: Emit): string {
  if (Array.isArray(v)) return `[${v.map((x) => yamlFlow(x, emit)).join(', ')}]`;
  if (isPlainObject(v)) {
    const entries = Object.entries(v);
    return entries.length ? `{ ${entries.map(([k, x]) => `${emit(yamlKey(k))}: ${yamlFlow(x, emit)}`).join(', ')} }` : '{}';
  }
  return yamlScalar(v, emit);
}

/** Lines of a YAML block entry `key: value`; the first line carries no indentation. */
function yamlBlockEntry(key: string, value: unknown, indent: string, unit: string, eol: string, emit: Emit): string {
  const head = `${emit(yamlKey(key))}:`;
  if (isPlainObject(value) && Object.keys(value).length) {
    const inner = indent + unit;
    return head + Object.entries(value).map(([k, v]) => `${eol}${inner}${yamlBlockEntry(k, v, inner, unit, eol, emit)}`).join('');
  }
  if (Array.isArray(value) && value.length) {
    const inner = indent + unit;
    return head + value.map((item) => `${eol}${inner}- ${yamlBlockItem(item, inner + '  ', unit, eol, emit)}`).join('');
  }
  return `${head} ${yamlFlow(value, emit)}`;
}

/** A sequence item's text after `- `; continuation lines at `indent`. */
function yamlBlockItem(item: unknown, indent: string, unit: string, eol: string, emit: Emit): string {
  if (isPlainObject(item) && Object.keys(item).length) {
    return Object.entries(item).map(([k, v], i) => `${i ? eol + indent : ''}${yamlBlockEntry(k, v, indent, unit, eol, emit)}`).join('');
  }
  return yamlFlow(item, emit);
}

/** JSON text of a value, continuation lines indented by `indent` (multi-line when `multiline`). */
function jsonValue(v: unknown, indent: string, unit: string, eol: string, multiline: boolean, emit: Emit): string {
  if (v instanceof Placeholder) {
    const d = typeof v.defaultValue === 'number' ? String(v.defaultValue) : JSON.stringify(v.defaultValue);
    return `\${${v.index}:${emit(d)}}`;
  }
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    if (!multiline) return `[${v.map((x) => jsonValue(x, indent, unit, eol, false, emit)).join(', ')}]`;
    const inner = indent + unit;
    return `[${v.map((x) => `${eol}${inner}${jsonValue(x, inner, unit, eol, true, emit)}`).join(',')}${eol}${indent}]`;
  }
  if (isPlainObject(v)) {
    const entries = Object.entries(v);
    if (!entries.length) return '{}';
    if (!multiline) return `{ ${entries.map(([k, x]) => `${emit(JSON.stringify(k))}: ${jsonValue(x, indent, unit, eol, false, emit)}`).join(', ')} }`;
    const inner = indent + unit;
    return `{${entries.map(([k, x]) => `${eol}${inner}${emit(JSON.stringify(k))}: ${jsonValue(x, inner, unit, eol, true, emit)}`).join(',')}${eol}${indent}}`;
  }
  return emit(JSON.stringify(v ?? null));
}

function lineIndentAt(text: string, offset: number): string {
  const ls = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(ls, offset))![0];
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

export interface AppendOptions {
  /** The value contains Placeholders: render LSP snippet syntax (escaping everything else). */
  snippet?: boolean;
}

/**
 * Appends `key: value` as the last entry of the mapping at `pointer`, in the mapping's own
 * style: a new line at the entries' indentation for YAML block mappings (after any comment
 * that ends the last entry's line), `, key: value` for flow mappings and JSON (on a new line
 * when the mapping spans several lines). `value` may contain Placeholders (see `tabStop`).
 */
export function appendEntry(doc: OpenApiDocument, pointer: Pointer, key: string, value: unknown, options: AppendOptions = {}): TextEdit | undefined {
  return appendEntries(doc, pointer, [[key, value]], options);
}

/** `appendEntry` for several entries at once (one edit, so their order is kept). */
export function appendEntries(doc: OpenApiDocument, pointer: Pointer, entries: readonly (readonly [string, unknown])[], options: AppendOptions = {}): TextEdit | undefined {
  const loc = doc.parsed.positions().locate(pointer);
  const node = getAt(doc.root, pointer);
  if (!loc || !loc.exact || !isObject(node) || entries.length === 0) return undefined;
  const text = doc.text;
  const eol = eolOf(text);
  const unit = indentUnit(text);
  const emit: Emit = options.snippet ? escapeSnippet : (t) => t;
  const { start, end } = loc.value;
  const keys = Object.keys(node);
  const json = doc.parsed.format === 'json';
  if (text[start] === '{') {
    // JSON or a YAML flow mapping.
    let close = end - 1;
    while (close > start && text[close] !== '}') close--;
    if (close <= start) return undefined; // unclosed while being typed: no safe place for the edit
    const render = (indent: string, multiline: boolean, sep: string) =>
      entries
        .map(([key, value]) =>
          json
            ? `${emit(JSON.stringify(key))}: ${jsonValue(value, indent, unit, eol, multiline, emit)}`
            : `${emit(yamlKey(key))}: ${yamlFlow(value, emit)}`,
        )
        .join(sep);
    if (keys.length === 0) {
      const inner = text.slice(start + 1, close);
      if (/\n/.test(inner)) {
        const indent = lineIndentAt(text, start) + unit;
        return { file: doc.file, range: { start: start + 1, end: close }, newText: `${eol}${indent}${render(indent, true, `,${eol}${indent}`)}${eol}${lineIndentAt(text, start)}` };
      }
      return { file: doc.file, range: { start: start + 1, end: close }, newText: ` ${render('', false, ', ')} ` };
    }
    const last = doc.parsed.positions().locate([...pointer, keys[keys.length - 1]]);
    if (!last?.exact || !last.key) return undefined;
    if (/\n/.test(text.slice(last.value.end, close))) {
      const indent = lineIndentAt(text, last.key.start);
      return { file: doc.file, range: { start: last.value.end, end: last.value.end }, newText: `,${eol}${indent}${render(indent, json, `,${eol}${indent}`)}` };
    }
    return { file: doc.file, range: { start: last.value.end, end: last.value.end }, newText: `, ${render('', false, ', ')}` };
  }
  if (json) return undefined;
  // YAML block mapping: new lines after the line the mapping ends on, at its keys' column.
  const first = keys.length ? doc.parsed.positions().locate([...pointer, keys[0]]) : undefined;
  if (!first?.key) return undefined;
  const keyStart = first.key.start;
  const indent = ' '.repeat(keyStart - lineStartOf(text, keyStart));
  const lines = entries.map(([key, value]) => `${indent}${yamlBlockEntry(key, value, indent, unit, eol, emit)}`).join(eol);
  const nl = text.indexOf('\n', end);
  if (nl === -1) return { file: doc.file, range: { start: text.length, end: text.length }, newText: `${eol}${lines}` };
  return { file: doc.file, range: { start: nl + 1, end: nl + 1 }, newText: `${lines}${eol}` };
}

/**
 * Adds `value` under `path` inside the mapping at `pointer`, creating the missing mappings on
 * the way (e.g. `responses` → `'429'` on an operation that has `responses` already).
 */
export function addNested(doc: OpenApiDocument, pointer: Pointer, path: readonly string[], value: unknown, options: AppendOptions = {}): TextEdit | undefined {
  let at = [...pointer];
  let i = 0;
  while (i < path.length - 1 && isObject(getAt(doc.root, [...at, path[i]]))) at = [...at, path[i++]];
  let nested: unknown = value;
  for (let j = path.length - 1; j > i; j--) nested = { [path[j]]: nested };
  return appendEntry(doc, at, path[i], nested, options);
}

/** Appends an item to the sequence at `pointer` (block `- item`, flow or JSON `[…, item]`). */
export function appendItem(doc: OpenApiDocument, pointer: Pointer, item: unknown, options: AppendOptions = {}): TextEdit | undefined {
  const loc = doc.parsed.positions().locate(pointer);
  const node = getAt(doc.root, pointer);
  if (!loc || !loc.exact || !Array.isArray(node)) return undefined;
  const text = doc.text;
  const eol = eolOf(text);
  const unit = indentUnit(text);
  const emit: Emit = options.snippet ? escapeSnippet : (t) => t;
  const json = doc.parsed.format === 'json';
  const { start, end } = loc.value;
  const lastLoc = node.length ? doc.parsed.positions().locate([...pointer, node.length - 1]) : undefined;
  if (text[start] === '[') {
    let close = end - 1;
    while (close > start && text[close] !== ']') close--;
    if (close <= start) return undefined; // unclosed while being typed: no safe place for the edit
    const render = (indent: string, multiline: boolean) => (json ? jsonValue(item, indent, unit, eol, multiline, emit) : yamlFlow(item, emit));
    if (!lastLoc?.exact) return { file: doc.file, range: { start: start + 1, end: close }, newText: render('', false) };
    const multiline = /\n/.test(text.slice(lastLoc.value.end, close));
    const indent = multiline ? lineIndentAt(text, lastLoc.value.start) : '';
    return { file: doc.file, range: { start: lastLoc.value.end, end: lastLoc.value.end }, newText: multiline ? `,${eol}${indent}${render(indent, json)}` : `, ${render('', false)}` };
  }
  if (json || !lastLoc?.exact) return undefined;
  // Block sequence: the dash of the first item sets the column.
  let dash = (doc.parsed.positions().locate([...pointer, 0])?.value.start ?? start) - 1;
  while (dash > 0 && isSpace(text[dash])) dash--;
  if (text[dash] !== '-') return undefined;
  const indent = ' '.repeat(dash - lineStartOf(text, dash));
  const line = `${indent}- ${yamlBlockItem(item, indent + '  ', unit, eol, emit)}`;
  const nl = text.indexOf('\n', lastLoc.value.end);
  if (nl === -1) return { file: doc.file, range: { start: text.length, end: text.length }, newText: `${eol}${line}` };
  return { file: doc.file, range: { start: nl + 1, end: nl + 1 }, newText: `${line}${eol}` };
}

/** `x-api-warden-ignore: { <ruleId>: <reason> }` on the object at `pointer` (reason as a tab stop). */
export function ignoreExtensionEdit(doc: OpenApiDocument, pointer: Pointer, ruleId: string): TextEdit | undefined {
  const existing = getAt(doc.root, [...pointer, 'x-api-warden-ignore']);
  if (isObject(existing)) return appendEntry(doc, [...pointer, 'x-api-warden-ignore'], ruleId, tabStop(1, 'reason'), { snippet: true });
  if (existing !== undefined) return undefined;
  return appendEntry(doc, pointer, 'x-api-warden-ignore', { [ruleId]: tabStop(1, 'reason') }, { snippet: true });
}

/**
 * The pointer of the innermost object whose text contains `offset` (its key included), for
 * edits that must land on "the node this finding is about". Descends one level at a time,
 * locating each child: only run on demand (a code action), never per finding.
 */
export function objectPointerAt(doc: OpenApiDocument, offset: number): Pointer {
  const index = doc.parsed.positions();
  let pointer: Pointer = [];
  let value: unknown = doc.root;
  for (;;) {
    let next: { key: string | number; value: unknown } | undefined;
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : isObject(value) ? Object.keys(value) : [];
    for (const k of keys) {
      const child = Array.isArray(value) ? value[k as number] : (value as Record<string, unknown>)[k];
      if (typeof child !== 'object' || child === null) continue;
      const loc = index.locate([...pointer, k]);
      if (!loc?.exact) continue;
      const start = loc.key?.start ?? loc.value.start;
      if (offset >= start && offset <= loc.value.end) {
        next = { key: k, value: child };
        break;
      }
    }
    if (!next) break;
    pointer = [...pointer, next.key];
    value = next.value;
  }
  // The innermost *object* (a sequence cannot carry an extension).
  while (pointer.length && !isObject(getAt(doc.root, pointer))) pointer = pointer.slice(0, -1);
  return pointer;
}

/** "Ignore this finding here" for JSON documents, which have no comments: `x-api-warden-ignore` on the node. */
export function ignoreExtensionFix(doc: OpenApiDocument, offset: number, ruleId: string): Fix | undefined {
  const edit = ignoreExtensionEdit(doc, objectPointerAt(doc, offset), ruleId);
  return edit ? { title: `Ignore ${ruleId} here (x-api-warden-ignore, with a reason)`, edits: [edit], isSnippet: true } : undefined;
}
