/**
 * Finds the files a workspace audit looks at: OpenAPI/Swagger documents (recognised by content)
 * and JS/TS sources (by extension). Dependencies, build output, minified and vendored files are
 * skipped, and so is whatever `.gitignore` files (and the `ignore` setting) exclude.
 */
import ignore, { type Ignore } from 'ignore';
import { isCodeFile } from '../code/parse';
import { looksLikeOpenApi } from '../openapi/document';
import type { EngineSettings } from '../settings';
import type { CancellationSignal, FilePath } from '../types';
import { joinPath, relativePath } from '../util/paths';
import type { FileSystem } from './file-system';

export const SKIPPED_DIRECTORIES = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt',
  'vendor', 'bower_components', '.vscode-test', '.cache', '.turbo', 'tmp', '.yarn',
]);

const SPEC_EXTENSIONS = /\.(ya?ml|json)$/i;
const MINIFIED_NAME = /[.-]min\.[cm]?js$|\.bundle\.[cm]?js$|\.chunk\.[cm]?js$/i;

export interface SkippedFile {
  file: FilePath;
  reason: string;
}

export interface Discovery {
  specs: FilePath[];
  code: FilePath[];
  skipped: SkippedFile[];
}

interface IgnoreScope {
  base: FilePath;
  rules: Ignore;
}

export function discover(
  fs: FileSystem,
  roots: readonly FilePath[],
  settings: EngineSettings,
  signal?: CancellationSignal,
): Discovery {
  const out: Discovery = { specs: [], code: [], skipped: [] };
  const visitedDirs = new Set<string>();
  for (const root of roots) {
    const kind = fs.kindOf?.(root);
    if (kind === 'file') {
      classify(fs, root, settings, out);
      continue;
    }
    const scopes: IgnoreScope[] = settings.ignore.length ? [{ base: settings.ignoreBase ?? root, rules: ignore().add(settings.ignore) }] : [];
    walk(fs, root, scopes, settings, out, visitedDirs, signal);
  }
  out.specs.sort();
  out.code.sort();
  return out;
}

function isIgnored(scopes: readonly IgnoreScope[], path: FilePath, isDir: boolean): boolean {
  for (const s of scopes) {
    const rel = relativePath(s.base, path);
    if (rel === path || rel === '') continue;
    if (s.rules.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

function walk(
  fs: FileSystem,
  dir: FilePath,
  parentScopes: readonly IgnoreScope[],
  settings: EngineSettings,
  out: Discovery,
  visitedDirs: Set<string>,
  signal?: CancellationSignal,
): void {
  if (signal?.isCancelled) return;
  const real = fs.realPath?.(dir) ?? dir;
  if (visitedDirs.has(real)) return; // symlink loop or the same folder reached twice
  visitedDirs.add(real);
  let scopes = parentScopes;
  const gitignore = fs.readFile(joinPath(dir, '.gitignore'));
  if (gitignore !== undefined) scopes = [...parentScopes, { base: dir, rules: ignore().add(gitignore) }];
  const entries = fs.readDirectory(dir).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = joinPath(dir, entry.name);
    let kind = entry.kind;
    if (kind === 'symlink') kind = fs.kindOf?.(path) ?? 'other';
    if (kind === 'directory') {
      if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(scopes, path, true)) continue;
      walk(fs, path, scopes, settings, out, visitedDirs, signal);
    } else if (kind === 'file') {
      if (isIgnored(scopes, path, false)) continue;
      classify(fs, path, settings, out);
    }
  }
}

function classify(fs: FileSystem, path: FilePath, settings: EngineSettings, out: Discovery): void {
  const spec = SPEC_EXTENSIONS.test(path);
  const code = isCodeFile(path);
  if (!spec && !code) return;
  const size = fs.fileSize?.(path);
  if (size !== undefined && size > settings.maxFileBytes) {
    if (spec || code) out.skipped.push({ file: path, reason: `larger than ${settings.maxFileBytes} bytes` });
    return;
  }
  if (code) {
    if (MINIFIED_NAME.test(path)) {
      out.skipped.push({ file: path, reason: 'minified or bundled file' });
      return;
    }
    out.code.push(path);
    return;
  }
  if (/package(-lock)?\.json$|tsconfig.*\.json$/i.test(path)) return;
  const text = fs.readFile(path);
  if (text !== undefined && looksLikeOpenApi(text)) out.specs.push(path);
}

/** Generated or minified code: very long lines. Checked on content, after discovery. */
export function looksMinified(text: string): boolean {
  if (text.length < 4096) return false;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) lines++;
  return text.length / lines > 400;
}
