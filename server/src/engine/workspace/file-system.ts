/**
 * The engine reads files only through this interface: the CLI passes plain disk, the language
 * server passes its open buffers over disk. Implementations never throw: a missing or
 * unreadable entry is `undefined` / empty.
 */
import type { FilePath } from '../types';

export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface DirEntry {
  name: string;
  kind: EntryKind;
}

export interface FileSystem {
  readFile(path: FilePath): string | undefined;
  readDirectory(path: FilePath): DirEntry[];
  /** Size in bytes without reading the file, when the implementation can tell. */
  fileSize?(path: FilePath): number | undefined;
  /** Resolves symlinks, so discovery can detect loops. */
  realPath?(path: FilePath): FilePath | undefined;
  /** Kind of the entry a path (possibly a symlink) resolves to. */
  kindOf?(path: FilePath): EntryKind | undefined;
}

/** Open editor buffers layered over another file system. */
export class OverlayFileSystem implements FileSystem {
  private readonly overlay = new Map<FilePath, string>();

  constructor(private readonly base: FileSystem) {}

  set(path: FilePath, text: string | undefined): void {
    if (text === undefined) this.overlay.delete(path);
    else this.overlay.set(path, text);
  }

  has(path: FilePath): boolean {
    return this.overlay.has(path);
  }

  openFiles(): FilePath[] {
    return [...this.overlay.keys()];
  }

  readFile(path: FilePath): string | undefined {
    return this.overlay.get(path) ?? this.base.readFile(path);
  }

  readDirectory(path: FilePath): DirEntry[] {
    return this.base.readDirectory(path);
  }

  fileSize(path: FilePath): number | undefined {
    const open = this.overlay.get(path);
    return open !== undefined ? open.length : this.base.fileSize?.(path);
  }

  realPath(path: FilePath): FilePath | undefined {
    return this.base.realPath ? this.base.realPath(path) : path;
  }

  kindOf(path: FilePath): EntryKind | undefined {
    return this.base.kindOf?.(path);
  }
}

/** An in-memory file system, for tests and for untitled buffers. */
export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<FilePath, string>();

  constructor(files: Record<FilePath, string> = {}) {
    for (const [p, t] of Object.entries(files)) this.files.set(p, t);
  }

  readFile(path: FilePath): string | undefined {
    return this.files.get(path);
  }

  readDirectory(path: FilePath): DirEntry[] {
    const prefix = path.endsWith('/') ? path : path + '/';
    const seen = new Map<string, EntryKind>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash === -1) seen.set(rest, 'file');
      else seen.set(rest.slice(0, slash), 'directory');
    }
    return [...seen].map(([name, kind]) => ({ name, kind }));
  }

  fileSize(path: FilePath): number | undefined {
    return this.files.get(path)?.length;
  }
}
