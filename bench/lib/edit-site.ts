/**
 * Where the editor benchmarks type: the `operationId:` line (or another scalar line, such as
 * `summary:` in documents without ids) of an operation inside a path item in the middle of the
 * document's `paths`. Each edit appends a different suffix to the id, so
 * every version of the text is new (no cache can answer it) and the document stays valid (the
 * fast parse path is the one measured; broken YAML is measured by the robustness suite).
 */
export interface EditSite {
  /** 0-based line and the character where the id ends. */
  line: number;
  character: number;
  /** Offset of that character in the text. */
  offset: number;
  lineText: string;
}

export function findEditSite(text: string, key: 'operationId' | 'summary' = 'operationId'): EditSite | undefined {
  const lines = text.split('\n');
  const pathsLine = lines.findIndex((l) => /^paths:\s*$/.test(l));
  if (pathsLine < 0) return undefined;
  const items: number[] = [];
  for (let i = pathsLine + 1; i < lines.length && !/^\S/.test(lines[i]); i++) {
    if (/^ {2}['"]?\//.test(lines[i])) items.push(i);
  }
  const line = key === 'operationId' ? /^(\s+operationId:\s+[A-Za-z0-9_.-]+)\s*$/ : /^(\s+summary:\s+[^#'"\n]*?\S)\s*$/;
  // Start from the middle path item; take the first one that has a plain line of that key.
  const start = Math.floor(items.length / 2);
  for (let k = 0; k < items.length; k++) {
    const first = items[(start + k) % items.length];
    for (let i = first + 1; i < lines.length && !/^ {0,2}\S/.test(lines[i]); i++) {
      const m = line.exec(lines[i]);
      if (!m) continue;
      let offset = 0;
      for (let j = 0; j < i; j++) offset += lines[j].length + 1;
      return { line: i, character: m[1].length, offset: offset + m[1].length, lineText: lines[i] };
    }
  }
  return undefined;
}

/** The text after edit number `n` (suffixes replace each other, so the line changes only). */
export function applyEdit(text: string, site: EditSite, previousSuffix: string, suffix: string): string {
  return text.slice(0, site.offset) + suffix + text.slice(site.offset + previousSuffix.length);
}

export const suffixFor = (n: number): string => `X${n}`;
