/**
 * Mutations as data: each one is recorded with absolute offsets, so a failing input can be
 * written down as (original file, mutation list) and replayed exactly. Kinds follow what real
 * editing and real corruption do to a file: delete, duplicate, swap and truncate spans, change
 * indentation, and insert a token that parsers treat specially.
 */
import type { Random } from './random';

export type Mutation =
  | { kind: 'delete'; start: number; end: number }
  | { kind: 'duplicate'; start: number; end: number; at: number }
  | { kind: 'swap'; a: [number, number]; b: [number, number] }
  | { kind: 'truncate'; at: number }
  | { kind: 'indent'; fromLine: number; toLine: number; delta: number; tabs: boolean }
  | { kind: 'insert'; at: number; text: string };

/** Tokens with a meaning to YAML, JSON, TypeScript or the engine ($ref, suppressions). */
export const SPECIAL_TOKENS = [
  '{', '}', '[', ']', ':', ': ', '- ', ',', '"', "'", '#', '&a ', '*a', '<<: *a', '? ', '|', '>-', '!!str ', '!!binary ',
  '---\n', '...\n', '%YAML 1.2\n', '\t', '\r\n', '\r', '\n', '\uFEFF', '\u0000', '\uD800', '\u2028', '😀', '\\',
  '$ref: "#/"', '$ref: "#/components/schemas/Order"', '$ref: "./missing.yaml#/x"', '$ref: "https://evil.example/x.yaml"',
  '"$ref": "#"', 'x-api-warden-ignore: [spec-server-plain-http]', '# api-warden-ignore-next-line\n',
  'servers: [{url: "http://x.example.com"}]\n', 'security: []\n', 'openapi: 3.1.0\n', 'swagger: "2.0"\n',
  '/*', '*/', '//', '`', '${', '=>', '(', ')', '<', '>', '@Get(', 'app.get(', 'router.use(', 'async ', 'function ',
  '\u00e9', 'null', '-1e999', '0x', '"\\u00"',
];

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) out.push(i + 1);
  return out;
}

function span(rng: Random, length: number): [number, number] {
  const start = rng.int(0, Math.max(0, length - 1));
  return [start, Math.min(length, start + rng.spanLength(length - start))];
}

/** Picks an offset: half the time at a line start (where structure lives), else anywhere. */
function offset(rng: Random, text: string, starts: number[]): number {
  return rng.chance(0.5) ? rng.pick(starts) : rng.int(0, text.length);
}

export function randomMutation(rng: Random, text: string): Mutation {
  const starts = lineStarts(text);
  const len = text.length;
  switch (rng.int(0, 9)) {
    case 0:
    case 1: {
      if (rng.chance(0.4) && starts.length > 2) {
        // Whole lines: what cut/paste and merges do.
        const from = rng.int(0, starts.length - 2);
        const to = Math.min(starts.length - 1, from + rng.spanLength(starts.length - 1 - from));
        return { kind: 'delete', start: starts[from], end: starts[to] };
      }
      const [start, end] = span(rng, len);
      return { kind: 'delete', start, end };
    }
    case 2:
    case 3: {
      const [start, end] = span(rng, len);
      return { kind: 'duplicate', start, end, at: rng.chance(0.5) ? end : offset(rng, text, starts) };
    }
    case 4: {
      const [s1, e1] = span(rng, len);
      const [s2, e2] = span(rng, len);
      const a: [number, number] = s1 <= s2 ? [s1, e1] : [s2, e2];
      const b: [number, number] = s1 <= s2 ? [s2, e2] : [s1, e1];
      if (a[1] > b[0]) return { kind: 'delete', start: a[0], end: Math.max(a[1], b[1]) };
      return { kind: 'swap', a, b };
    }
    case 5:
      return { kind: 'truncate', at: rng.int(0, len) };
    case 6:
    case 7: {
      const fromLine = rng.int(0, starts.length - 1);
      const toLine = Math.min(starts.length - 1, fromLine + rng.spanLength(starts.length - fromLine));
      const delta = rng.pick([-8, -4, -2, -1, 1, 2, 3, 4, 8]);
      return { kind: 'indent', fromLine, toLine, delta, tabs: rng.chance(0.15) };
    }
    default:
      return { kind: 'insert', at: offset(rng, text, starts), text: rng.pick(SPECIAL_TOKENS) };
  }
}

export function applyMutation(text: string, m: Mutation): string {
  const clamp = (n: number) => Math.max(0, Math.min(text.length, n));
  switch (m.kind) {
    case 'delete':
      return text.slice(0, clamp(m.start)) + text.slice(clamp(m.end));
    case 'duplicate': {
      const piece = text.slice(clamp(m.start), clamp(m.end));
      const at = clamp(m.at);
      return text.slice(0, at) + piece + text.slice(at);
    }
    case 'swap': {
      const [a0, a1] = [clamp(m.a[0]), clamp(m.a[1])];
      const [b0, b1] = [clamp(m.b[0]), clamp(m.b[1])];
      return text.slice(0, a0) + text.slice(b0, b1) + text.slice(a1, b0) + text.slice(a0, a1) + text.slice(b1);
    }
    case 'truncate':
      return text.slice(0, clamp(m.at));
    case 'indent': {
      const lines = text.split('\n');
      for (let i = m.fromLine; i <= m.toLine && i < lines.length; i++) {
        if (m.delta > 0) lines[i] = (m.tabs ? '\t' : ' ').repeat(m.delta) + lines[i];
        else lines[i] = lines[i].replace(new RegExp(`^[ \\t]{0,${-m.delta}}`), '');
      }
      return lines.join('\n');
    }
    case 'insert': {
      const at = clamp(m.at);
      return text.slice(0, at) + m.text + text.slice(at);
    }
  }
}

export function describeMutation(m: Mutation): string {
  switch (m.kind) {
    case 'delete':
      return `delete [${m.start}, ${m.end})`;
    case 'duplicate':
      return `duplicate [${m.start}, ${m.end}) at ${m.at}`;
    case 'swap':
      return `swap [${m.a[0]}, ${m.a[1]}) with [${m.b[0]}, ${m.b[1]})`;
    case 'truncate':
      return `truncate at ${m.at}`;
    case 'indent':
      return `indent lines ${m.fromLine}-${m.toLine} by ${m.delta}${m.tabs ? ' (tabs)' : ''}`;
    case 'insert':
      return `insert ${JSON.stringify(m.text)} at ${m.at}`;
  }
}
