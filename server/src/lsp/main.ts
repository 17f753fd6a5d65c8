/**
 * api-warden-language-server: the LSP front end of the engine.
 *   api-warden-language-server --stdio        (editors, tests)
 *   api-warden-language-server --node-ipc     (the VS Code client)
 * createConnection() picks the transport from these flags; session.ts does the rest.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startSession } from './session';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

if (!process.argv.some((a) => TRANSPORTS.some((t) => a === t || a.startsWith(t + '=')))) {
  process.stderr.write('Usage: api-warden-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n');
  process.exit(2);
}

/** The bundle sits in dist/, next to the package's manifest. */
function packageVersion(): string | undefined {
  try {
    const manifest: unknown = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    const version = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>).version : undefined;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

const connection = createConnection(ProposedFeatures.all);
startSession(connection, { version: packageVersion() });
connection.listen();
