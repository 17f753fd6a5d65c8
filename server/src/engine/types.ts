/**
 * Plain data shared by every part of the engine and by its front ends.
 *
 * Invariant: positions are UTF-16 offsets into the file's text (the JS string index).
 * Conversion to line/column happens once, at the edge (LSP adapter, report writers).
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY_ORDER: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export type OwaspCategory =
  | 'API1:2023'
  | 'API2:2023'
  | 'API3:2023'
  | 'API4:2023'
  | 'API5:2023'
  | 'API6:2023'
  | 'API7:2023'
  | 'API8:2023'
  | 'API9:2023'
  | 'API10:2023';

export const OWASP_CATEGORIES: readonly OwaspCategory[] = [
  'API1:2023', 'API2:2023', 'API3:2023', 'API4:2023', 'API5:2023',
  'API6:2023', 'API7:2023', 'API8:2023', 'API9:2023', 'API10:2023',
];

/** Half-open offset range [start, end) in one file. */
export interface TextRange {
  start: number;
  end: number;
}

/** A file's identity inside the engine: an absolute, '/'-separated path. */
export type FilePath = string;

export interface Location {
  file: FilePath;
  range: TextRange;
}

export interface TextEdit {
  file: FilePath;
  range: TextRange;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The new text uses `${1:placeholder}` tab stops (LSP snippet syntax). */
  isSnippet?: boolean;
}

export interface RelatedInfo extends Location {
  message: string;
}

export interface OperationRef {
  method: string;
  path: string;
}

export interface Suppression {
  kind: 'comment' | 'extension';
  reason?: string;
  location: Location;
}

export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  severity: Severity;
  owasp: readonly OwaspCategory[];
  cwe?: readonly number[];
  file: FilePath;
  range: TextRange;
  operation?: OperationRef;
  related?: RelatedInfo[];
  /** A safe fix (applied by "fix all"). */
  fix?: Fix;
  /** Alternatives the user picks from; never applied automatically. */
  suggestions?: Fix[];
  suppressed?: Suppression;
}

/** Cooperative cancellation: long loops check it between files. */
export interface CancellationSignal {
  readonly isCancelled: boolean;
}

export const NEVER_CANCELLED: CancellationSignal = { isCancelled: false };

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const SILENT_LOGGER: Logger = { info() {}, warn() {}, error() {} };
