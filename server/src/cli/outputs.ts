/** Renders the report in each requested format and writes it to its file or to stdout. */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { formatHtml } from '../engine/report/html';
import { formatJson } from '../engine/report/json';
import { formatMarkdown } from '../engine/report/markdown';
import { formatSarif } from '../engine/report/sarif';
import type { Report } from '../engine/report/model';
import { formatText } from '../engine/report/text';
import type { Format, OutputSpec } from './args';

export interface RenderContext {
  /** Colours for text going to a terminal. */
  color: boolean;
}

type Renderer = (report: Report, ctx: RenderContext) => string;

/** A report could not be written (a user error: exit 2 with the message, no stack). */
export class OutputError extends Error {}

const RENDERERS: Record<Format, Renderer | undefined> = {
  text: (r, ctx) => formatText(r, { color: ctx.color }),
  json: (r) => formatJson(r),
  sarif: (r) => formatSarif(r),
  html: (r) => formatHtml(r, { nonce: randomBytes(18).toString('base64') }),
  markdown: (r) => formatMarkdown(r),
};

export function render(format: Format, report: Report, ctx: RenderContext): string {
  const renderer = RENDERERS[format];
  if (!renderer) throw new Error(`format '${format}' is not available in this build`);
  return renderer(report, ctx);
}

/** Writes every requested report; returns the stdout text (if any) for the caller to print last. */
export function writeOutputs(
  specs: readonly OutputSpec[],
  report: Report,
  cwd: string,
  stdoutColor: boolean,
): { stdout?: string; written: string[] } {
  let stdout: string | undefined;
  const written: string[] = [];
  for (const spec of specs) {
    if (spec.file === undefined) {
      stdout = render(spec.format, report, { color: spec.format === 'text' && stdoutColor });
      continue;
    }
    const target = path.resolve(cwd, spec.file);
    const text = render(spec.format, report, { color: false });
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text, 'utf8');
    } catch (e) {
      throw new OutputError(`cannot write the ${spec.format} report to ${spec.file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    written.push(target);
  }
  return { stdout, written };
}
