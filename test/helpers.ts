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
  const edits = fix.edits.filter((e) => e.file === file);
  return applyEdits(text, fix.isSnippet ? edits.map((e) => ({ ...e, newText: expandSnippet(e.newText) })) : edits);
}

/** What a snippet inserts when the user accepts every tab stop's default: `\${1:256}` -> `256`. */
export function expandSnippet(snippet: string): string {
  let out = '';
  let depth = 0; // inside how many `${n:` placeholders: only their closing braces are syntax
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    const placeholder = /^\$\{\d+:/.exec(snippet.slice(i, i + 12));
    if (c === '\\' && i + 1 < snippet.length) out += snippet[++i];
    else if (placeholder) {
      depth++;
      i += placeholder[0].length - 1;
    } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else if (c === '}' && depth > 0) depth--;
    else out += c;
  }
  return out;
}

/** A small seeded random generator (mulberry32): the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The seeds a randomised test runs: `fallback` unless the variable `env` lists others
 * (`500-900` or `7,9`), to search for a failure; a failure names its seed, which reproduces it.
 */
export function seedsFrom(env: string, fallback: number[]): number[] {
  const value = process.env[env];
  if (!value) return fallback;
  return value.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    return to === undefined ? [from] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

/** A stable number for a string (FNV-1a), e.g. a seed from a path inside the repository. */
export function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h % 100_000;
}
