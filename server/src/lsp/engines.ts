/**
 * The engines behind the server, one per distinct set of engine settings.
 *
 * Settings are per resource (two workspace folders may configure rules differently) but an
 * engine has one settings value, and changing it drops its caches. Keeping one engine per
 * settings value means a folder's settings never leak into another's results, an audit is never
 * re-configured half-way by a lint of another folder, and switching between documents does not
 * thrash the caches. In the usual case every resource has the same settings: one engine.
 *
 * Every engine sees the same open buffers, roots and file changes: they are broadcast here.
 */
import { createEngine, type Engine, type EngineSettings, type FilePath, type FileSystem, type Logger, type Rule } from '../engine';
import { loadConfig, type ConfigResult } from '../engine/config';

/** More distinct settings than this are unusual; the least recently used engine is dropped. */
const MAX_ENGINES = 4;

export interface EnginePoolOptions {
  fs: FileSystem;
  logger: Logger;
  /** Defaults to every registered rule (tests inject their own). */
  rules?: readonly Rule[];
}

export class EnginePool {
  private readonly engines = new Map<string, Engine>();
  private readonly open = new Map<FilePath, string>();
  private roots: FilePath[] = [];

  constructor(private readonly options: EnginePoolOptions) {}

  /** The engine for these settings (created on first use, with the open buffers replayed). */
  get(settings: Partial<EngineSettings>): Engine {
    const key = JSON.stringify(settings);
    let engine = this.engines.get(key);
    if (engine) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.engines.delete(key);
    } else {
      engine = createEngine({ fs: this.options.fs, roots: this.roots, settings, logger: this.options.logger, rules: this.options.rules });
      for (const [path, text] of this.open) engine.setFile(path, text);
    }
    this.engines.set(key, engine);
    while (this.engines.size > MAX_ENGINES) this.engines.delete(this.engines.keys().next().value as string);
    return engine;
  }

  setFile(path: FilePath, text: string | undefined): void {
    if (text === undefined) this.open.delete(path);
    else this.open.set(path, text);
    for (const e of this.engines.values()) e.setFile(path, text);
  }

  fileChanged(path: FilePath): void {
    for (const e of this.engines.values()) e.fileChanged(path);
  }

  setRoots(roots: FilePath[]): void {
    this.roots = [...roots];
    for (const e of this.engines.values()) e.setRoots(this.roots);
  }

  getRoots(): FilePath[] {
    return [...this.roots];
  }

  /** The repository configuration (.api-warden.yaml) for a file or folder, read through the open buffers. */
  repositoryConfig(path: FilePath): ConfigResult {
    const { fs, rules } = this.options;
    const open = this.open;
    return loadConfig({ readFile: (p) => open.get(p) ?? fs.readFile(p), readDirectory: (p) => fs.readDirectory(p) }, path, { rules });
  }
}
