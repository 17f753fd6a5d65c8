/** Plain-text tables for the terminal (and for pasting into docs/performance.md as Markdown). */

export type Cell = string | number | undefined;

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function fmtMB(mb: number | undefined): string {
  return mb === undefined || Number.isNaN(mb) ? '–' : `${Math.round(mb)} MB`;
}

export function fmtSize(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} KB`;
}

export function fmtRatio(x: number | undefined, digits = 2): string {
  return x === undefined || Number.isNaN(x) ? '–' : x.toFixed(digits);
}

/** A Markdown table (readable as is in a terminal). Numbers are right-aligned. */
export function table(headers: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map((c) => (c === undefined ? '–' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => text.length > 0 && text.every((r) => /^[-–\d.,<>×x% ]*(ms|s|MB|KB|x|×|%)?$/.test(r[i] ?? '')));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (numeric[i] ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [line(headers), rule, ...text.map(line)].join('\n');
}
