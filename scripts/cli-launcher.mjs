// Builds dist/cli.js, the launcher that runs the CLI bundle (dist/cli-main.js) through a V8 code
// cache keyed by the bundle's hash (server/src/cli/launch.ts). Run after the bundle is written.
import { createHash } from 'crypto';
import * as fs from 'fs';

export async function buildCliLauncher(esbuild, common, { watch = false } = {}) {
  // A watch build rewrites the bundle behind the launcher's back: no hash, no cache.
  const hash = watch ? '' : createHash('sha256').update(fs.readFileSync('dist/cli-main.js')).digest('hex').slice(0, 20);
  const options = {
    ...common,
    entryPoints: ['server/src/cli/launch.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    define: { API_WARDEN_CLI_MAIN_HASH: JSON.stringify(hash) },
  };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
