/** SARIF output: valid against the official 2.1.0 schema, complete rule metadata, stable fingerprints. */
import * as assert from 'assert';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import * as fs from 'fs';
import * as path from 'path';
import type * as Sarif from 'sarif';
import { FINGERPRINT_KEY, toSarif } from '../../../server/src/engine/report/sarif';
import { yaml } from '../../helpers';
import { auditReport } from './audit-report';

const SCHEMA = path.resolve(__dirname, '../../../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

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
    /reports:
      post:
        responses: { '201': { description: created } }
    /status:
      # api-warden-ignore-next-line spec-operation-without-security -- a probe, public on purpose
      get:
        responses: { '200': { description: ok } }
  components:
    securitySchemes:
      bearer: { type: http, scheme: bearer }
      legacy: { type: http, scheme: basic }`;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's language pattern is not valid with the u flag;
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as object);
}

describe('SARIF report', () => {
  it('validates against the official SARIF 2.1.0 schema (findings, suppressions, baseline, crashes)', async () => {
    const validate = validator();
    const report = await auditReport({ 'openapi.yaml': SPEC });
    const baselined = await auditReport({ 'openapi.yaml': SPEC }, { baseline: new Set([report.findings[0].fingerprint]) });
    baselined.failures.push({ ruleId: 'spec-http-basic-auth', file: '/ws/openapi.yaml', message: 'boom' });
    for (const r of [report, baselined]) {
      const log = toSarif(r);
      const ok = validate(log);
      assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    }
    const empty = await auditReport({ 'openapi.yaml': yaml`
      openapi: 3.1.0
      info: { title: t, version: '1' }
      paths: {}` });
    assert.ok(validate(toSarif(empty)), JSON.stringify(validate.errors));
    // The validator really checks: a log without runs, or with a bad level, is rejected.
    assert.strictEqual(validate({ version: '2.1.0' }), false);
    const bad = toSarif(report);
    (bad.runs[0].results![0] as { level: string }).level = 'fatal';
    assert.strictEqual(validate(bad), false);
  });

  it('describes every rule: help text and markdown, helpUri, level, OWASP/CWE as tags and taxa', async () => {
    const log = toSarif(await auditReport({ 'openapi.yaml': SPEC }));
    const run = log.runs[0];
    const rule = run.tool.driver.rules!.find((r) => r.id === 'spec-operation-without-security')!;
    assert.ok(rule.shortDescription?.text);
    assert.ok(rule.help?.text && rule.help.markdown);
    assert.strictEqual(rule.helpUri, 'https://github.com/api-warden/api-warden/blob/main/docs/rules/spec-operation-without-security.md');
    assert.deepStrictEqual(rule.properties?.tags, ['security', 'OWASP-API2:2023', 'external/cwe/cwe-306']);
    assert.ok(rule.properties?.['security-severity']);
    const targets = (rule.relationships ?? []).map((r) => `${r.target.toolComponent?.name}/${r.target.id}`);
    assert.deepStrictEqual(targets, ['OWASP API Security Top 10/API2:2023', 'CWE/306']);
    const owasp = run.taxonomies!.find((t) => t.name === 'OWASP API Security Top 10')!;
    assert.ok(owasp.taxa!.some((t) => t.id === 'API2:2023' && t.name === 'Broken Authentication'));
    const result = run.results!.find((r) => r.ruleId === 'spec-operation-without-security' && !r.suppressions)!;
    assert.strictEqual(run.tool.driver.rules![result.ruleIndex!].id, result.ruleId);
    for (const t of result.taxa!) {
      const taxonomy = run.taxonomies![t.toolComponent!.index!];
      assert.strictEqual(taxonomy.taxa![t.index!].id, t.id);
    }
    assert.deepStrictEqual(result.locations![0].physicalLocation!.region, { startLine: 11, startColumn: 5, endLine: 11, endColumn: 9 });
    assert.strictEqual(result.locations![0].physicalLocation!.artifactLocation!.uri, 'openapi.yaml');
    assert.strictEqual(run.columnKind, 'utf16CodeUnits');
  });

  it('keeps suppressed findings, marked suppressed with their justification', async () => {
    const run = toSarif(await auditReport({ 'openapi.yaml': SPEC })).runs[0];
    const suppressed = run.results!.filter((r) => r.suppressions?.length);
    assert.strictEqual(suppressed.length, 1);
    assert.deepStrictEqual(suppressed[0].suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'a probe, public on purpose' }]);
  });

  it('marks baselined findings as external suppressions with baselineState unchanged', async () => {
    const first = await auditReport({ 'openapi.yaml': SPEC });
    const fp = first.findings[0].fingerprint;
    const run = toSarif(await auditReport({ 'openapi.yaml': SPEC }, { baseline: new Set([fp]) })).runs[0];
    const r = run.results!.find((x) => x.partialFingerprints?.[FINGERPRINT_KEY] === fp)!;
    assert.strictEqual(r.suppressions?.[0].kind, 'external');
    assert.strictEqual(r.baselineState, 'unchanged');
    assert.ok(run.results!.some((x) => x.baselineState === 'new'));
    const noBaseline = toSarif(first).runs[0];
    assert.ok(noBaseline.results!.every((x) => x.baselineState === undefined), 'no baselineState without a baseline');
  });

  it('partialFingerprints survive unrelated edits above the finding', async () => {
    const prints = (log: Sarif.Log) => log.runs[0].results!.map((r) => `${r.ruleId} ${r.partialFingerprints![FINGERPRINT_KEY]}`).sort();
    const before = prints(toSarif(await auditReport({ 'openapi.yaml': SPEC })));
    const edited = SPEC.replace("info: { title: t, version: '1' }", "info:\n  title: t\n  description: |\n    A longer description\n    over three\n    lines.\n  version: '1'");
    const after = prints(toSarif(await auditReport({ 'openapi.yaml': edited })));
    assert.deepStrictEqual(after, before);
  });
});
