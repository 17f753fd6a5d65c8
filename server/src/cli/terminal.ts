/**
 * What the CLI may assume about its terminal: colours only on a TTY and never with NO_COLOR
 * (https://no-color.org: any non-empty value), FORCE_COLOR to force them (CI logs); progress only
 * when stderr is a terminal, so redirected output and CI logs stay clean.
 */
export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** A single self-overwriting status line on stderr; a no-op when stderr is not a terminal. */
export class Progress {
  private last = 0;
  private shown = false;

  constructor(private readonly stream: Streams['stderr'], private readonly enabled: boolean) {}

  update(done: number, total: number, label: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (done < total && now - this.last < 50) return; // redraw at most every 50 ms
    this.last = now;
    const columns = (this.stream as { columns?: number }).columns ?? 80;
    const text = `[${done}/${total}] ${label}`;
    this.stream.write(`\r\u001b[K${text.length > columns - 1 ? '…' + text.slice(text.length - columns + 2) : text}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}
