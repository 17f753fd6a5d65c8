// Bundles the three entry points with esbuild. Types are checked separately by `tsc -b`.
//   node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
// The OpenAPI structure validators, precompiled (bundled from openapi/generated/, skipped when up to date).
import './gen-validators.mjs';
import { lazyTypescript } from './lazy-typescript.mjs';
import { buildCliLauncher } from './cli-launcher.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD `main` uses dynamic requires esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // The language server too: a workspace of API descriptions alone never pays for the compiler.
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' }, plugins: [lazyTypescript] },
  // The CLI loads the TypeScript compiler only when it analyses code (scripts/lazy-typescript.mjs);
  // dist/cli.js is its launcher with a code cache, built below (scripts/cli-launcher.mjs).
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli-main.js', plugins: [lazyTypescript] },
  // Workspace audits run in a worker thread; dist/server.js starts it from next to itself. It
  // loads TypeScript only when the workspace has code, like the CLI.
  { entryPoints: ['server/src/lsp/audit-worker.ts'], outfile: 'dist/audit-worker.js', plugins: [lazyTypescript] },
];

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
  await buildCliLauncher(esbuild, common, { watch });
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  await buildCliLauncher(esbuild, common);
}
