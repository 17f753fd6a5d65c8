/**
 * Baseline files: today's findings recorded by fingerprint, so CI can fail on new findings only.
 * The file is JSON, sorted and without timestamps, so re-recording an unchanged workspace gives
 * an identical file and a review diff shows exactly which findings came or went. Rule, file and
 * message are stored beside each fingerprint for the reviewer; matching uses the fingerprint only.
 */
import type { Report } from './model';

export const BASELINE_FILE = '.api-warden-baseline.json';
export const BASELINE_SCHEMA_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  message: string;
}

export interface BaselineFile {
  schemaVersion: number;
  tool: string;
  description: string;
  findings: BaselineEntry[];
}

/** Records every finding that is not suppressed in the source (baselined ones included). */
export function createBaseline(report: Report): BaselineFile {
  const findings = [...report.findings, ...report.suppressedFindings.filter((f) => f.suppressed?.kind === 'baseline')]
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, message: f.message }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    tool: 'api-warden',
    description: 'Findings accepted as known debt (api-warden audit --write-baseline). Later audits report only findings not listed here.',
    findings,
  };
}

export function formatBaseline(baseline: BaselineFile): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

export function parseBaseline(text: string): { fingerprints: Set<string> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { findings?: unknown }).findings)) {
    return { error: 'expected an object with a "findings" list (write one with --write-baseline)' };
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== BASELINE_SCHEMA_VERSION) return { error: `unsupported schemaVersion ${JSON.stringify(version)} (expected ${BASELINE_SCHEMA_VERSION})` };
  const fingerprints = new Set<string>();
  for (const entry of (value as { findings: unknown[] }).findings) {
    const fp = typeof entry === 'object' && entry !== null ? (entry as { fingerprint?: unknown }).fingerprint : undefined;
    if (typeof fp !== 'string' || !/^[0-9a-f]{16}$/.test(fp)) return { error: `a baseline entry has no valid fingerprint: ${JSON.stringify(entry).slice(0, 80)}` };
    fingerprints.add(fp);
  }
  return { fingerprints };
}
