/**
 * Background threads yield the CPU to the editor's requests.
 *
 * The audit worker and the main thread share the cores; on a machine with two busy cores the
 * main thread's analysis of an edit took 1.1–3.6× as long while an audit ran (the same CPU per
 * edit, measured per thread: the difference was waiting for a core), and as long as without an
 * audit once the worker ran at a lower priority (docs/performance.md). Linux keeps a nice value
 * per thread (setpriority(2) on a thread id, see its NOTES), which is what this sets; elsewhere
 * there is no per-thread nice value to set and the thread keeps the process's priority.
 */
import { readlinkSync } from 'fs';
import { getPriority, setPriority } from 'os';

/** How much lower than the server's main thread (nice values range from -20 to 19). */
export const BACKGROUND_NICENESS = 10;

/** Lowers the calling thread's priority; false where it cannot (not Linux, not allowed). */
export function lowerThisThreadsPriority(by = BACKGROUND_NICENESS): boolean {
  try {
    // '/proc/thread-self' links to '<pid>/task/<tid>' for the thread that reads it.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, Math.min(19, getPriority(tid) + by));
    return true;
  } catch {
    return false;
  }
}
