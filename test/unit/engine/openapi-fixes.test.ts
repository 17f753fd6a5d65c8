/**
 * Quick fixes are applied and the document re-linted: for every spec rule that fixes or
 * suggests, its docs page's insecure example is fixed step by step (safe fix first, else the
 * first suggestion) until the rule has nothing left to say, in YAML and in the JSON twin.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { ALL_RULES, type Rule } from '../../../server/src/engine';
import { lint } from '../../rule-tester';
import { applyFix } from '../../helpers';

const DOCS = path.resolve(__dirname, '../../../../docs/rules');

/** The first fenced block under the heading that contains `heading`. */
function exampleUnder(markdown: string, heading: string): { code: string } | undefined {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => l.startsWith('## ') && l.includes(heading));
  const open = lines.findIndex((l, i) => i > at && l.startsWith('```'));
  if (at < 0 || open < 0) return undefined;
  const close = lines.findIndex((l, i) => i > open && l.startsWith('```'));
  return { code: lines.slice(open + 1, close).join('\n') + '\n' };
}

const fixable = ALL_RULES.filter((r) => r.meta.kind === 'openapi' && r.meta.fix);

async function fixUntilClean(rule: Rule, code: string, filename: string): Promise<string> {
  let text = code;
  for (let step = 0; step < 10; step++) {
    const { findings, file } = await lint(rule, { code: text, filename });
    const open = findings.filter((f) => !f.suppressed);
    if (!open.length) return text;
    const fix = open.map((f) => f.fix ?? f.suggestions?.[0]).find((x) => x);
    assert.ok(fix, `${rule.meta.id}: ${open[0].messageId} has no fix to apply`);
    text = applyFix(text, fix, file);
  }
  return assert.fail(`${rule.meta.id}: still reporting after 10 fixes`);
}

describe('spec quick fixes, applied and re-linted', () => {
  for (const rule of fixable) {
    it(`${rule.meta.id}: fixing the insecure docs example leaves nothing to report`, async () => {
      const bad = exampleUnder(fs.readFileSync(path.join(DOCS, `${rule.meta.id}.md`), 'utf8'), '❌');
      assert.ok(bad, 'docs example');
      const fixed = await fixUntilClean(rule, bad.code, 'openapi.yaml');
      assert.notStrictEqual(fixed, bad.code);
      assert.deepStrictEqual(YAML.parseDocument(fixed).errors.map((e) => e.message), [], 'the fixed YAML parses');
      JSON.parse(await fixUntilClean(rule, JSON.stringify(YAML.parse(bad.code), null, 2) + '\n', 'openapi.json'));
    });
  }
});
