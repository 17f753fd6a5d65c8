/** Unused suppressions: comments and x-api-warden-ignore entries that suppress nothing are reported. */
import * as assert from 'assert';
import { createEngine, MemoryFileSystem, type Finding } from '../../../server/src/engine';
import type { EngineSettings } from '../../../server/src/engine/settings';
import { unusedSuppressions } from '../../../server/src/engine/report/unused-suppressions';
import { ts, yaml } from '../../helpers';
import { REPORT_TEST_RULES } from './audit-report';

async function unused(files: Record<string, string>, settings: Partial<EngineSettings> = {}): Promise<(Finding & { text: string })[]> {
  const abs: Record<string, string> = {};
  for (const [p, t] of Object.entries(files)) abs[`/ws/${p}`] = t;
  const engine = createEngine({ fs: new MemoryFileSystem(abs), roots: ['/ws'], rules: REPORT_TEST_RULES, settings });
  const result = await engine.audit();
  return unusedSuppressions(result, { readFile: (f) => engine.readFile(f), settings: engine.settings, rules: engine.rules }).map((f) => ({
    ...f,
    text: engine.readFile(f.file)!.slice(f.range.start, f.range.end),
  }));
}

const SPEC = yaml`
  openapi: 3.0.3
  info: { title: t, version: '1' }
  servers:
    # api-warden-ignore-next-line spec-server-plain-http -- internal network only
    - url: http://internal.example.com
    # api-warden-ignore-next-line spec-server-plain-http -- stale: this one is https
    - url: https://api.example.com
  paths:
    /reports:
      x-api-warden-ignore:
        spec-operation-without-security: a webhook, authenticated by signature
        spec-http-basic-auth: nothing here uses basic auth
      post:
        responses: { '201': { description: created } }
    /items:
      # api-warden-ignore-next-line
      get:
        security: [{ bearer: [] }]
        responses: { '200': { description: ok } }
  components:
    securitySchemes:
      bearer: { type: http, scheme: bearer }`;

describe('unused suppressions', () => {
  it('reports the directive and the extension entry that suppress nothing, not the used ones', async () => {
    const found = await unused({ 'openapi.yaml': SPEC });
    assert.deepStrictEqual(
      found.map((f) => [f.ruleId, f.messageId, f.severity, f.text]),
      [
        ['unused-suppression', 'unused', 'warning', 'spec-server-plain-http'],
        ['unused-suppression', 'unused', 'warning', 'spec-http-basic-auth'],
        ['unused-suppression', 'unused', 'warning', '# api-warden-ignore-next-line'],
      ],
    );
    assert.ok(found.every((f) => f.file === '/ws/openapi.yaml'));
  });

  it('list-form extensions, unknown rule ids, and rules turned off', async () => {
    const spec = yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      x-api-warden-ignore:
        - spec-http-basic-auth -- no basic here
        - spec-made-up-rule -- typo
      servers:
        - url: http://internal.example.com
      paths: {}`;
    const found = await unused({ 'openapi.yaml': spec });
    assert.deepStrictEqual(found.map((f) => [f.messageId, f.text]), [
      ['unused', 'spec-http-basic-auth -- no basic here'],
      ['unknownRule', 'spec-made-up-rule -- typo'],
    ]);
    const off = await unused({ 'openapi.yaml': spec }, { rules: { 'spec-http-basic-auth': 'off' } });
    assert.deepStrictEqual(off.map((f) => f.messageId), ['unknownRule'], 'a suppression for a rule that is off is not noise');
  });

  it('code: only real comments count (not text inside a string)', async () => {
    const app = ts`
      import express from 'express';
      const app = express();
      // api-warden-ignore-next-line route-without-authentication -- reviewed: served behind the VPN
      app.get('/orders', (_req, res) => res.json([]));
      // api-warden-ignore-next-line route-without-authentication -- nothing below needs it
      const note = 'x';
      const doc = \`
      // api-warden-ignore-next-line route-without-authentication -- inside a template string
      \`;
      app.listen(3000);`;
    const found = await unused({ 'app.ts': app });
    assert.deepStrictEqual(found.map((f) => [f.text, f.range.start]), [['route-without-authentication', app.indexOf('route-without-authentication -- nothing')]]);
  });

  it('an entirely unused directive comes with a safe fix that deletes its line', async () => {
    const found = await unused({ 'openapi.yaml': SPEC });
    const withFix = found.filter((f) => f.fix);
    assert.strictEqual(withFix.length, 2, 'the two unused comments, not the extension entry');
    let text = SPEC;
    for (const f of withFix.sort((a, b) => b.range.start - a.range.start)) {
      const e = f.fix!.edits[0];
      text = text.slice(0, e.range.start) + e.newText + text.slice(e.range.end);
    }
    assert.ok(!text.includes('stale: this one is https'));
    assert.ok(!/# api-warden-ignore-next-line\n/.test(text));
    assert.ok(text.includes('internal network only'), 'the used directive stays');
    assert.deepStrictEqual(await unused({ 'openapi.yaml': text }), found.filter((f) => !f.fix).map((f) => ({ ...f, range: { start: text.indexOf(f.text), end: text.indexOf(f.text) + f.text.length } })));
  });

  it('the severity is configurable and off disables the check', async () => {
    assert.ok((await unused({ 'openapi.yaml': SPEC }, { rules: { 'unused-suppression': 'error' } })).every((f) => f.severity === 'error'));
    assert.deepStrictEqual(await unused({ 'openapi.yaml': SPEC }, { rules: { 'unused-suppression': 'off' } }), []);
  });
});
