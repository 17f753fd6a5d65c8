/**
 * Stable identities for findings, used by baselines and by SARIF `partialFingerprints`.
 *
 * A fingerprint must survive unrelated edits above a finding, so it never contains a line or
 * column: it hashes the rule, the message id, the file (relative to the report root), the
 * operation the finding concerns and the text of the line it starts on (whitespace collapsed).
 * Findings that would still collide (two identical lines in one file) get an occurrence number
 * in document order, so each keeps its own identity.
 */

export interface FingerprintInput {
  ruleId: string;
  messageId: string;
  /** Relative to the report root, '/'-separated. */
  file: string;
  operation?: { method: string; path: string };
  /** The text of the line the finding starts on. */
  lineText: string;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** FNV-1a, 64 bits, over the UTF-16 code units: fast, dependency-free and deterministic. */
export function hash64(text: string): string {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h ^= BigInt(c & 0xff);
    h = (h * FNV_PRIME) & MASK;
    h ^= BigInt(c >> 8);
    h = (h * FNV_PRIME) & MASK;
  }
  return h.toString(16).padStart(16, '0');
}

export function fingerprintKey(f: FingerprintInput): string {
  const op = f.operation ? `${f.operation.method.toUpperCase()} ${f.operation.path}` : '';
  const line = f.lineText.trim().replace(/\s+/g, ' ');
  return [f.ruleId, f.messageId, f.file, op, line].join('\u0000');
}

/**
 * Fingerprints for a list of findings, in the same order. The input order decides occurrence
 * numbers, so callers pass findings sorted by file and position.
 */
export function fingerprints(items: readonly FingerprintInput[]): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const key = fingerprintKey(item);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return hash64(n === 0 ? key : `${key}\u0000#${n}`);
  });
}
