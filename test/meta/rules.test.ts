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

interface Example {
  lang: string;
  /** From the info string (```ts src/app.ts): needed when an example spans several files. */
  filename?: string;
  code: string;
}

/** The fenced code blocks of the section whose heading contains `heading`. */
export function examplesUnder(markdown: string, heading: string): Example[] {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => l.startsWith('## ') && l.includes(heading));
  if (at < 0) return [];
  const out: Example[] = [];
  for (let i = at + 1; i < lines.length && !lines[i].startsWith('## '); i++) {
    const m = /^```(\w*)\s*(\S*)/.exec(lines[i]);
    if (!m) continue;
    const close = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    out.push({ lang: m[1], filename: m[2] || undefined, code: lines.slice(i + 1, close).join('\n') + '\n' });
    i = close;
  }
  return out;
}

function defaultFile(rule: Rule, lang: string): string {
  if (rule.meta.kind === 'openapi' || lang === 'yaml' || lang === 'json') return lang === 'json' ? 'openapi.json' : 'openapi.yaml';
  return lang === 'js' || lang === 'javascript' ? 'app.js' : 'app.ts';
}

/** Lints an example: the first block is the file under test, the others are its workspace. */
async function lintExample(rule: Rule, blocks: Example[]) {
  const [main, ...others] = blocks;
  const files: Record<string, string> = {};
  for (const b of others) files[b.filename ?? defaultFile(rule, b.lang)] = b.code;
  return lint(rule, { code: main.code, filename: main.filename ?? defaultFile(rule, main.lang), files });
}

describe('rule registry', () => {
  it('registers exactly the rule files', () => {
    const files = [...ruleFiles('openapi'), ...ruleFiles('code'), ...ruleFiles('workspace')].sort();
    assert.deepStrictEqual(ALL_RULES.map((r) => r.meta.id).sort(), files);
  });

  it('supersedes only code rules that exist (a workspace finding stands in for a code finding)', () => {
    const kinds = new Map(ALL_RULES.map((r) => [r.meta.id, r.meta.kind] as const));
    for (const rule of ALL_RULES) {
      if (rule.meta.kind !== 'workspace') continue;
      for (const id of rule.meta.supersedes ?? []) assert.strictEqual(kinds.get(id), 'code', `${rule.meta.id} supersedes ${id}, which is not a code rule`);
    }
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

      if (rule.meta.kind === 'code') {
        // The incremental runner keeps a rule's results per route only when the rule says they
        // depend on nothing else (CodeRuleResults in rules/rule.ts): every code rule must say.
        it('declares what its results depend on (meta.results)', () => {
          const results = rule.meta.kind === 'code' ? rule.meta.results : undefined;
          assert.ok(results, `${rule.meta.id}: meta.results ({ scope: 'unit' } or { scope: 'project' }) is missing`);
          assert.ok(results.scope === 'unit' || results.scope === 'project', `scope ${String(results.scope)}`);
          if ('projectKey' in rule && rule.projectKey) assert.strictEqual(results.scope, 'unit', 'projectKey is for unit rules');
        });
      }

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
        const bad = examplesUnder(md, '❌');
        const good = examplesUnder(md, '✅');
        assert.ok(bad.length && good.length, 'both sections need a fenced example');
        const b = await lintExample(rule, bad);
        assert.ok(b.findings.some((f) => !f.suppressed), 'the insecure example must produce the finding');
        const g = await lintExample(rule, good);
        assert.deepStrictEqual(g.findings.filter((f) => !f.suppressed).map((f) => f.messageId), [], 'the secure example must not produce the finding');
      });
    });
  }
});
