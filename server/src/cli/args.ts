/**
 * Command-line parsing with `node:util` parseArgs, plus the one thing it cannot express: which
 * `--output` belongs to which `--format`. Options are read in order (parseArgs tokens):
 *   --format F          starts a new report in format F (to stdout unless an --output follows)
 *   --output FILE       sends the latest report (or the default text report) to FILE
 *   --output F:FILE     a new report in format F, written to FILE
 * At most one report may go to stdout.
 */
import { parseArgs } from 'node:util';
import type { Severity } from '../engine/types';

export const FORMATS = ['text', 'json', 'sarif', 'html', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputSpec {
  format: Format;
  /** Undefined: stdout. */
  file?: string;
}

export interface AuditArgs {
  command: 'audit';
  paths: string[];
  outputs: OutputSpec[];
  failOn: Severity | 'none';
  maxWarnings?: number;
  config?: string;
  baseline?: string;
  noBaseline: boolean;
  writeBaseline: boolean;
  color?: boolean;
}

export const INVENTORY_FORMATS = ['json', 'markdown', 'openapi'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

export interface InventoryArgs {
  command: 'inventory';
  paths: string[];
  format: InventoryFormat;
  /** Undefined: stdout. */
  output?: string;
  config?: string;
}

export type ParsedArgs = AuditArgs | InventoryArgs | { command: 'help' } | { command: 'version' };

export class UsageError extends Error {}

const FAIL_ON = ['error', 'warning', 'info', 'hint', 'none'] as const;

const OPTIONS = {
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  'fail-on': { type: 'string' },
  'max-warnings': { type: 'string' },
  config: { type: 'string' },
  baseline: { type: 'string' },
  'no-baseline': { type: 'boolean' },
  'write-baseline': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const isFormat = (s: string): s is Format => (FORMATS as readonly string[]).includes(s);

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  // `--write-baseline=FILE` is an optional value, which parseArgs has no notion of.
  const args: string[] = [];
  let writeBaselineFile: string | undefined;
  for (const a of argv) {
    if (a.startsWith('--write-baseline=')) {
      writeBaselineFile = a.slice('--write-baseline='.length);
      if (!writeBaselineFile) throw new UsageError('--write-baseline= needs a file name');
      args.push('--write-baseline');
    } else {
      args.push(a);
    }
  }

  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command: try `api-warden audit .`');
  if (command === 'inventory') return inventoryArgs(values, paths);
  if (command !== 'audit') throw new UsageError(`unknown command '${command}'`);

  const outputs = pairOutputs(tokens);

  const failOn = values['fail-on'] ?? 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got '${failOn}')`);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'];
    maxWarnings = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(maxWarnings)) throw new UsageError(`--max-warnings needs a whole number ≥ 0 (got '${raw}')`);
  }
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color cannot be used together');
  if (values.baseline !== undefined && writeBaselineFile !== undefined && values.baseline !== writeBaselineFile) {
    throw new UsageError('--baseline and --write-baseline=FILE name different files');
  }
  if (values['no-baseline'] && values.baseline !== undefined) throw new UsageError('--baseline and --no-baseline cannot be used together');

  return {
    command: 'audit',
    paths,
    outputs,
    failOn: failOn as AuditArgs['failOn'],
    maxWarnings,
    config: values.config,
    baseline: writeBaselineFile ?? values.baseline,
    noBaseline: values['no-baseline'] ?? false,
    writeBaseline: values['write-baseline'] ?? false,
    color: values.color ? true : values['no-color'] ? false : undefined,
  };
}

function inventoryArgs(values: { format?: string[]; output?: string[]; config?: string } & Record<string, unknown>, paths: string[]): InventoryArgs {
  const audits = ['fail-on', 'max-warnings', 'baseline', 'no-baseline', 'write-baseline'].filter((o) => values[o] !== undefined);
  if (audits.length) throw new UsageError(`--${audits[0]} is an audit option; inventory takes --format, --output and --config`);
  if ((values.format?.length ?? 0) > 1 || (values.output?.length ?? 0) > 1) throw new UsageError('inventory writes one file: give --format and --output at most once');
  const format = values.format?.[0] ?? 'json';
  if (!(INVENTORY_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown inventory format '${format}' (expected ${INVENTORY_FORMATS.join(', ')})`);
  }
  return { command: 'inventory', paths, format: format as InventoryFormat, output: values.output?.[0], config: values.config };
}

type Token = ReturnType<typeof parseArgs>['tokens'] extends (infer T)[] | undefined ? T : never;

function pairOutputs(tokens: readonly Token[]): OutputSpec[] {
  const specs: (OutputSpec & { explicit: boolean })[] = [];
  // The report a bare `--output FILE` binds to: the latest one started by --format.
  let lastFormat: (OutputSpec & { explicit: boolean }) | undefined;
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const value = t.value ?? '';
    if (t.name === 'format') {
      if (!isFormat(value)) throw new UsageError(`unknown format '${value}' (expected ${FORMATS.join(', ')})`);
      lastFormat = { format: value, explicit: true };
      specs.push(lastFormat);
    } else if (t.name === 'output') {
      if (!value) throw new UsageError('--output needs a file name');
      const m = /^([a-z]+):(.+)$/.exec(value);
      if (m && isFormat(m[1])) {
        specs.push({ format: m[1], file: m[2], explicit: true });
      } else if (lastFormat && lastFormat.file === undefined) {
        lastFormat.file = value;
      } else if (!lastFormat && !specs.some((s) => !s.explicit)) {
        specs.push({ format: 'text', file: value, explicit: false });
      } else {
        throw new UsageError(`--output ${value}: that report already has an output file; add a --format before it, or use --output <format>:<file>`);
      }
    }
  }
  // Without any --format, the default text report still goes to the terminal, beside any
  // `F:FILE` reports (unless a bare --output already sent it to a file).
  const namedFormat = tokens.some((t) => t.kind === 'option' && t.name === 'format');
  if (!namedFormat && !specs.some((s) => !s.explicit)) specs.unshift({ format: 'text', explicit: false });
  const toStdout = specs.filter((s) => s.file === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(`only one report can go to stdout (got ${toStdout.map((s) => s.format).join(' and ')}); give the others an --output file`);
  }
  const files = new Set<string>();
  for (const s of specs) {
    if (s.file === undefined) continue;
    if (files.has(s.file)) throw new UsageError(`two reports would be written to ${s.file}`);
    files.add(s.file);
  }
  return specs.map(({ format, file }) => (file === undefined ? { format } : { format, file }));
}
