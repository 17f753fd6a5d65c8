/**
 * Which root documents read which other files through `$ref`, and the text each read saw.
 *
 * The engine needs both directions: a root's cached findings are stale when a file it
 * references changed (an edit in an open fragment must refresh the root's findings), and
 * linting a referenced file must show the findings its roots report inside it.
 */
import type { FilePath } from '../types';
import { basename } from '../util/paths';

export class RefTracker {
  private readonly depsByRoot = new Map<FilePath, Map<FilePath, string | undefined>>();
  private readonly rootsByFile = new Map<FilePath, Set<FilePath>>();

  /** Records what a run of `root` read (file -> text at the time, undefined when missing). */
  record(root: FilePath, deps: ReadonlyMap<FilePath, string | undefined>): void {
    this.forget(root);
    this.depsByRoot.set(root, new Map(deps));
    for (const file of deps.keys()) {
      let roots = this.rootsByFile.get(file);
      if (!roots) this.rootsByFile.set(file, (roots = new Set()));
      roots.add(root);
    }
  }

  forget(root: FilePath): void {
    const old = this.depsByRoot.get(root);
    if (!old) return;
    for (const file of old.keys()) this.rootsByFile.get(file)?.delete(root);
    this.depsByRoot.delete(root);
  }

  /** True when every file the last run of `root` read still has the text it had. */
  isFresh(root: FilePath, read: (file: FilePath) => string | undefined): boolean {
    const deps = this.depsByRoot.get(root);
    if (!deps) return true;
    for (const [file, text] of deps) if (read(file) !== text) return false;
    return true;
  }

  /** Roots known to reference `file`. */
  rootsOf(file: FilePath): FilePath[] {
    return [...(this.rootsByFile.get(file) ?? [])];
  }

  /** Whether any root has been seen reading `file`. */
  isReferenced(file: FilePath): boolean {
    return (this.rootsByFile.get(file)?.size ?? 0) > 0;
  }
}

/**
 * Cheap pre-filter before analysing a spec to learn what it references: it names the file, or
 * it has some reference to another file (the file may be reached through that one).
 */
export function mayReference(specText: string, file: FilePath): boolean {
  return specText.includes(basename(file)) || EXTERNAL_REF.test(specText);
}

const EXTERNAL_REF = /["']?\$ref["']?\s*:\s*["']?(?!#)[^\s"'#]/;

/** Identity of a finding for de-duplication (two specs sharing a referenced file). */
export function findingKey(f: { ruleId: string; messageId: string; file: FilePath; range: { start: number; end: number } }): string {
  return `${f.ruleId}|${f.messageId}|${f.file}|${f.range.start}|${f.range.end}`;
}
