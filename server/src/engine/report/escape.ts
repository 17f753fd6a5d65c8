/** Escaping for every string that comes from the workspace (paths, messages, descriptions). */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Safe inside a GitHub-flavoured markdown table cell: no raw HTML, no cell breaks, one line.
 * Backslash-escapes the characters that would start markdown syntax mid-text.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]|#~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Safe to print on a terminal: control characters (ESC starts colour, cursor and hyperlink
 * sequences; BEL, CR and backspace rewrite the line) and bidirectional overrides (which make
 * text read differently from what it is) become visible `\u{…}` escapes.
 */
export function escapeTerminal(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
