/**
 * Golden CLI scenarios in Spectral's `.scenario` shape: one file holds the command, the expected
 * exit status and the expected stdout (and, when present, stderr). They run the BUILT
 * dist/cli.js with the fixture workspaces folder as cwd, so paths in the output are relative.
 * `UPDATE_SNAPSHOTS=1` rewrites status/stdout/stderr from the actual run; review the diff.
 *
 *   ====test====
 *   what the scenario shows
 *   ====command====
 *   audit cli-basic --format json
 *   ====env====            (optional, KEY=VALUE per line)
 *   ====status====
 *   1
 *   ====stdout====
 *   ...
 */
import * as fs from 'fs';

export interface Scenario {
  test: string;
  command: string[];
  env: Record<string, string>;
  status?: number;
  stdout?: string;
  stderr?: string;
}

const SECTION = /^====(\w+)====\r?\n/gm;

export function parseScenario(text: string): Scenario {
  const sections = new Map<string, string>();
  const marks = [...text.matchAll(SECTION)];
  marks.forEach((m, i) => {
    const start = m.index! + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1].index! : text.length;
    sections.set(m[1], text.slice(start, end));
  });
  const command = (sections.get('command') ?? '').trim();
  if (!command) throw new Error('a scenario needs a ====command==== section');
  const env: Record<string, string> = {};
  for (const line of (sections.get('env') ?? '').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) env[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  const status = sections.get('status');
  return {
    test: (sections.get('test') ?? '').trim(),
    command: splitArgs(command),
    env,
    status: status === undefined ? undefined : Number(status.trim()),
    stdout: sections.get('stdout'),
    stderr: sections.get('stderr'),
  };
}

/** Whitespace-separated words; double quotes group (enough for test commands). */
function splitArgs(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(/"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2]);
  return out;
}

export function writeScenario(file: string, s: Scenario, actual: { status: number; stdout: string; stderr: string }, keepStderr: boolean): void {
  const parts = [`====test====\n${s.test}\n`, `====command====\n${s.command.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}\n`];
  if (Object.keys(s.env).length) parts.push(`====env====\n${Object.entries(s.env).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
  parts.push(`====status====\n${actual.status}\n`, `====stdout====\n${actual.stdout}`);
  if (keepStderr) parts.push(`====stderr====\n${actual.stderr}`);
  fs.writeFileSync(file, parts.join(''));
}
