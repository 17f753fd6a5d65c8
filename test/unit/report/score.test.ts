/** The 0–100 score: the documented formula (docs/report.md), its properties, and grades. */
import * as assert from 'assert';
import { computeScore, gradeOf } from '../../../server/src/engine/report/score';
import type { Severity } from '../../../server/src/engine';

const findings = (counts: Partial<Record<Severity, number>>) =>
  (Object.entries(counts) as [Severity, number][]).flatMap(([severity, n]) => Array.from({ length: n }, () => ({ severity })));

describe('score', () => {
  it('follows the documented formula: round(100 · size / (size + penalty))', () => {
    // penalty = 5·2 + 2·3 + 0.5·2 = 17; size = max(10, 4) = 10 → 100·10/27 = 37.04
    assert.deepStrictEqual(computeScore(findings({ error: 2, warning: 3, info: 2, hint: 5 }), 4), { score: 37, penalty: 17, size: 10, grade: 'F' });
    // size = 40 endpoints: 100·40/57 = 70.18
    assert.strictEqual(computeScore(findings({ error: 2, warning: 3, info: 2 }), 40).score, 70);
  });

  it('is 100 with no findings (or hints only) and never reaches 0', () => {
    assert.strictEqual(computeScore([], 0).score, 100);
    assert.strictEqual(computeScore(findings({ hint: 50 }), 3).score, 100);
    assert.ok(computeScore(findings({ error: 10_000 }), 1).score >= 0);
  });

  it('falls with every finding, errors weigh more than warnings, warnings more than info', () => {
    const base = computeScore(findings({ warning: 1 }), 20).score;
    assert.ok(computeScore(findings({ warning: 2 }), 20).score < base);
    assert.ok(computeScore(findings({ error: 1 }), 20).score < base);
    assert.ok(computeScore(findings({ info: 1 }), 20).score > base);
  });

  it('weighs findings by API size: the same findings cost less in a larger API', () => {
    const f = findings({ error: 3 });
    assert.ok(computeScore(f, 100).score > computeScore(f, 10).score);
    assert.strictEqual(computeScore(f, 1).score, computeScore(f, 10).score, 'size has a floor of 10');
  });

  it('grades: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, F below', () => {
    assert.deepStrictEqual([100, 90, 89, 75, 74, 60, 59, 40, 39, 0].map(gradeOf), ['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'F', 'F']);
  });
});
