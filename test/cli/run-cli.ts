/** Runs the built CLI (dist/cli.js) as a child process, the way users and CI run it. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(REPO_ROOT, 'dist/cli.js');
export const WORKSPACES = path.join(REPO_ROOT, 'test/fixtures/workspaces');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function assertBuilt(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the CLI tests`);
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, API_WARDEN_DEBUG: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? WORKSPACES, env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Paths that differ between machines become stable placeholders. */
export function normalize(text: string): string {
  const ws = WORKSPACES.replace(/\\/g, '/');
  return text.split(ws).join('<workspaces>').split(WORKSPACES).join('<workspaces>');
}
