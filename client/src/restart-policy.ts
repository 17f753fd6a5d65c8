/**
 * How often a crashed language server is restarted: at most `maxRestarts` times within
 * `windowMs`; after that it stays down and the user is told (a server that crashes on every
 * start would otherwise loop forever, burning CPU and flooding the output). Pure, so it is
 * unit-tested without VS Code.
 */
export interface RestartDecision {
  restart: boolean;
  /** Crashes counted within the window, this one included. */
  crashes: number;
}

export class RestartPolicy {
  private readonly crashes: number[] = [];

  constructor(
    readonly maxRestarts = 3,
    readonly windowMs = 3 * 60 * 1000,
  ) {}

  onCrash(now: number): RestartDecision {
    this.crashes.push(now);
    while (this.crashes.length && now - this.crashes[0] > this.windowMs) this.crashes.shift();
    return { restart: this.crashes.length <= this.maxRestarts, crashes: this.crashes.length };
  }

  /** A deliberate restart (the command) starts counting afresh. */
  reset(): void {
    this.crashes.length = 0;
  }
}
