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
    const scopes: IgnoreScope[] = settings.ignore.length ? [{ base: settings.ignoreBase ?? root, rules: safeIgnore(settings.ignore) }] : [];
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

/**
 * Depth-first, in name order, with an explicit stack: a workspace nested thousands of folders
 * deep must not overflow the call stack. Symlinked folders are followed only while they stay
 * inside the root (a link to `/` or to the home folder would otherwise walk the whole disk),
 * and each real folder is visited once (symlink loops).
 */
function walk(
  fs: FileSystem,
  root: FilePath,
  rootScopes: readonly IgnoreScope[],
  settings: EngineSettings,
  out: Discovery,
  visitedDirs: Set<string>,
  signal?: CancellationSignal,
): void {
  const rootReal = fs.realPath?.(root) ?? root;
  const stack: { path: FilePath; scopes: readonly IgnoreScope[]; isDir: boolean; viaLink: boolean }[] = [
    { path: root, scopes: rootScopes, isDir: true, viaLink: false },
  ];
  while (stack.length) {
    if (signal?.isCancelled) return;
    const item = stack.pop()!;
    if (!item.isDir) {
      classify(fs, item.path, settings, out);
      continue;
    }
    const dir = item.path;
    const real = fs.realPath?.(dir) ?? dir;
    if (visitedDirs.has(real)) continue; // symlink loop or the same folder reached twice
    if (item.viaLink && !isInside(rootReal, real)) continue;
    visitedDirs.add(real);
    let scopes = item.scopes;
    const gitignore = fs.readFile(joinPath(dir, '.gitignore'));
    if (gitignore !== undefined) scopes = [...scopes, { base: dir, rules: safeIgnore(gitignore) }];
    const entries = fs.readDirectory(dir).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const children: typeof stack = [];
    for (const entry of entries) {
      const path = joinPath(dir, entry.name);
      let kind = entry.kind;
      if (kind === 'symlink') kind = fs.kindOf?.(path) ?? 'other';
      if (kind === 'directory') {
        if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(scopes, path, true)) continue;
        children.push({ path, scopes, isDir: true, viaLink: item.viaLink || entry.kind === 'symlink' });
      } else if (kind === 'file') {
        if (isIgnored(scopes, path, false)) continue;
        children.push({ path, scopes, isDir: false, viaLink: false });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

function isInside(base: FilePath, path: FilePath): boolean {
  const b = base.replace(/\\/g, '/').replace(/\/+$/, '');
  const p = path.replace(/\\/g, '/');
  return p === b || p.startsWith(b + '/');
}

/** More `*` wildcards than this in one path segment make the matcher backtrack for minutes. */
const MAX_WILDCARDS_PER_SEGMENT = 2;
const MAX_PATTERN_LENGTH = 1024;

/**
 * Ignore rules from `.gitignore` files and the `ignore` setting: both come from the workspace,
 * and the `ignore` package compiles each pattern to a regular expression. Runs of `**\/` and
 * of stars are collapsed (same meaning); patterns that would still backtrack badly
 * (`a*a*a*a*b`: polynomial in the path length) or that do not compile are dropped.
 */
export function safeIgnore(patterns: string | readonly string[]): Ignore {
  const lines = typeof patterns === 'string' ? patterns.split(/\r?\n/) : patterns;
  const rules = ignore();
  for (const raw of lines) {
    const line = raw.replace(/(?:\*\*\/)+/g, '**/').replace(/(?:\/\*\*)+/g, '/**').replace(/\*{3,}/g, '**');
    if (line.length > MAX_PATTERN_LENGTH) continue;
    const segments = line.split('/').filter((seg) => seg !== '**');
    if (segments.some((seg) => (seg.match(/\*+/g)?.length ?? 0) > MAX_WILDCARDS_PER_SEGMENT)) continue;
    try {
      ignore().add(line).ignores('probe'); // compiles the pattern: a malformed one throws here
    } catch {
      continue;
    }
    rules.add(line);
  }
  return rules;
}

function classify(fs: FileSystem, path: FilePath, settings: EngineSettings, out: Discovery): void {
  const kind = contentClass(fs, path, settings);
  if (kind === 'large') out.skipped.push({ file: path, reason: `larger than ${settings.maxFileBytes} bytes` });
  else if (kind === 'code' && MINIFIED_NAME.test(path)) out.skipped.push({ file: path, reason: 'minified or bundled file' });
  else if (kind === 'code') out.code.push(path);
  else if (kind === 'spec') out.specs.push(path);
}

/**
 * What discovery makes of a file from its name, size and (for YAML and JSON) its content. The
 * engine asks it before and after an editor edit: an edit that changes the answer (a buffer that
 * gains or loses its `openapi:` key, or outgrows the size limit) makes a kept discovery stale.
 */
export function contentClass(fs: FileSystem, path: FilePath, settings: EngineSettings): 'none' | 'large' | 'code' | 'spec' | 'other' {
  const spec = SPEC_EXTENSIONS.test(path) && !/package(-lock)?\.json$|tsconfig.*\.json$/i.test(path);
  const code = isCodeFile(path);
  if (!spec && !code) return 'none';
  const size = fs.fileSize?.(path);
  if (size !== undefined && size > settings.maxFileBytes) return 'large';
  if (code) return 'code';
  const text = fs.readFile(path);
  return text !== undefined && looksLikeOpenApi(text) ? 'spec' : 'other';
}

/** Generated or minified code: very long lines. Checked on content, after discovery. */
export function looksMinified(text: string): boolean {
  if (text.length < 4096) return false;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) lines++;
  return text.length / lines > 400;
}
