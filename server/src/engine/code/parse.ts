/**
 * Source files are parsed with the TypeScript compiler API (never regex over source).
 * `createSourceFile` never throws: syntax errors stay in `parseDiagnostics` and the tree is
 * still complete enough to walk, which is what we want for half-typed code.
 */
import ts from 'typescript';
import type { FilePath } from '../types';

export const CODE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

export function isCodeFile(path: string): boolean {
  if (/\.d\.[mc]?ts$/i.test(path)) return false;
  const lower = path.toLowerCase();
  return CODE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function scriptKindOf(path: string): ts.ScriptKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

export function parseSource(path: FilePath, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, /*setParentNodes*/ true, scriptKindOf(path));
}

/** Exact range of a node: from its first token (no leading trivia) to its end. */
export function nodeRange(node: ts.Node, sf: ts.SourceFile = node.getSourceFile()): { start: number; end: number } {
  return { start: node.getStart(sf), end: node.getEnd() };
}

/**
 * Code nested deeper than any person writes (generated or hostile input). Rules and models walk
 * trees recursively; past this depth they would overflow the stack, so such a file is skipped
 * with one finding instead. Checked iteratively, once per parse.
 */
export const MAX_CODE_DEPTH = 500;

export function nestingExceeds(sf: ts.SourceFile, limit: number = MAX_CODE_DEPTH): boolean {
  const stack: [ts.Node, number][] = [[sf, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    ts.forEachChild(node, (child) => {
      stack.push([child, depth + 1]);
    });
  }
  return false;
}
