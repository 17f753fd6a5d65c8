/** The engine's FileSystem over Node's `fs`, for the CLI and the language server. Never throws. */
import * as fs from 'fs';
import type { DirEntry, EntryKind, FileSystem } from './engine';

export interface NodeFileSystemOptions {
  /**
   * Keep the texts read, and return the kept text while the file's identity, size and times are
   * unchanged (one fstat instead of a read and a UTF-8 decode). For the language server, whose
   * engine re-reads every file of the workspace on each edit to see whether it changed: the 13 MB
   * GitHub description costs ~50 ms to read and decode. A one-off audit reads each document twice
   * (discovery sniffs its content, then the audit parses it): the second read is free too. Bounded
   * by `maxKeptChars` (least recently read dropped first); the strings are mostly the ones the
   * engine holds anyway.
   */
  reuseUnchanged?: boolean;
  maxKeptChars?: number;
}

interface Kept {
  text: string;
  /** dev, ino, size, mtime and ctime in ns: any write changes ctime. */
  stamp: string;
  /** Read long enough after the file's last change that no same-stamp write can follow. */
  settled: boolean;
}

export class NodeFileSystem implements FileSystem {
  private readonly kept?: Map<string, Kept>;
  private keptChars = 0;
  private readonly maxKeptChars: number;

  constructor(options: NodeFileSystemOptions = {}) {
    if (options.reuseUnchanged) this.kept = new Map();
    this.maxKeptChars = options.maxKeptChars ?? 64 * 1024 * 1024;
  }

  readFile(path: string): string | undefined {
    let fd: number | undefined;
    try {
      // Regular files only, checked on the open descriptor: a `$ref` to a FIFO would block
      // forever and one to /dev/zero would read until memory runs out. O_NONBLOCK keeps the
      // open itself from waiting for a FIFO's writer (it does nothing for regular files).
      fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
      const stat = fs.fstatSync(fd, { bigint: true });
      if (!stat.isFile()) return undefined;
      if (!this.kept) return fs.readFileSync(fd).toString('utf8');
      const stamp = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
      const hit = this.kept.get(path);
      if (hit && hit.stamp === stamp && hit.settled) {
        // most recently used last, so eviction drops the oldest reads
        this.kept.delete(path);
        this.kept.set(path, hit);
        return hit.text;
      }
      // A file that is not valid UTF-8 still decodes (with U+FFFD); binary files are caught by
      // discovery's content checks, not here.
      const text = fs.readFileSync(fd).toString('utf8');
      // Like git's "racy clean" check: file times are coarse (a clock tick), so a second write of
      // the same size in the same tick keeps the stamp. Text read two seconds or more after the
      // file's last change is reused; text read sooner is read again next time.
      const now = BigInt(Date.now()) * 1_000_000n;
      const settled = now - stat.mtimeNs > 2_000_000_000n && now - stat.ctimeNs > 2_000_000_000n;
      this.keep(path, { text, stamp, settled }, hit);
      return text;
    } catch {
      if (this.kept) this.forget(path);
      return undefined;
    } finally {
      if (fd !== undefined) closeQuietly(fd);
    }
  }

  private keep(path: string, entry: Kept, previous: Kept | undefined): void {
    if (!this.kept) return;
    if (previous) this.forget(path);
    if (entry.text.length > this.maxKeptChars) return;
    this.kept.set(path, entry);
    this.keptChars += entry.text.length;
    for (const [oldest, e] of this.kept) {
      if (this.keptChars <= this.maxKeptChars) break;
      this.kept.delete(oldest);
      this.keptChars -= e.text.length;
    }
  }

  private forget(path: string): void {
    const kept = this.kept;
    const e = kept?.get(path);
    if (!kept || !e) return;
    kept.delete(path);
    this.keptChars -= e.text.length;
  }

  readDirectory(path: string): DirEntry[] {
    try {
      return fs.readdirSync(path, { withFileTypes: true }).map((d) => ({
        name: d.name,
        kind: d.isFile() ? 'file' : d.isDirectory() ? 'directory' : d.isSymbolicLink() ? 'symlink' : 'other',
      }));
    } catch {
      return [];
    }
  }

  fileSize(path: string): number | undefined {
    try {
      return fs.statSync(path).size;
    } catch {
      return undefined;
    }
  }

  realPath(path: string): string | undefined {
    try {
      return fs.realpathSync(path);
    } catch {
      return undefined;
    }
  }

  kindOf(path: string): EntryKind | undefined {
    try {
      const s = fs.statSync(path);
      return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
    } catch {
      return undefined;
    }
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // nothing useful to do: the contract is "never throws"
  }
}
