/**
 * Per-file analysis time budget. A pathological file (huge, absurdly shaped, or one a rule
 * handles badly) must not freeze the editor, so each file gets a time allowance for its rule
 * visitors, and the engine reports "analysis stopped" when a file used it up.
 *
 * JavaScript cannot interrupt a synchronous call, so the budget is cooperative and cheap:
 *   - `guarded()` (collector.ts) charges every visitor call to the file it is about and skips
 *     the remaining calls once that file's budget is spent;
 *   - long loops inside rules or shared walkers call `checkBudget()`, which reads the clock
 *     once every 1,024 calls and throws `AnalysisStopped` when the budget is spent.
 * Time is charged per file, not by wall clock, because the code runner visits files rule by
 * rule: one file's allowance must not run out while other files are being analysed.
 */

/** Thrown by `checkBudget()`; caught by the budget that was running, never reported as a crash. */
export class AnalysisStopped extends Error {
  constructor() {
    super('analysis stopped: time budget spent');
  }
}

const clock: () => number = () => performance.now();

export class TimeBudget {
  private spentMs = 0;
  private since = 0;
  private depth = 0;
  private ticks = 0;
  /** True once some work was skipped or cut short because the budget was spent. */
  stopped = false;

  constructor(readonly limitMs: number) {}

  exhausted(): boolean {
    return this.spentMs + (this.depth > 0 ? clock() - this.since : 0) >= this.limitMs;
  }

  /** Runs `fn` charged to this budget (re-entrant); skips it once the budget is spent. */
  run(fn: () => void): void {
    if (this.exhausted()) {
      this.stopped = true;
      return;
    }
    if (this.depth++ === 0) this.since = clock();
    const outer = current;
    current = this;
    try {
      fn();
    } catch (e) {
      if (!(e instanceof AnalysisStopped)) throw e;
      this.stopped = true;
    } finally {
      current = outer;
      if (--this.depth === 0) this.spentMs += clock() - this.since;
    }
  }

  /** See `checkBudget()`. */
  check(): void {
    if ((++this.ticks & 1023) !== 0) return;
    if (this.exhausted()) {
      this.stopped = true;
      throw new AnalysisStopped();
    }
  }
}

/** The budgets of one analysis run, by file. */
export class Budgets {
  private readonly byFile = new Map<string, TimeBudget>();

  constructor(readonly limitMs: number) {}

  forFile(file: string): TimeBudget {
    let b = this.byFile.get(file);
    if (!b) {
      b = new TimeBudget(this.limitMs);
      this.byFile.set(file, b);
    }
    return b;
  }

  /** Makes these budgets the ones `guarded()` charges while `fn` runs. */
  activate<T>(fn: () => T): T {
    const outer = active;
    active = this;
    try {
      return fn();
    } finally {
      active = outer;
    }
  }

  /** Whether the analysis of `file` was cut short so far. */
  isStopped(file: string): boolean {
    return this.byFile.get(file)?.stopped ?? false;
  }

  /** Files whose analysis was cut short. */
  stoppedFiles(): string[] {
    return [...this.byFile].filter(([, b]) => b.stopped).map(([f]) => f);
  }
}

let active: Budgets | undefined;
let current: TimeBudget | undefined;

/** Runs one visitor call charged to `file` when budgets are active (else just runs it). */
export function runCharged(file: string, fn: () => void): void {
  if (active) active.forFile(file).run(fn);
  else fn();
}

/** Whether the active budgets cut `file`'s analysis short (results must not be reused then). */
export function budgetStopped(file: string): boolean {
  return active?.isStopped(file) ?? false;
}

/**
 * For long loops in rules and shared walkers (schema walks, graph searches): throws
 * `AnalysisStopped` once the current file's budget is spent. No-op outside an analysis.
 */
export function checkBudget(): void {
  current?.check();
}
