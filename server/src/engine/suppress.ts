/**
 * Suppressions, applied by the engine so rules never deal with them and the editor and the CLI
 * agree:
 *   - a comment on the line above the finding:
 *       `// api-warden-ignore-next-line <rule-id>[, <rule-id>] -- <reason>` (JS/TS),
 *       `# api-warden-ignore-next-line <rule-id> -- <reason>` (YAML);
 *   - `x-api-warden-ignore` on an OpenAPI node, covering the node and everything under it:
 *       `x-api-warden-ignore: { <rule-id>: <reason> }` or `[ "<rule-id> -- <reason>" ]`.
 */
import { getAt, isObject, type OpenApiDocument, type Pointer } from './openapi/document';
import type { Fix, Suppression, TextRange } from './types';
import { LineIndex } from './util/line-index';

export const DIRECTIVE = 'api-warden-ignore-next-line';
export const EXTENSION_KEY = 'x-api-warden-ignore';

const DIRECTIVE_RE = /^\s*(?:\/\/|#|\/\*)\s*api-warden-ignore-next-line\b(.*?)(?:\*\/\s*)?$/;

interface Directive {
  rules: string[];
  reason?: string;
  range: TextRange;
}

export function parseDirective(line: string): { rules: string[]; reason?: string } | undefined {
  const m = DIRECTIVE_RE.exec(line);
  if (!m) return undefined;
  const [spec, ...reasonParts] = m[1].split('--');
  const rules = spec.split(/[\s,]+/).filter(Boolean);
  const reason = reasonParts.join('--').trim() || undefined;
  return { rules, reason };
}

/** Finds the directive that covers `offset` (on the nearest non-blank line above it). */
export function commentSuppression(text: string, lines: LineIndex, offset: number, ruleId: string, file: string): Suppression | undefined {
  const line = lines.positionAt(offset).line;
  for (let l = line - 1; l >= 0; l--) {
    const start = lines.lineStart(l);
    const end = lines.lineEnd(l);
    const content = text.slice(start, end);
    if (content.trim() === '') continue;
    const d = directiveAt(content, start, end);
    if (d && (d.rules.length === 0 || d.rules.includes(ruleId))) {
      return { kind: 'comment', reason: d.reason, location: { file, range: d.range } };
    }
    return undefined;
  }
  return undefined;
}

function directiveAt(content: string, start: number, end: number): Directive | undefined {
  const d = parseDirective(content);
  if (!d) return undefined;
  const lead = content.length - content.trimStart().length;
  return { ...d, range: { start: start + lead, end } };
}

/** Looks for `x-api-warden-ignore` on the node at `pointer` and every ancestor. */
export function extensionSuppression(doc: OpenApiDocument, pointer: Pointer, ruleId: string): { reason?: string; pointer: Pointer } | undefined {
  for (let n = pointer.length; n >= 0; n--) {
    const prefix = pointer.slice(0, n);
    const node = getAt(doc.root, prefix);
    if (!isObject(node)) continue;
    const ext = node[EXTENSION_KEY];
    const reason = reasonFor(ext, ruleId);
    if (reason !== undefined) return { reason: reason || undefined, pointer: [...prefix, EXTENSION_KEY] };
  }
  return undefined;
}

function reasonFor(ext: unknown, ruleId: string): string | undefined {
  if (isObject(ext) && ruleId in ext) return typeof ext[ruleId] === 'string' ? (ext[ruleId] as string) : '';
  if (Array.isArray(ext)) {
    for (const item of ext) {
      if (typeof item === 'string') {
        const [id, ...rest] = item.split('--');
        if (id.trim() === ruleId) return rest.join('--').trim();
      } else if (isObject(item) && item.rule === ruleId) {
        return typeof item.reason === 'string' ? item.reason : '';
      }
    }
  }
  return undefined;
}

/**
 * The "ignore this finding here" edit: a directive comment above the line in code and YAML,
 * an `x-api-warden-ignore` entry on the nearest object in JSON (which has no comments).
 */
export function ignoreFix(
  file: string,
  text: string,
  lines: LineIndex,
  offset: number,
  ruleId: string,
  commentPrefix: '//' | '#' | undefined,
): Fix | undefined {
  if (!commentPrefix) return undefined;
  const line = lines.positionAt(offset).line;
  const start = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(start, lines.lineEnd(line)))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    title: `Ignore ${ruleId} here`,
    edits: [{ file, range: { start, end: start }, newText: `${indent}${commentPrefix} ${DIRECTIVE} ${ruleId} -- <reason>${eol}` }],
  };
}
