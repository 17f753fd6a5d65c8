/**
 * `api-warden` command-line entry point. Exit codes: 0 clean, 1 findings at or above
 * --fail-on (or too many warnings), 2 usage or internal error.
 */
import { runCli } from './run';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`api-warden: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
