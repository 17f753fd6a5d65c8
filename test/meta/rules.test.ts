/**
 * Meta-tests: keep the rule registry, the rule files, their docs pages and their tests in step
 * (typescript-eslint's index/docs tests). A rule cannot land without docs and tests, and the
 * docs' examples must really produce (❌) or not produce (✅) the rule's finding.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES, OWASP_CATEGORIES, type Rule } from '../../server/src/engine';
import { lint } from '../rule-tester';

const REPO = path.resolve(__dirname, '../../..');
const RULES_DIR = path.join(REPO, 'server/src/engine/rules');
const DOCS_DIR = path.join(REPO, 'docs/rules');
const TESTS_DIR = path.join(REPO, 'test/unit/rules');

function ruleFiles(kind: string): string[] {
  const dir = path.join(RULES_DIR, kind);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')) : [];
}

/** The first fenced code block after a heading that starts with `heading`. */
export function exampleUnder(markdown: string, heading: string): { lang: string; code: string } | undefined {
  const at = markdown.split('\n').findIndex((l) => l.startsWith('## ') && l.includes(heading));
  if (at < 0) return undefined;
  const rest = markdown.split('\n').slice(at + 1);
  const open = rest.findIndex((l) => /^```\w*/.test(l));
  const nextHeading = rest.findIndex((l) => l.startsWith('## '));
  if (open < 0 || (nextHeading >= 0 && nextHeading < open)) return undefined;
  const close = rest.findIndex((l, i) => i > open && l.startsWith('```'));
  return { lang: rest[open].slice(3).trim(), code: rest.slice(open + 1, close).join('\n') + '\n' };
}

function exampleFile(rule: Rule, lang: string): string {
  if (rule.meta.kind === 'openapi') return lang === 'json' ? 'openapi.json' : 'openapi.yaml';
  return lang === 'js' || lang === 'javascript' ? 'app.js' : 'app.ts';
}

describe('rule registry', () => {
  it('registers exactly the rule files', () => {
    const files = [...ruleFiles('openapi'), ...ruleFiles('code')].sort();
    assert.deepStrictEqual(ALL_RULES.map((r) => r.meta.id).sort(), files);
  });

  it('has unique ids', () => {
    const ids = ALL_RULES.map((r) => r.meta.id);
    assert.strictEqual(new Set(ids).size, ids.length);
  });

  for (const rule of ALL_RULES) {
    describe(rule.meta.id, () => {
      it('lives in the folder of its kind, named by its id', () => {
        assert.ok(fs.existsSync(path.join(RULES_DIR, rule.meta.kind, `${rule.meta.id}.ts`)));
        assert.match(rule.meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      });

      it('has valid meta', () => {
        assert.ok(rule.meta.owasp.length > 0, 'at least one OWASP category');
        for (const c of rule.meta.owasp) assert.ok(OWASP_CATEGORIES.includes(c), `OWASP category ${c}`);
        for (const c of rule.meta.cwe ?? []) assert.ok(Number.isInteger(c) && c > 0, `CWE ${c}`);
        assert.ok(['error', 'warning', 'info', 'hint'].includes(rule.meta.severity));
        assert.ok(rule.meta.description.length > 10);
        assert.ok(Object.keys(rule.meta.messages).length > 0);
        for (const [id, text] of Object.entries(rule.meta.messages)) assert.ok(text.trim(), `message ${id} is empty`);
      });

      it('has a test file', () => {
        assert.ok(fs.existsSync(path.join(TESTS_DIR, `${rule.meta.id}.test.ts`)), `test/unit/rules/${rule.meta.id}.test.ts`);
      });

      it('uses every messageId in its tests', () => {
        const test = fs.readFileSync(path.join(TESTS_DIR, `${rule.meta.id}.test.ts`), 'utf8');
        for (const id of Object.keys(rule.meta.messages)) assert.ok(test.includes(`'${id}'`), `messageId '${id}' is not tested`);
      });

      it('has a docs page with the required sections', () => {
        const file = path.join(DOCS_DIR, `${rule.meta.id}.md`);
        assert.ok(fs.existsSync(file), `docs/rules/${rule.meta.id}.md`);
        const md = fs.readFileSync(file, 'utf8');
        assert.ok(md.startsWith(`# ${rule.meta.id}\n`), 'starts with "# <id>"');
        for (const c of rule.meta.owasp) assert.ok(md.includes(c), `mentions ${c}`);
        for (const h of ['## Why it matters', '## ❌ Insecure', '## ✅ Secure', '## When not to use it']) assert.ok(md.includes(h), `section ${h}`);
      });

      it("docs examples: ❌ produces the finding, ✅ does not", async () => {
        const md = fs.readFileSync(path.join(DOCS_DIR, `${rule.meta.id}.md`), 'utf8');
        const bad = exampleUnder(md, '❌');
        const good = exampleUnder(md, '✅');
        assert.ok(bad && good, 'both sections need a fenced example');
        const b = await lint(rule, { code: bad.code, filename: exampleFile(rule, bad.lang) });
        assert.ok(b.findings.some((f) => !f.suppressed), 'the insecure example must produce the finding');
        const g = await lint(rule, { code: good.code, filename: exampleFile(rule, good.lang) });
        assert.deepStrictEqual(g.findings.filter((f) => !f.suppressed).map((f) => f.messageId), [], 'the secure example must not produce the finding');
      });
    });
  }
});
