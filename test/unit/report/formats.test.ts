/** Text, JSON and markdown renderings of one report, and fingerprint stability. */
import * as assert from 'assert';
import { fingerprints } from '../../../server/src/engine/report/fingerprint';
import { formatJson } from '../../../server/src/engine/report/json';
import { formatMarkdown } from '../../../server/src/engine/report/markdown';
import { formatText } from '../../../server/src/engine/report/text';
import { yaml } from '../../helpers';
import { auditReport } from './audit-report';

const SPEC = yaml`
  openapi: 3.0.3
  info: { title: t, version: '1' }
  servers:
    - url: http://api.example.com
  paths:
    /users:
      get:
        security: [{ bearer: [] }]
        responses: { '200': { description: ok } }
    /reports|<b>x</b>:
      post:
        responses: { '204': { description: gone } }
    /status:
      # api-warden-ignore-next-line spec-operation-without-security -- public probe
      get:
        responses: { '200': { description: ok } }
  components:
    securitySchemes:
      bearer: { type: http, scheme: bearer }`;

describe('report formats', () => {
  it('text: one clickable line per finding, suppressed ones counted, colours only when asked', async () => {
    const report = await auditReport({ 'openapi.yaml': SPEC });
    const text = formatText(report);
    assert.match(text, /^openapi\.yaml:4:10 +error +Server http:\/\/api\.example\.com .* spec-server-plain-http$/m);
    assert.match(text, /^openapi\.yaml:11:5 +error +POST /m);
    assert.doesNotMatch(text, /GET \/status/);
    assert.match(text, /1 suppressed/);
    assert.doesNotMatch(text, /\u001b\[/);
    assert.match(formatText(report, { color: true }), /\u001b\[31merror/);
  });

  it('json: findings in order with 1-based ranges; summary counts', async () => {
    const report = await auditReport({ 'openapi.yaml': SPEC });
    const json = JSON.parse(formatJson(report)) as { findings: { ruleId: string; range: { start: { line: number } } }[]; summary: { suppressed: number; total: number } };
    assert.deepStrictEqual(json.findings.map((f) => f.range.start.line), [...json.findings.map((f) => f.range.start.line)].sort((a, b) => a - b));
    assert.strictEqual(json.summary.suppressed, 1);
    assert.strictEqual(json.summary.total, json.findings.length);
  });

  it('markdown: headline with score, OWASP table, findings table with escaped cells', async () => {
    const report = await auditReport({ 'openapi.yaml': SPEC });
    const md = formatMarkdown(report);
    assert.match(md, new RegExp(`^### API Warden: score ${report.summary.score.score}/100`));
    assert.match(md, /\| \[API2:2023\]\(https:\/\/owasp\.org\/API-Security\/editions\/2023\/en\/0xa2-broken-authentication\/\) Broken Authentication \| 1 \|/);
    assert.match(md, /1 suppressed/);
    const row = md.split('\n').find((l) => l.includes('POST'))!;
    assert.ok(row.includes('/reports\\|&lt;b&gt;x&lt;/b&gt;'), row);
    assert.strictEqual(row.split(/(?<!\\)\|/).length, 6, 'a | in a path cannot break the table');
    const capped = formatMarkdown(report, { maxFindings: 1 });
    assert.match(capped, /…and \d+ more/);
  });

  it('markdown of a clean audit says so', async () => {
    const report = await auditReport({ 'openapi.yaml': yaml`
      openapi: 3.1.0
      info: { title: t, version: '1' }
      paths: {}` });
    assert.match(formatMarkdown(report), /✅ \*\*No problems\*\*/);
  });

  it('fingerprints ignore position and surrounding lines, and tell identical lines apart', () => {
    const base = { ruleId: 'r', messageId: 'm', file: 'a.yaml', lineText: '  get:' };
    const [a] = fingerprints([base]);
    assert.deepStrictEqual(fingerprints([{ ...base, lineText: '\tget:   ' }]), [a], 'whitespace does not matter');
    assert.notDeepStrictEqual(fingerprints([{ ...base, operation: { method: 'GET', path: '/x' } }]), [a]);
    const twins = fingerprints([base, base]);
    assert.strictEqual(twins[0], a);
    assert.notStrictEqual(twins[1], a);
    assert.match(a, /^[0-9a-f]{16}$/);
  });
});
