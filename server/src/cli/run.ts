/**
 * The CLI's top level: parse arguments, run the audit, write the reports, pick the exit code.
 * Everything the process provides (streams, environment, cwd) comes in through `Streams`, so
 * the same function runs in tests without spawning.
 */
import { parseCommandLine, UsageError, type ParsedArgs } from './args';
import { runAudit, CliError, type AuditOptions } from './audit';
import { runInventory } from './inventory';
import type { Streams } from './terminal';
import { USAGE } from './usage';
import { toolVersion } from './version';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export async function runCli(argv: readonly string[], io: Streams, options: AuditOptions = {}): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseCommandLine(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`api-warden: ${e.message}\n\n${USAGE}`);
    return EXIT_ERROR;
  }
  if (args.command === 'help') {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (args.command === 'version') {
    io.stdout.write(`${toolVersion()}\n`);
    return EXIT_OK;
  }
  try {
    return args.command === 'inventory' ? await runInventory(args, io) : await runAudit(args, io, options);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(`api-warden: ${e.message}\n`);
      return EXIT_ERROR;
    }
    const detail = e instanceof Error ? (io.env.API_WARDEN_DEBUG ? (e.stack ?? e.message) : e.message) : String(e);
    io.stderr.write(`api-warden: internal error: ${detail}\n(set API_WARDEN_DEBUG=1 for the stack trace; please report it)\n`);
    return EXIT_ERROR;
  }
}
