/**
 * Hostile inputs, generated rather than stored: alias bombs, absurd nesting, binary noise.
 * Each generator returns plain text so the same input can go through any file system.
 */

export const HTTP_SERVER = 'http://api.example.com';

/** A minimal spec that one foundation rule always reports on (a plain-HTTP server). */
export function specHead(extra = ''): string {
  return `openapi: 3.0.3\ninfo: {title: hostile, version: '1'}\nservers:\n  - url: ${HTTP_SERVER}\n${extra}`;
}

/**
 * "Billion laughs": each level is a sequence of `width` aliases to the level below, so
 * `levels` short lines stand for width^levels nodes once expanded.
 */
export function aliasBomb(levels = 10, width = 9): string {
  const lines = [specHead().trimEnd(), `x-l0: &l0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`x-l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]`);
  lines.push('paths: {}');
  return lines.join('\n') + '\n';
}

/** The same bomb in block style, with mappings: `{a: *prev, b: *prev, ...}`. */
export function aliasBombBlockMappings(levels = 12, width = 4): string {
  const lines = [specHead().trimEnd(), 'x-bomb:', '  m0: &m0', '    k: v'];
  for (let i = 1; i < levels; i++) {
    lines.push(`  m${i}: &m${i}`);
    for (let j = 0; j < width; j++) lines.push(`    k${j}: *m${i - 1}`);
  }
  return lines.join('\n') + '\n';
}

/** Merge keys chained: each mapping merges the one before (quadratic once expanded). */
export function mergeChain(count: number): string {
  const lines = [specHead().trimEnd(), 'x-merge:', '  a0: &a0 {k0: 0}'];
  for (let i = 1; i < count; i++) lines.push(`  a${i}: &a${i} {<<: *a${i - 1}, k${i}: ${i}}`);
  return lines.join('\n') + '\n';
}

export function yamlFlowSequences(depth: number): string {
  return specHead(`x-deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
}

export function yamlFlowMappings(depth: number): string {
  return specHead(`x-deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`);
}

/** `- - - - x`: block sequences nested on one line (compact notation). */
export function yamlCompactSequences(depth: number): string {
  return specHead(`x-deep:\n  ${'- '.repeat(depth)}x\n`);
}

/** Block mappings, one level per line; the text grows with depth squared. */
export function yamlBlockMappings(depth: number): string {
  let s = specHead('x-deep:\n');
  for (let i = 1; i <= depth; i++) s += `${' '.repeat(i * 2)}k${i}:\n`;
  return s + `${' '.repeat(depth * 2 + 2)}leaf\n`;
}

/** Valid deep JSON (JSON.parse takes any depth; the position index must cope). */
export function jsonDeepArrays(depth: number): string {
  return `{\n  "openapi": "3.0.3",\n  "info": {"title": "deep", "version": "1"},\n  "servers": [{"url": "${HTTP_SERVER}"}],\n  "x-deep": ${'['.repeat(depth)}${']'.repeat(depth)}\n}\n`;
}

export function jsonDeepObjects(depth: number): string {
  return `{\n  "openapi": "3.0.3",\n  "info": {"title": "deep", "version": "1"},\n  "servers": [{"url": "${HTTP_SERVER}"}],\n  "x-deep": ${'{"a": '.repeat(depth)}1${'}'.repeat(depth)}\n}\n`;
}

/** Deep and broken (unclosed): the error-tolerant JSON parser is recursive. */
export function jsonDeepBroken(depth: number): string {
  return `{\n  "openapi": "3.0.3",\n  "servers": [{"url": "${HTTP_SERVER}"}],\n  "x-deep": ${'{"a": ['.repeat(depth)}\n`;
}

/** Nested TypeScript constructs, one level per line (a single line would count as minified). */
export const TS_NESTING: Record<string, (depth: number) => string> = {
  arrays: (d) => `export const x =\n${'[\n'.repeat(d)}${']\n'.repeat(d)};\n`,
  parentheses: (d) => `export const x =\n${'(\n'.repeat(d)}1\n${')\n'.repeat(d)};\n`,
  blocks: (d) => `export function f(a: boolean) {\n${'if (a) {\n'.repeat(d)}${'}\n'.repeat(d)}}\n`,
  arrows: (d) => `export const f =\n${'() =>\n'.repeat(d)}1;\n`,
  'binary expressions': (d) => `export const x =\n${'1 +\n'.repeat(d)}1;\n`,
  'call chains': (d) => `import express from 'express';\nconst app = express();\napp${'\n.use((req, res, next) => next())'.repeat(d)};\n`,
  'object literals': (d) => `export const x =\n${'{ a:\n'.repeat(d)}1\n${'}\n'.repeat(d)};\n`,
  'template literals': (d) => `export const x = ${'`${\n'.repeat(d)}1${'}`\n'.repeat(d)};\n`,
};

/** Bytes that are not UTF-8: stray continuation bytes, overlong forms, CESU surrogates, NUL. */
export function invalidUtf8(seed: number, length: number): Buffer {
  const specials = [0xff, 0xfe, 0xc0, 0xc1, 0x80, 0xbf, 0xed, 0xa0, 0x00, 0xf8, 0xf5, 0xc3, 0x28];
  const out = Buffer.alloc(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const r = (s >>> 0) % 100;
    out[i] = r < 40 ? specials[(s >>> 8) % specials.length] : r < 70 ? 0x20 + ((s >>> 8) % 95) : (s >>> 8) & 0xff;
  }
  return out;
}

/** Strings that are valid JS but not valid Unicode text (lone surrogates), plus controls. */
export const WEIRD_CHARS = ['\uD800', '\uDFFF', '\uFFFE', '\uFFFF', '\u0000', '\u0007', '\u001b[31m', '\u2028', '\u2029', '\u200B', '\u202E'];
