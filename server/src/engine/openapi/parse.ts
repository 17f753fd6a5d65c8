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

export function parseText(text: string, format: DocumentFormat): ParsedText {
  try {
    return format === 'json' ? parseJson(text) : parseYaml(text);
  } catch (e) {
    // Last line of defence (e.g. a stack overflow on absurd nesting): report, analyse nothing.
    const message = e instanceof Error ? e.message : String(e);
    const empty = new PositionIndex();
    return { format, value: undefined, errors: [{ message: `Could not parse: ${message}`, range: { start: 0, end: 0 } }], positions: () => empty };
  }
}

// ---------------------------------------------------------------- YAML

function parseYaml(text: string): ParsedText {
  const builder = new IndexBuilder();
  try {
    const value = jsyaml.load(text, {
      schema: jsyaml.CORE_SCHEMA, // no timestamps: dates stay strings, as in JSON
      json: true, // duplicate keys: last one wins instead of throwing
      listener(this: jsyaml.State, event: 'open' | 'close', state: jsyaml.State) {
        if (event === 'open') {
          builder.open(state.position);
          return;
        }
        const start = skipTrivia(text, builder.openStart);
        const end = Math.max(start, trimEnd(text, state.position));
        if (state.kind === 'scalar' && nextIsColon(text, state.position) && builder.depth > 1) {
          builder.closeAsKey(String(state.result), start, end);
        } else {
          builder.closeAsValue(start, end, kindOf(state.kind));
        }
      },
    });
    const index = builder.index;
    return { format: 'yaml', value, errors: [], positions: () => index };
  } catch (e) {
    if (!(e instanceof jsyaml.YAMLException)) throw e;
    return parseYamlTolerant(text);
  }
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

function trimEnd(text: string, pos: number): number {
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

/** Error-tolerant path for broken YAML: `yaml` keeps going after errors and keeps ranges. */
function parseYamlTolerant(text: string): ParsedText {
  const doc = YAML.parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false });
  const errors: SyntaxProblem[] = doc.errors.map((e) => ({
    message: e.message.split('\n')[0],
    range: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
  }));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    errors.push({ message: e instanceof Error ? e.message : String(e), range: { start: 0, end: 0 } });
  }
  const builder = new IndexBuilder();
  indexYamlNode(builder, doc.contents, text.length);
  const index = builder.index;
  return { format: 'yaml', value, errors, positions: () => index };
}

function indexYamlNode(builder: IndexBuilder, node: unknown, fallback: number): void {
  const range = YAML.isNode(node) && node.range ? node.range : [fallback, fallback, fallback];
  builder.open(range[0]);
  if (YAML.isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key;
      const keyRange = YAML.isNode(key) && key.range ? key.range : [range[0], range[0]];
      builder.key(String(YAML.isScalar(key) ? key.value : key), keyRange[0], keyRange[1]);
      indexYamlNode(builder, pair.value, keyRange[1]);
    }
    builder.closeAsValue(range[0], range[1], NodeKind.Mapping);
  } else if (YAML.isSeq(node)) {
    for (const item of node.items) indexYamlNode(builder, item, range[0]);
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
      errors.push({ message: `JSON: ${jsonc.printParseErrorCode(p.error)}`, range: { start: p.offset, end: p.offset + Math.max(1, p.length) } });
    }
  }
  let index: PositionIndex | undefined;
  return {
    format: 'json',
    value,
    errors,
    positions: () => (index ??= indexJson(body)),
  };
}

function indexJson(text: string): PositionIndex {
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
