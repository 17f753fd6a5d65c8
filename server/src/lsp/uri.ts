/**
 * Document URIs <-> engine paths (absolute, '/'-separated).
 *
 * `file:` URIs map to their file system path. Any other scheme (`untitled:`, `vscode-notebook-cell:`,
 * a remote `vscode-vfs:` ...) still gets linted as a single file, under a stable pseudo path
 * that no real file can have; the extension comes from the language id when the URI has none,
 * because the engine picks the parser by extension.
 *
 * The mapper remembers the client's own spelling of every URI it has seen, so diagnostics and
 * edits go back under exactly the string the client sent (VS Code encodes `c:` as `c%3A`, other
 * clients do not; comparing re-encoded strings would lose documents).
 */
import { createHash } from 'crypto';
import { URI } from 'vscode-uri';
import { toEnginePath } from '../engine';

/** Root of the pseudo paths; a real file system never has it (it is not under any root). */
export const PSEUDO_ROOT = '/__api-warden__';

const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  yaml: '.yaml',
  json: '.json',
  jsonc: '.json',
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
};

const KNOWN_EXTENSION = /\.(ya?ml|json|[cm]?[jt]sx?)$/i;

/** The engine path for a `file:` URI, or undefined for other schemes. */
export function fileUriToPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? toEnginePath(parsed.fsPath) : undefined;
  } catch {
    return undefined;
  }
}

/** A stable pseudo path for a non-file URI: same URI and language, same path. */
export function pseudoPath(uri: string, languageId?: string): string {
  let scheme = 'unknown';
  let name = 'document';
  try {
    const parsed = URI.parse(uri);
    scheme = parsed.scheme || scheme;
    const last = parsed.path.split('/').filter(Boolean).pop();
    if (last) name = last;
  } catch {
    // keep the defaults: the hash below still makes the path unique
  }
  const safe = (s: string) => s.replace(/[^\w.-]+/g, '_');
  let file = safe(name);
  if (!KNOWN_EXTENSION.test(file)) file += (languageId && EXTENSION_BY_LANGUAGE[languageId]) ?? '';
  const hash = createHash('sha1').update(uri).digest('hex').slice(0, 10);
  return `${PSEUDO_ROOT}/${safe(scheme)}/${hash}/${file}`;
}

export class UriMapper {
  private readonly paths = new Map<string, string>();
  private readonly uris = new Map<string, string>();

  /** The engine path of a URI; remembers the pair so `toUri` returns the client's spelling. */
  toPath(uri: string, languageId?: string): string {
    const known = this.paths.get(uri);
    if (known !== undefined) return known;
    const path = fileUriToPath(uri) ?? pseudoPath(uri, languageId);
    this.paths.set(uri, path);
    this.uris.set(path, uri);
    return path;
  }

  /** The URI for an engine path: the one the client used, else a `file:` URI. */
  toUri(path: string): string {
    return this.uris.get(path) ?? URI.file(path).toString();
  }

  /** Drops a URI the client no longer holds (a closed untitled buffer never comes back). */
  forget(uri: string): void {
    const path = this.paths.get(uri);
    this.paths.delete(uri);
    if (path !== undefined && this.uris.get(path) === uri) this.uris.delete(path);
  }
}
