/**
 * Reports escape everything that comes from the workspace, for fuzzed strings too: seeded
 * random combinations of HTML, markdown, JSON, template and terminal-control fragments put in
 * titles, paths, server URLs, scheme names, descriptions, file names and code route paths,
 * then rendered in every format. HTML is checked with a real parser (parse5), markdown tables
 * keep their columns, JSON and SARIF parse, and the plain-text report carries no terminal
 * control sequences (a finding must not recolour or rewrite the user's terminal).
 */
import * as assert from 'assert';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { formatHtml } from '../../server/src/engine/report/html';
import { formatJson } from '../../server/src/engine/report/json';
import { formatMarkdown } from '../../server/src/engine/report/markdown';
import { formatSarif } from '../../server/src/engine/report/sarif';
import { formatText } from '../../server/src/engine/report/text';
import { auditReport } from '../unit/report/audit-report';
import { Random } from './fuzz/random';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const NONCE = 'cm9idXN0bmVzcy1ub25jZS0xMjM0';

const FRAGMENTS = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "'><svg onload=alert(3)>", '</style><style>*{}', '<!--', '-->', ']]>',
  'javascript:alert(4)', '[link](javascript:alert(5))', '![x](https://evil.example/x.png)', '<a href="https://evil.example">x</a>',
  '{{constructor.constructor("alert(6)")()}}', '${alert(7)}', '`code`', '| cell |', '\\|', '# heading', '* item', '_em_', '~~s~~',
  '&amp;', '&#60;', '%s%n', '\u001b[31mred\u001b[0m', '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007', '\u001b[2J', '\r', '\u0007',
  '\u202e', '\u2028', '\u0000', '\uD800', '😀', 'ǅ', '"', "'", '\\', '/', '..', 'ok',
];

function hostileString(rng: Random): string {
  return Array.from({ length: rng.int(1, 4) }, () => rng.pick(FRAGMENTS)).join(rng.pick(['', ' ', '/']));
}

/** YAML double-quoted scalars take JSON string syntax; lone surrogates and NUL are escaped. */
const q = (s: string) => JSON.stringify(s);

function hostileWorkspace(rng: Random): Record<string, string> {
  const s = () => hostileString(rng);
  const spec = [
    'openapi: 3.0.3',
    `info: {title: ${q(s())}, description: ${q(s())}, version: ${q(s())}}`,
    'servers:',
    `  - url: ${q('http://api.example.com/' + s())}`,
    'paths:',
    `  ${q('/users/' + s())}:`,
    '    delete:',
    `      description: ${q(s())}`,
    "      responses: {'204': {description: gone}}",
    `  ${q('/items/{id}' + s())}:`,
    '    get:',
    '      security: []',
    `      summary: ${q(s())}`,
    "      responses: {'200': {description: ok}}",
    'components:',
    '  securitySchemes:',
    `    ${q(s())}: {type: http, scheme: basic}`,
    '',
  ].join('\n');
  const fileName = s().replace(/[\u0000/\\]/g, '_').slice(0, 60) || 'x';
  const code = `import express from 'express';\nconst app = express();\napp.delete(${q('/admin/' + s())}, (req, res) => res.send('x'));\napp.listen(3000);\n`;
  return { [`specs/${fileName}.yaml`]: spec, [`src/${fileName}.ts`]: code };
}

function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node);
  for (const c of 'childNodes' in node ? node.childNodes : []) elements(c, out);
  if ('content' in node && node.content) elements(node.content as unknown as Node, out);
  return out;
}

const attr = (e: Element, name: string): string | undefined => e.attrs.find((a) => a.name === name)?.value;

/** Pipes that separate cells (not backslash-escaped). */
const cellBreaks = (line: string) => (line.match(/(?<!\\)\|/g) ?? []).length;

describe('robustness: reports escape fuzzed workspace strings', function () {
  this.timeout(120_000);
  const CASES = 25;

  for (let n = 0; n < CASES; n++) {
    it(`hostile workspace #${n} (seed ${1000 + n}) renders safely in every format`, async () => {
      const rng = new Random(1000 + n);
      const report = await auditReport(hostileWorkspace(rng));
      assert.ok(report.findings.length >= 3, 'the hostile workspace produces findings');

      for (const interactive of [false, true]) {
        const html = formatHtml(report, { nonce: NONCE, interactive });
        const all = elements(parse(html) as unknown as Node);
        assert.strictEqual(all.filter((e) => e.tagName === 'script').length, 1, 'only our script');
        assert.strictEqual(attr(all.find((e) => e.tagName === 'script')!, 'nonce'), NONCE);
        assert.strictEqual(all.filter((e) => e.tagName === 'style').length, 1, 'only our style');
        for (const e of all) {
          assert.ok(!['img', 'iframe', 'svg', 'object', 'embed', 'base', 'link', 'form', 'meta'].includes(e.tagName) || (e.tagName === 'meta' && !attr(e, 'content')?.includes('evil')), `injected <${e.tagName}>`);
          for (const a of e.attrs) {
            assert.ok(!/^on/i.test(a.name), `event handler ${a.name} on <${e.tagName}>`);
            if (a.name === 'href') assert.match(a.value, /^(https:\/\/|#)/, `link to ${a.value}`);
          }
        }
      }

      const md = formatMarkdown(report);
      assert.doesNotMatch(md, /<(script|img|svg|iframe|a |style)/i, 'no raw HTML from the workspace');
      assert.doesNotMatch(md, /(?<!\\)\](?:\([^)]*\))?\(javascript:/i, 'no javascript: links');
      const lines = md.split('\n');
      for (let i = 0; i < lines.length; i++) {
        // A table's rows keep the header's column count.
        if (lines[i].startsWith('|') && lines[i + 1]?.startsWith('|') && /^\|[\s:|-]+\|$/.test(lines[i + 1])) {
          const columns = cellBreaks(lines[i]);
          for (let j = i + 2; j < lines.length && lines[j].startsWith('|'); j++) assert.strictEqual(cellBreaks(lines[j]), columns, `row ${j}: ${lines[j]}`);
        }
      }

      for (const json of [formatJson(report), formatSarif(report)]) JSON.parse(json);

      const text = formatText(report, { color: false });
      const controls = text.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g) ?? [];
      assert.deepStrictEqual([...new Set(controls)].map((c) => c.codePointAt(0)!.toString(16)), [], 'no terminal control or bidi characters in the text report');
    });
  }
});
