/**
 * Parses YAML and JSON into plain values plus a PositionIndex. Never throws.
 *
 * Cost decides the design (see docs/performance.md): `yaml`'s full Document costs about 12x
 * js-yaml on large specs, so valid YAML goes through js-yaml, whose listener feeds the index
 * at almost no extra cost; valid JSON goes through JSON.parse and builds its index lazily with
 * jsonc-parser only when a finding must be located. Only broken documents take the slower,
 * error-tolerant paths (`yaml` Document for YAML, jsonc-parser for JSON), so diagnostics keep
 * flowing while the user types.
 */
import * as jsyaml from 'js-yaml';
import * as jsonc from 'jsonc-parser';
import * as YAML from 'yaml';
import type { TextRange } from '../types';
import { IndexBuilder } from './index-builder';
import { NodeKind, PositionIndex } from './position-index';

export type DocumentFormat = 'yaml' | 'json';

export interface SyntaxProblem {
  message: string;
  range: TextRange;
}

export interface ParsedText {
  format: DocumentFormat;
  value: unknown;
  errors: SyntaxProblem[];
  /** Built on first use for JSON, eagerly for YAML. */
  positions(): PositionIndex;
}

export function formatOf(path: string, text: string): DocumentFormat {
  if (/\.json$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

/**
 * Deepest nesting the YAML front end accepts. js-yaml and \`yaml\` are recursive and run out of
 * stack somewhere past ~1,800 levels (less when called from deep in a server), so a fixed
 * limit well below that gives the same clear answer in the editor and the CLI. Real
 * documents nest a few dozen levels.
 */
export const MAX_YAML_NESTING = 1000;

/** More nodes than this once YAML aliases are expanded (and 10x what is written): an alias bomb. */
export const MAX_EXPANDED_NODES = 1_000_000;

export function parseText(text: string, format: DocumentFormat): ParsedText {
  try {
    return format === 'json' ? parseJson(text) : parseYaml(text);
  } catch (e) {
    // Last line of defence (e.g. a stack overflow on absurd nesting): report, analyse nothing.
    return unparsable(format, e instanceof RangeError ? `${NESTING_MESSAGE} (${e.message})` : `Could not parse: ${describe(e)}`, { start: 0, end: 0 });
  }
}

const NESTING_MESSAGE = 'The document nests too deeply to be parsed; it is not analysed';

function unparsable(format: DocumentFormat, message: string, range: TextRange): ParsedText {
  const empty = new PositionIndex();
  return { format, value: undefined, errors: [{ message, range }], positions: () => empty };
}

function describe(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return 'unknown error';
  }
}

/**
 * At least one character wide where there is one (so editors can show it), never past the
 * end: errors such as "unexpected end of input" are reported at the text's length.
 */
function errorRange(text: string, start: number, end: number): TextRange {
  const s = Math.max(0, Math.min(start, text.length));
  return { start: s, end: Math.min(Math.max(end, s + 1), text.length) };
}

/** Thrown from the js-yaml listener to stop at MAX_YAML_NESTING, before the stack runs out. */
export class NestingTooDeep extends Error {
  constructor(readonly offset: number) {
    super('nesting too deep');
  }
}

// ---------------------------------------------------------------- YAML

function parseYaml(text: string): ParsedText {
  // js-yaml drops a leading BOM, so its positions are one short of ours after one.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let loaded: YamlLoad;
  try {
    loaded = loadYaml(text, bom ? text.slice(1) : text, bom, 0, text.length >> 5);
  } catch (e) {
    if (e instanceof NestingTooDeep) {
      return unparsable('yaml', `${NESTING_MESSAGE} (more than ${MAX_YAML_NESTING} levels).`, { start: e.offset, end: e.offset + 1 });
    }
    if (!(e instanceof jsyaml.YAMLException)) throw e;
    return parseYamlTolerant(text);
  }
  const { index, firstAlias } = loaded;
  let value = loaded.value;
  const errors: SyntaxProblem[] = [];
  if (firstAlias >= 0) value = checkAliases(value, index.size, { start: firstAlias, end: aliasEnd(text, firstAlias) }, errors);
  const parsed: ParsedText = { format: 'yaml', value, errors, positions: () => index };
  // Edits can re-parse just the entry they touch (openapi/reparse.ts) when nothing in the
  // document is shared by reference (anchors, aliases) and offsets are plain (no BOM).
  if (!bom && firstAlias < 0 && !loaded.anchors) REUSABLE.set(parsed, { index, garbage: 0 });
  return parsed;
}

/** What js-yaml produced for a text (or part of one), before it becomes a ParsedText. */
export interface YamlLoad {
  value: unknown;
  index: PositionIndex;
  /** Offset of the first alias (`*name`), or -1. */
  firstAlias: number;
  /** Some node has an anchor (`&name`). */
  anchors: boolean;
}

/**
 * The value is a tree: no object is reachable twice, so a walk needs no `seen` set. JSON always
 * is; YAML is when it has no anchors or aliases (the parses an edit may reuse, below).
 */
export function isTree(parsed: ParsedText): boolean {
  return parsed.format === 'json' || REUSABLE.has(parsed);
}

/** Parses that an edit may update in place of a full parse (see openapi/reparse.ts). */
export const REUSABLE = new WeakMap<ParsedText, { index: PositionIndex; garbage: number }>();

/**
 * js-yaml over `source`, which is `text` from offset `base` on (the whole text, or the part of
 * it an edit re-parses); the listener feeds a position index with offsets into `text`, so a
 * part gets exactly the positions a full parse would give it. `depth` is the nesting the part
 * sits at. Throws what js-yaml throws, and NestingTooDeep.
 */
export function loadYaml(text: string, source: string, base: number, depth: number, capacity?: number): YamlLoad {
  const builder = new IndexBuilder(capacity);
  let firstAlias = -1;
  let anchors = false;
  const value = jsyaml.load(source, {
    schema: jsyaml.CORE_SCHEMA, // no timestamps: dates stay strings, as in JSON
    json: true, // duplicate keys: last one wins instead of throwing
    listener(this: jsyaml.State, event: 'open' | 'close', state: jsyaml.State) {
      // js-yaml appends a line break to a text that lacks one: never report past the end.
      const position = Math.min(state.position + base, text.length);
      if (event === 'open') {
        if (builder.depth + depth >= MAX_YAML_NESTING) throw new NestingTooDeep(position);
        builder.open(position);
        return;
      }
      const start = skipTrivia(text, builder.openStart);
      const end = Math.max(start, trimEnd(text, position));
      // An alias node has no kind of its own; a plain scalar cannot start with '*'.
      if (firstAlias < 0 && state.kind === null && text.charCodeAt(start) === 0x2a) firstAlias = start;
      // js-yaml keeps the node's anchor on the state until the node closes (not in its types).
      if ((state as { anchor?: unknown }).anchor != null) anchors = true;
      if (state.kind === 'scalar' && nextIsColon(text, position) && builder.depth > 1) {
        builder.closeAsKey(String(state.result), start, end);
      } else {
        builder.closeAsValue(start, end, kindOf(state.kind));
      }
    },
  });
  return { value, index: builder.index, firstAlias, anchors };
}

/**
 * Aliases share one JS object among every place that uses it, so a few lines can stand for a
 * billion nodes (an alias bomb) or for a node inside itself (a cycle). Either would hang or
 * overflow whatever walks the value later; such documents are reported and not analysed.
 */
function checkAliases(value: unknown, writtenNodes: number, at: TextRange, errors: SyntaxProblem[]): unknown {
  const measured = expandedSize(value, Math.max(MAX_EXPANDED_NODES, 10 * writtenNodes));
  if (measured === 'cycle') {
    errors.push({ message: 'A YAML alias refers to a node that contains it (a cycle); the document is not analysed.', range: at });
    return undefined;
  }
  if (measured === 'too-large') {
    errors.push({
      message: `YAML aliases expand this document to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes (an alias bomb?); it is not analysed.`,
      range: at,
    });
    return undefined;
  }
  return value;
}

/**
 * Node count of the value with shared objects counted at every use, or why it cannot be
 * counted. Iterative (an explicit stack) and memoised by identity: O(distinct objects).
 */
function expandedSize(root: unknown, limit: number): number | 'cycle' | 'too-large' {
  if (typeof root !== 'object' || root === null) return 1;
  const done = new Map<object, number>();
  const active = new Set<object>();
  const stack: { node: object; children: unknown[]; next: number; total: number }[] = [];
  const enter = (node: object) => {
    active.add(node);
    stack.push({ node, children: Array.isArray(node) ? node : Object.values(node), next: 0, total: 1 });
  };
  enter(root);
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      if (typeof child !== 'object' || child === null) top.total++;
      else if (active.has(child)) return 'cycle';
      else if (done.has(child)) top.total += done.get(child)!;
      else enter(child);
    } else {
      stack.pop();
      active.delete(top.node);
      if (top.total > limit) return 'too-large';
      done.set(top.node, top.total);
      if (stack.length) stack[stack.length - 1].total += top.total;
    }
  }
  return (done.get(root) ?? 0) > limit ? 'too-large' : (done.get(root) ?? 1);
}

function aliasEnd(text: string, start: number): number {
  let end = start + 1;
  while (end < text.length && !/[\s,\[\]{}]/.test(text[end])) end++;
  return end;
}

function kindOf(kind: string | null): NodeKind {
  return kind === 'mapping' ? NodeKind.Mapping : kind === 'sequence' ? NodeKind.Sequence : NodeKind.Scalar;
}

function skipTrivia(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) pos++;
    else if (c === 0x23 /* # */) {
      while (pos < text.length && text.charCodeAt(pos) !== 0x0a) pos++;
    } else return pos;
  }
}

/** `pos` moved back over trailing spaces, tabs and line breaks. */
export function trimEnd(text: string, pos: number): number {
  while (pos > 0) {
    const c = text.charCodeAt(pos - 1);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos--;
    else break;
  }
  return pos;
}

function nextIsColon(text: string, pos: number): boolean {
  while (text.charCodeAt(pos) === 0x20 || text.charCodeAt(pos) === 0x09) pos++;
  return text.charCodeAt(pos) === 0x3a;
}

/** `yaml` quotes the offending token, which may be a whole block of the document: a diagnostic shows its start. */
function brief(message: string): string {
  return message.length > 200 ? message.slice(0, 199) + '…' : message;
}

/** Error-tolerant path for broken YAML: `yaml` keeps going after errors and keeps ranges. */
function parseYamlTolerant(text: string): ParsedText {
  // logLevel 'error': `yaml` would otherwise print warnings (e.g. collection keys) to the server's stderr.
  const doc = YAML.parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false, logLevel: 'error' });
  const errors: SyntaxProblem[] = doc.errors.map((e) => ({
    message: brief(e.message.split('\n')[0]),
    range: errorRange(text, e.pos[0], e.pos[1]),
  }));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    errors.push({ message: e instanceof Error ? e.message : String(e), range: { start: 0, end: 0 } });
  }
  const builder = new IndexBuilder();
  const aliases: TextRange[] = [];
  indexYamlNode(builder, doc.contents, text.length, aliases);
  const index = builder.index;
  if (aliases.length && value !== undefined) value = checkAliases(value, index.size, aliases[0], errors);
  return { format: 'yaml', value, errors, positions: () => index };
}

function indexYamlNode(builder: IndexBuilder, node: unknown, fallback: number, aliases: TextRange[]): void {
  const range = YAML.isNode(node) && node.range ? node.range : [fallback, fallback, fallback];
  if (YAML.isAlias(node)) aliases.push({ start: range[0], end: range[1] });
  builder.open(range[0]);
  if (YAML.isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key;
      const keyRange = YAML.isNode(key) && key.range ? key.range : [range[0], range[0]];
      builder.key(String(YAML.isScalar(key) ? key.value : key), keyRange[0], keyRange[1]);
      indexYamlNode(builder, pair.value, keyRange[1], aliases);
    }
    builder.closeAsValue(range[0], range[1], NodeKind.Mapping);
  } else if (YAML.isSeq(node)) {
    for (const item of node.items) indexYamlNode(builder, item, range[0], aliases);
    builder.closeAsValue(range[0], range[1], NodeKind.Sequence);
  } else {
    builder.closeAsValue(range[0], range[1], NodeKind.Scalar);
  }
}

// ---------------------------------------------------------------- JSON

function parseJson(text: string): ParsedText {
  const body = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  let value: unknown;
  const errors: SyntaxProblem[] = [];
  try {
    value = JSON.parse(body);
  } catch {
    const problems: jsonc.ParseError[] = [];
    value = jsonc.parse(body, problems, { allowTrailingComma: false, disallowComments: true });
    for (const p of problems) {
      errors.push({ message: `JSON: ${jsonc.printParseErrorCode(p.error)}`, range: errorRange(text, p.offset, p.offset + p.length) });
    }
  }
  let index: PositionIndex | undefined;
  const valid = errors.length === 0;
  return {
    format: 'json',
    value,
    errors,
    positions: () => (index ??= valid ? indexValidJson(body) : indexJsonSafely(body, errors)),
  };
}

/**
 * The position index of text JSON.parse accepted, in one pass over its characters (the same
 * nodes, ranges and keys as the jsonc-parser visitor gives, at about a third of its cost: ~250
 * -> ~80 ms on the 13 MB GitHub description, paid whenever a finding must be located).
 * Iterative, so any depth JSON.parse took is indexed.
 */
export function indexValidJson(text: string): PositionIndex {
  const builder = new IndexBuilder(text.length >> 5);
  // Per open container: is it an object (strings in key position are keys)?
  const objects: boolean[] = [];
  let expectKey = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3a /* : */) {
      if (c === 0x3a) expectKey = false;
      i++;
    } else if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (expectKey) {
        const raw = text.slice(i + 1, end - 1);
        builder.key(raw.indexOf('\\') === -1 ? raw : (JSON.parse(text.slice(i, end)) as string), i, end);
      } else {
        builder.leaf(i, end);
      }
      i = end;
    } else if (c === 0x2c /* , */) {
      expectKey = objects[objects.length - 1] === true;
      i++;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      builder.open(i);
      objects.push(c === 0x7b);
      expectKey = c === 0x7b;
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      builder.closeAsValue(builder.openStart, i + 1, c === 0x7d ? NodeKind.Mapping : NodeKind.Sequence);
      objects.pop();
      expectKey = false;
      i++;
    } else {
      // A number, true, false or null: up to the next delimiter.
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09 || d === 0x3a) break;
      }
      builder.leaf(i, j);
      i = j;
    }
  }
  return builder.index;
}

/** Offset just past the closing quote of the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let q = text.indexOf('"', start + 1);
  while (q !== -1) {
    let backslashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    q = text.indexOf('"', q + 1);
  }
  return text.length;
}

/**
 * JSON.parse takes any depth, but jsonc-parser's visitor is recursive: past ~5,000 levels it
 * runs out of stack. Findings then point at the top of the file, and one error says why.
 */
function indexJsonSafely(text: string, errors: SyntaxProblem[]): PositionIndex {
  try {
    return indexJson(text);
  } catch (e) {
    errors.push({ message: `The document nests too deeply to locate findings in it (${describe(e)}).`, range: { start: 0, end: 0 } });
    return new PositionIndex();
  }
}

/** jsonc-parser's visitor: tolerant of broken JSON (and the reference the fast path is tested against). */
export function indexJson(text: string): PositionIndex {
  const builder = new IndexBuilder();
  jsonc.visit(text, {
    onObjectBegin: (offset) => builder.open(offset),
    onObjectEnd: (offset, length) => builder.closeAsValue(builder.openStart, offset + length, NodeKind.Mapping),
    onArrayBegin: (offset) => builder.open(offset),
    onArrayEnd: (offset, length) => builder.closeAsValue(builder.openStart, offset + length, NodeKind.Sequence),
    onObjectProperty: (property, offset, length) => builder.key(property, offset, offset + length),
    onLiteralValue: (_value, offset, length) => builder.leaf(offset, offset + length),
  });
  return builder.index;
}
