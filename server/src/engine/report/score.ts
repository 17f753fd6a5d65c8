/**
 * The 0–100 security score (formula documented in docs/report.md):
 *
 *   penalty = 5·errors + 2·warnings + 0.5·info        (hints weigh nothing)
 *   size    = max(10, operations)                     (spec operations + code routes)
 *   score   = round(100 · size / (size + penalty))
 *
 * Why this shape: it is 100 with no findings, falls with every finding and never reaches 0,
 * a finding weighs less in a larger API (density, not raw count), and the floor of 10 keeps a
 * tiny API from being wiped out by a single warning. Spec and code findings count alike;
 * suppressed findings do not count, baselined ones do (the baseline hides debt, it does not
 * pay it).
 */
import type { Severity } from '../types';

export const SCORE_WEIGHTS: Readonly<Record<Severity, number>> = { error: 5, warning: 2, info: 0.5, hint: 0 };
export const SCORE_MIN_SIZE = 10;

export interface ScoreBreakdown {
  score: number;
  penalty: number;
  size: number;
  grade: 'A' | 'B' | 'C' | 'D' | 'F';
}

export function computeScore(findings: readonly { severity: Severity }[], operations: number): ScoreBreakdown {
  const penalty = findings.reduce((sum, f) => sum + SCORE_WEIGHTS[f.severity], 0);
  const size = Math.max(SCORE_MIN_SIZE, operations);
  const score = Math.round((100 * size) / (size + penalty));
  return { score, penalty, size, grade: gradeOf(score) };
}

export function gradeOf(score: number): ScoreBreakdown['grade'] {
  return score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 60 ? 'C' : score >= 40 ? 'D' : 'F';
}
