/**
 * The tool's own package: its version and its folder (for docs/rules pages used as SARIF help).
 * Found by walking up from this file, which works for the bundle (dist/cli.js) and for the
 * compiled sources (out/server/src/cli/).
 */
import * as fs from 'fs';
import * as path from 'path';

let cached: { root?: string; version: string } | undefined;

function findPackage(): { root?: string; version: string } {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (typeof pkg === 'object' && pkg !== null && (pkg as { name?: unknown }).name === 'api-warden') {
        const v = (pkg as { version?: unknown }).version;
        cached = { root: dir, version: typeof v === 'string' ? v : '0.0.0' };
        return cached;
      }
    } catch {
      // not here: keep walking up
    }
    dir = path.dirname(dir);
  }
  cached = { version: '0.0.0' };
  return cached;
}

export function toolVersion(): string {
  return findPackage().version;
}

/** The rule's docs page shipped with the package (docs/rules/<id>.md), when present. */
export function ruleDocs(ruleId: string): string | undefined {
  const root = findPackage().root;
  if (!root || !/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  try {
    return fs.readFileSync(path.join(root, 'docs/rules', `${ruleId}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
