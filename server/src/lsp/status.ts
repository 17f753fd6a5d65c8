/**
 * `apiWarden/status`: the server's state and the counts of findings in open documents, sent
 * only when something the status bar shows has changed.
 */
import type { ServerState, StatusParams, WardenSeverity } from '../protocol';

export class StatusReporter {
  private state: ServerState = 'starting';
  private message: string | undefined;
  private counts: Record<WardenSeverity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  private lastSent = '';
  /** Audits in flight: the state is `analyzing` until the last one ends. */
  private busy = 0;

  constructor(private readonly send: (params: StatusParams) => void) {}

  ready(): void {
    this.state = 'ready';
    this.flush();
  }

  /** An internal error: shown until the next successful analysis clears it. */
  error(message: string): void {
    this.message = message;
    this.state = 'error';
    this.flush();
  }

  beginWork(): void {
    this.busy++;
    this.flush();
  }

  endWork(): void {
    this.busy = Math.max(0, this.busy - 1);
    this.flush();
  }

  update(counts: Record<WardenSeverity, number>): void {
    this.counts = { ...counts };
    if (this.state === 'error') {
      this.state = 'ready';
      this.message = undefined;
    }
    this.flush();
  }

  private flush(): void {
    if (this.state === 'starting') return;
    const params: StatusParams = {
      state: this.busy > 0 && this.state !== 'error' ? 'analyzing' : this.state,
      counts: { ...this.counts },
      ...(this.message ? { message: this.message } : {}),
    };
    const json = JSON.stringify(params);
    if (json === this.lastSent) return;
    this.lastSent = json;
    this.send(params);
  }
}
