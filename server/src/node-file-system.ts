/** The engine's FileSystem over Node's `fs`, for the CLI and the language server. Never throws. */
import * as fs from 'fs';
import type { DirEntry, EntryKind, FileSystem } from './engine';

export class NodeFileSystem implements FileSystem {
  readFile(path: string): string | undefined {
    let fd: number | undefined;
    try {
      // Regular files only, checked on the open descriptor: a `$ref` to a FIFO would block
      // forever and one to /dev/zero would read until memory runs out. O_NONBLOCK keeps the
      // open itself from waiting for a FIFO's writer (it does nothing for regular files).
      fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
      if (!fs.fstatSync(fd).isFile()) return undefined;
      // A file that is not valid UTF-8 still decodes (with U+FFFD); binary files are caught by
      // discovery's content checks, not here.
      return fs.readFileSync(fd).toString('utf8');
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeQuietly(fd);
    }
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
