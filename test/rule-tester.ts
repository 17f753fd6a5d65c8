/**
 * RuleTester in the ESLint/typescript-eslint shape: `valid` cases must produce no finding of
 * the rule, `invalid` cases must produce exactly the listed ones, asserted by messageId and
 * location (never message text). OpenAPI cases written in YAML are re-run as their JSON twin
 * and must give the same message ids at the same JSON pointers' keys.
 */
import * as assert from 'assert';
import * as YAML from 'yaml';
import { createEngine, LineIndex, MemoryFileSystem, type Finding, type Rule } from '../server/src/engine';
import type { EngineSettings } from '../server/src/engine/settings';
import { applyFix } from './helpers';

export interface ExpectedError {
  messageId: string;
  /** 1-based, of the finding's start. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Text the finding's range covers. */
  text?: string;
  /** Expected text of the file after applying the finding's safe fix. */
  output?: string;
  /** Expected texts after applying each suggestion, in order. */
  suggestions?: string[];
  /** The finding must be marked suppressed. */
  suppressed?: boolean;
}

export interface Case {
  /** The file under test (YAML for OpenAPI rules, TS/JS for code rules). */
  code: string;
  /** Name of the file under test; defaults to openapi.yaml or app.ts by rule kind. */
  filename?: string;
  /** Other files of the workspace, by path relative to the workspace root. */
  files?: Record<string, string>;
  settings?: Partial<EngineSettings>;
  name?: string;
  /** Skip the automatic JSON twin (YAML-only constructs such as comments or anchors). */
  yamlOnly?: boolean;
}

export interface InvalidCase extends Case {
  errors: ExpectedError[];
}

const ROOT = '/ws';

export async function lint(rule: Rule, c: Case): Promise<{ findings: Finding[]; text: string; file: string }> {
  const isSpec = rule.meta.kind === 'openapi' || (rule.meta.kind === 'workspace' && /^(openapi|swagger)\s*:/m.test(c.code));
  const filename = c.filename ?? (isSpec ? 'openapi.yaml' : 'app.ts');
  const file = `${ROOT}/${filename}`;
  const files: Record<string, string> = { [file]: c.code };
  for (const [p, t] of Object.entries(c.files ?? {})) files[`${ROOT}/${p}`] = t;
  const engine = createEngine({ fs: new MemoryFileSystem(files), roots: [ROOT], rules: [rule], settings: c.settings });
  const result = await engine.lintFile(file);
  assert.deepStrictEqual(result.failures, [], `rule crashed: ${JSON.stringify(result.failures)}`);
  return { findings: result.findings.filter((f) => f.ruleId === rule.meta.id), text: c.code, file };
}

function toJsonTwin(c: Case): Case | undefined {
  if (c.yamlOnly || !/\.ya?ml$/.test(c.filename ?? 'openapi.yaml') || !/^(openapi|swagger):/m.test(c.code)) return undefined;
  const value = YAML.parse(c.code);
  return { ...c, code: JSON.stringify(value, null, 2) + '\n', filename: (c.filename ?? 'openapi.yaml').replace(/\.ya?ml$/, '.json') };
}

function label(c: Case, i: number, kind: string): string {
  return c.name ?? `${kind} #${i + 1}: ${c.code.split('\n').slice(0, 3).join(' ').slice(0, 70)}`;
}

export function ruleTester(rule: Rule, cases: { valid: (string | Case)[]; invalid: InvalidCase[] }): void {
  assert.ok(cases.valid.length > 0, 'a rule needs at least one valid case');
  assert.ok(cases.invalid.length > 0, 'a rule needs at least one invalid case');
  const seen = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    const key = typeof c === 'string' ? c : JSON.stringify(c);
    assert.ok(!seen.has(key), `duplicate test case: ${key.slice(0, 80)}`);
    seen.add(key);
  }

  describe(rule.meta.id, () => {
    describe('valid', () => {
      cases.valid.forEach((v, i) => {
        const c = typeof v === 'string' ? { code: v } : v;
        it(label(c, i, 'valid'), async () => {
          const { findings } = await lint(rule, c);
          const active = findings.filter((f) => !f.suppressed);
          assert.deepStrictEqual(active.map(describeFinding(c.code)), [], 'expected no findings');
          const twin = rule.meta.kind !== 'code' ? toJsonTwin(c) : undefined;
          if (twin) {
            const j = await lint(rule, twin);
            assert.deepStrictEqual(j.findings.filter((f) => !f.suppressed).map(describeFinding(twin.code)), [], 'expected no findings in the JSON twin');
          }
        });
      });
    });
    describe('invalid', () => {
      cases.invalid.forEach((c, i) => {
        it(label(c, i, 'invalid'), async () => {
          assert.ok(c.errors.length > 0, 'an invalid case must expect at least one error');
          for (const e of c.errors) assert.ok(e.messageId in rule.meta.messages, `unknown messageId ${e.messageId}`);
          const { findings, text, file } = await lint(rule, c);
          assert.strictEqual(findings.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${findings.map(describeFinding(text)).join('\n')}`);
          const lines = new LineIndex(text);
          findings.forEach((f, k) => checkFinding(f, c.errors[k], text, lines, file, rule));
          const twin = rule.meta.kind !== 'code' ? toJsonTwin(c) : undefined;
          if (twin) {
            const j = await lint(rule, twin);
            assert.deepStrictEqual(
              j.findings.map((f) => [f.messageId, f.range.end > f.range.start || f.range.start === 0, !!f.suppressed]),
              findings.map((f) => [f.messageId, true, !!f.suppressed]),
              'the JSON twin must give the same findings',
            );
            j.findings.forEach((f, k) => {
              const s = c.errors[k].suggestions;
              if (s) assert.strictEqual(f.suggestions?.length ?? 0, s.length, 'the JSON twin must offer the same suggestions');
              if (f.fix) YAML.parse(applyFix(twin.code, f.fix, j.file)); // still parses
              for (const sug of f.suggestions ?? []) JSON.parse(applyFix(twin.code, sug, j.file));
            });
          }
        });
      });
    });
  });
}

function checkFinding(f: Finding, e: ExpectedError, text: string, lines: LineIndex, file: string, rule: Rule): void {
  assert.strictEqual(f.messageId, e.messageId);
  assert.ok(!f.message.includes('{{'), `unfilled placeholder in: ${f.message}`);
  const start = lines.positionAt(f.range.start);
  const end = lines.positionAt(f.range.end);
  if (e.line !== undefined) assert.strictEqual(start.line + 1, e.line, `line of ${e.messageId}`);
  if (e.column !== undefined) assert.strictEqual(start.column + 1, e.column, `column of ${e.messageId}`);
  if (e.endLine !== undefined) assert.strictEqual(end.line + 1, e.endLine, `end line of ${e.messageId}`);
  if (e.endColumn !== undefined) assert.strictEqual(end.column + 1, e.endColumn, `end column of ${e.messageId}`);
  if (e.text !== undefined) assert.strictEqual(text.slice(f.range.start, f.range.end), e.text);
  assert.strictEqual(!!f.suppressed, !!e.suppressed, 'suppressed');
  if (e.output !== undefined) {
    assert.ok(f.fix, 'expected a fix');
    assert.ok(rule.meta.fix, 'a rule that fixes must declare meta.fix');
    assert.strictEqual(applyFix(text, f.fix, file), e.output);
  } else {
    assert.strictEqual(f.fix, undefined, 'unexpected fix: add `output` to the expected error');
  }
  if (e.suggestions !== undefined) {
    assert.ok(rule.meta.fix, 'a rule that suggests must declare meta.fix');
    assert.deepStrictEqual((f.suggestions ?? []).map((s) => applyFix(text, s, file)), e.suggestions);
  }
}

function describeFinding(text: string) {
  return (f: Finding) => `${f.messageId} at ${f.range.start}-${f.range.end} "${text.slice(f.range.start, f.range.end).slice(0, 40)}"`;
}
