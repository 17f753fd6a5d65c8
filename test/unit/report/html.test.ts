/**
 * The HTML report: structure (score, OWASP table, endpoints, grouped findings, filters), a strict
 * CSP with nothing remote, and escaping of every workspace string. The hostile spec below puts
 * <script> and HTML in paths, descriptions and the file name; a real HTML parser (parse5) then
 * checks that the only script and style elements are ours and nothing carries an event handler.
 */
import * as assert from 'assert';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { formatHtml } from '../../../server/src/engine/report/html';
import { computeScore } from '../../../server/src/engine/report/score';
import { yaml } from '../../helpers';
import { auditReport } from './audit-report';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA==';

const HOSTILE = yaml`
  openapi: 3.0.3
  info:
    title: <script>alert('title')</script>
    description: <img src=x onerror=alert(1)><b>bold</b> & "quotes"
    version: '1'
  servers:
    - url: http://evil.example.com/<script>alert('server')</script>
  paths:
    /users/<script>alert(1)</script>:
      delete:
        description: <iframe src="https://evil.example.com"></iframe>
        responses: { '204': { description: gone } }
    /items/{id}"><svg onload=alert(2)>:
      get:
        security: []
        responses: { '200': { description: ok } }
  components:
    securitySchemes:
      "<b>legacy</b>": { type: http, scheme: basic }`;

function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node);
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const c of children) elements(c, out);
  if ('content' in node && node.content) elements(node.content as unknown as Node, out);
  return out;
}

const attr = (e: Element, name: string): string | undefined => e.attrs.find((a) => a.name === name)?.value;
const text = (n: Node): string => ('value' in n && n.nodeName === '#text' ? n.value : 'childNodes' in n ? n.childNodes.map(text).join('') : '');

async function render(files: Record<string, string>, interactive = false) {
  const report = await auditReport(files);
  const html = formatHtml(report, { nonce: NONCE, interactive });
  return { report, html, all: elements(parse(html) as unknown as Node) };
}

describe('HTML report', () => {
  it('escapes every workspace string: the only script and style are ours, no handlers, no injected elements', async () => {
    const { html, all, report } = await render({ 'specs/<img src=x onerror=alert(3)>.yaml': HOSTILE }, true);
    assert.ok(report.findings.length >= 3, 'the hostile spec produces findings');
    const scripts = all.filter((e) => e.tagName === 'script');
    assert.strictEqual(scripts.length, 1);
    assert.strictEqual(attr(scripts[0], 'nonce'), NONCE);
    assert.strictEqual(all.filter((e) => e.tagName === 'style').length, 1);
    for (const e of all) {
      assert.ok(!['img', 'iframe', 'svg', 'b', 'link', 'object', 'embed', 'base'].includes(e.tagName), `injected <${e.tagName}>`);
      for (const a of e.attrs) {
        assert.ok(!/^on/i.test(a.name), `event handler ${a.name} on <${e.tagName}>`);
        assert.ok(a.name !== 'style', 'inline style attributes are blocked by the CSP');
        assert.ok(a.name !== 'src', `<${e.tagName} src> would load something`);
      }
    }
    // The hostile strings are shown as text.
    const body = text(all.find((e) => e.tagName === 'body')!);
    assert.ok(body.includes("/users/<script>alert(1)</script>"));
    assert.ok(body.includes('specs/<img src=x onerror=alert(3)>.yaml'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    // Clickable locations carry the file as data, escaped.
    const opener = all.find((e) => attr(e, 'data-open')?.includes('<img'));
    assert.ok(opener, 'findings open their file in the webview');
  });

  it('runs under a strict CSP and loads nothing remote', async () => {
    const { html, all } = await render({ 'openapi.yaml': HOSTILE });
    const csp = all.find((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy');
    assert.ok(csp);
    const policy = attr(csp, 'content')!;
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, new RegExp(`script-src 'nonce-${NONCE.replace(/[+/=]/g, '\\$&')}'`));
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|https?:/);
    assert.doesNotMatch(html, /@import|url\(/);
    for (const e of all) if (e.tagName === 'a') assert.match(attr(e, 'href') ?? '', /^https:\/\//, 'links only, never loads');
  });

  it('refuses to render without a proper nonce', async () => {
    const report = await auditReport({ 'openapi.yaml': HOSTILE });
    assert.throws(() => formatHtml(report, { nonce: 'x' }), /nonce/);
    assert.throws(() => formatHtml(report, { nonce: `abc"><script>alert(1)</script>` }), /nonce/);
  });

  it('shows the score, counts per OWASP category and severity, the endpoint table and grouped findings with filters', async () => {
    const spec = yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      servers: [{ url: 'http://api.example.com' }]
      paths:
        /orders:
          get:
            security: [{ bearer: [] }]
            responses: { '200': { description: ok } }
        /refunds:
          post:
            responses: { '201': { description: created } }
        /health:
          get:
            security: []
            responses: { '200': { description: ok } }
      components:
        securitySchemes:
          bearer: { type: http, scheme: bearer }`;
    const { report, all } = await render({ 'openapi.yaml': spec });
    const byId = (id: string) => all.find((e) => attr(e, 'id') === id);
    for (const id of ['overview', 'owasp', 'endpoints', 'findings', 'aw-search', 'aw-category']) assert.ok(byId(id), `#${id}`);

    const score = computeScore(report.findings, report.operations.length).score;
    assert.strictEqual(report.summary.score.score, score);
    assert.strictEqual(text(byId('aw-score')!).replace(/\s+/g, ' ').match(/Score(\d+)/)?.[1], String(score));

    const owaspRows = all.filter((e) => e.tagName === 'tr' && attr(e, 'data-owasp') && !attr(e, 'class'));
    assert.strictEqual(owaspRows.length, 10, 'one row per OWASP category');
    const api2 = owaspRows.find((r) => attr(r, 'data-owasp') === 'API2:2023')!;
    assert.match(text(api2), /Broken Authentication/);
    assert.strictEqual(text(api2).trim().endsWith(String(report.summary.byOwasp['API2:2023'])), true);

    const endpointRows = all.filter((e) => e.tagName === 'tr' && attr(e, 'class') === 'endpoint');
    assert.strictEqual(endpointRows.length, 3);
    const auth = (path: string) => endpointRows.find((r) => text(r).includes(path + ''))!;
    assert.match(text(auth('/refunds')), /POST\/refundsopenapi.*missing1/);
    assert.match(text(auth('/health')), /public by design/);
    assert.match(text(endpointRows.find((r) => /GET\/orders(?!\/)/.test(text(r)))!), /required \(bearer\)/);

    const rows = all.filter((e) => e.tagName === 'tr' && attr(e, 'class') === 'finding');
    assert.strictEqual(rows.length, report.findings.length);
    for (const r of rows) assert.ok(['error', 'warning', 'info', 'hint'].includes(attr(r, 'data-severity')!));
    const groups = all.filter((e) => e.tagName === 'section' && attr(e, 'class') === 'group').map((e) => attr(e, 'data-group'));
    assert.ok(groups.includes('API2:2023') && groups.includes('API8:2023'), groups.join());
    assert.strictEqual(all.filter((e) => e.tagName === 'input' && attr(e, 'data-severity')).length, 4, 'one severity filter each');
  });

  it('the standalone page has no webview buttons; the interactive one has export buttons', async () => {
    const standalone = await render({ 'openapi.yaml': HOSTILE });
    assert.ok(!standalone.all.some((e) => attr(e, 'data-open') || attr(e, 'data-export')));
    const webview = await render({ 'openapi.yaml': HOSTILE }, true);
    const exportsList = webview.all.map((e) => attr(e, 'data-export')).filter(Boolean);
    assert.deepStrictEqual(exportsList, ['html', 'markdown', 'sarif', 'json']);
  });
});
