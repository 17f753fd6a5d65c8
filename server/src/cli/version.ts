/**
 * The tool's version, read from the package's own package.json at run time. Walking up from this
 * file works for the bundle (dist/cli.js) and for the compiled sources (out/server/src/cli/).
 */
import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

export function toolVersion(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (typeof pkg === 'object' && pkg !== null && (pkg as { name?: unknown }).name === 'api-warden') {
        const v = (pkg as { version?: unknown }).version;
        cached = typeof v === 'string' ? v : '0.0.0';
        return cached;
      }
    } catch {
      // not here: keep walking up
    }
    dir = path.dirname(dir);
  }
  cached = '0.0.0';
  return cached;
}
