/** Unit tests of the LSP adapter's pure helpers: conversion, URIs, settings. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl, LineIndex, type Finding } from '../../server/src/engine';
import {
  diagnosticData, lineIndexPositions, owaspPrefix, snippetToText, toDiagnostic, toDiagnostics, toTextEdits, type PositionsOf,
} from '../../server/src/lsp/convert';
import { normalizeSettings, SettingsStore, toEngineSettings } from '../../server/src/lsp/settings';
import { fileUriToPath, pseudoPath, PSEUDO_ROOT, UriMapper } from '../../server/src/lsp/uri';
import { DEFAULT_EDITOR_SETTINGS } from '../../server/src/protocol';

const TEXT = 'a: 1\r\nb: "é😀x"\nc: 3\n';
const doc = TextDocument.create('file:///w/a.yaml', 'yaml', 1, TEXT);
const nowhere: PositionsOf = () => undefined;

function finding(partial: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'spec-operation-without-security', messageId: 'missing', message: 'GET /x declares no security.', severity: 'warning',
    owasp: ['API2:2023'], file: '/w/a.yaml', range: { start: 6, end: 7 }, ...partial,
  };
}

describe('lsp convert', () => {
  it('maps offsets to UTF-16 positions across CRLF and astral characters', () => {
    const x = TEXT.indexOf('x');
    const d = toDiagnostic(finding({ range: { start: TEXT.indexOf('é'), end: x + 1 } }), doc, 'k', nowhere);
    assert.deepStrictEqual(d.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } });
    // The engine's line index agrees with the TextDocument (used for files that are not open).
    const li = lineIndexPositions(new LineIndex(TEXT));
    // (Offsets inside a CRLF pair are skipped: no finding starts or ends between \r and \n.)
    for (let o = 0; o <= TEXT.length; o++) {
      if (TEXT[o - 1] !== '\r') assert.deepStrictEqual(li.positionAt(o), doc.positionAt(o), `offset ${o}`);
    }
  });

  it('fills code, docs link, source, severity, OWASP prefix and data', () => {
    const d = toDiagnostic(finding(), doc, 'key-1', nowhere);
    assert.strictEqual(d.code, 'spec-operation-without-security');
    assert.deepStrictEqual(d.codeDescription, { href: docsUrl('spec-operation-without-security') });
    assert.strictEqual(d.source, 'api-warden');
    assert.strictEqual(d.severity, 2);
    assert.strictEqual(d.message, '[API2] GET /x declares no security.');
    assert.deepStrictEqual(d.data, { ruleId: 'spec-operation-without-security', findingKey: 'key-1' });
    assert.deepStrictEqual(diagnosticData(d), { ruleId: 'spec-operation-without-security', findingKey: 'key-1' });
    assert.strictEqual(diagnosticData({ ...d, source: 'other' }), undefined, 'never reads another server\'s diagnostics');
    assert.strictEqual(diagnosticData({ ...d, data: { ruleId: 1 } }), undefined);
  });

  it('leaves the docs link off engine findings and maps every severity', () => {
    const d = toDiagnostic(finding({ ruleId: 'parse-error', owasp: [], severity: 'error' }), doc, 'k', nowhere);
    assert.strictEqual(d.codeDescription, undefined);
    assert.strictEqual(d.message, 'GET /x declares no security.');
    assert.deepStrictEqual(
      (['error', 'warning', 'info', 'hint'] as const).map((severity) => toDiagnostic(finding({ severity }), doc, 'k', nowhere).severity),
      [1, 2, 3, 4],
    );
  });

  it('prefixes every OWASP category', () => {
    assert.strictEqual(owaspPrefix(['API2:2023', 'API5:2023']), '[API2/API5] ');
    assert.strictEqual(owaspPrefix([]), '');
  });

  it('turns related locations into relatedInformation, dropping files it cannot locate', () => {
    const other = TextDocument.create('file:///w/app.ts', 'typescript', 3, 'x\ny\n');
    const positionsOf: PositionsOf = (file) => (file === '/w/app.ts' ? { uri: other.uri, positions: other } : undefined);
    const d = toDiagnostic(
      finding({ related: [{ file: '/w/app.ts', range: { start: 2, end: 3 }, message: 'route' }, { file: '/gone.ts', range: { start: 0, end: 1 }, message: 'x' }] }),
      doc, 'k', positionsOf,
    );
    assert.deepStrictEqual(d.relatedInformation, [
      { location: { uri: 'file:///w/app.ts', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } } }, message: 'route' },
    ]);
  });

  it('gives findings keys that carry the version and stay unique', () => {
    const same = finding();
    const { byKey, diagnostics } = toDiagnostics([same, { ...same }], 7, doc, nowhere);
    const keys = diagnostics.map((d) => diagnosticData(d)!.findingKey);
    assert.strictEqual(new Set(keys).size, 2);
    assert.ok(keys.every((k) => k.startsWith('7:')));
    assert.strictEqual(byKey.get(keys[0]), same);
    assert.strictEqual(byKey.size, 2);
  });

  it('strips snippet syntax to the placeholder text', () => {
    assert.strictEqual(snippetToText('security:\n  - ${1:bearer}: []$0'), 'security:\n  - bearer: []');
    assert.strictEqual(snippetToText('${1:outer ${2:inner}} $2 ${3} ${4|a,b|} \\$5 \\}'), 'outer inner   a $5 }');
    assert.strictEqual(snippetToText('price: $ 5 ${name}'), 'price: $ 5 ${name}');
  });

  it('groups edits by file, and gives up on a fix touching a file it cannot locate', () => {
    const positionsOf: PositionsOf = (file) => (file === '/w/a.yaml' ? { uri: doc.uri, positions: doc } : undefined);
    const edits = toTextEdits([{ file: '/w/a.yaml', range: { start: 0, end: 1 }, newText: '${1:z}' }], positionsOf, true);
    assert.deepStrictEqual(Object.fromEntries(edits!), {
      [doc.uri]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'z' }],
    });
    assert.strictEqual(toTextEdits([{ file: '/elsewhere', range: { start: 0, end: 0 }, newText: '' }], positionsOf), undefined);
  });
});

describe('lsp uri', () => {
  it('maps file URIs to engine paths and back in the client\'s spelling', () => {
    assert.strictEqual(fileUriToPath('file:///home/u/api%20spec.yaml'), '/home/u/api spec.yaml');
    assert.strictEqual(fileUriToPath('file:///c%3A/work/a.yaml'), 'c:/work/a.yaml');
    assert.strictEqual(fileUriToPath('untitled:Untitled-1'), undefined);
    const m = new UriMapper();
    const weird = 'file:///C:/work/a.yaml';
    assert.strictEqual(m.toPath(weird), 'c:/work/a.yaml');
    assert.strictEqual(m.toUri('c:/work/a.yaml'), weird);
    assert.strictEqual(m.toUri('/never/seen.yaml'), 'file:///never/seen.yaml');
  });

  it('gives non-file URIs a stable pseudo path with an extension the engine understands', () => {
    const p = pseudoPath('untitled:Untitled-1', 'yaml');
    assert.ok(p.startsWith(PSEUDO_ROOT + '/untitled/') && p.endsWith('/Untitled-1.yaml'), p);
    assert.strictEqual(pseudoPath('untitled:Untitled-1', 'yaml'), p);
    assert.notStrictEqual(pseudoPath('untitled:Untitled-2', 'yaml'), p);
    assert.ok(pseudoPath('vscode-vfs://github/o/r/openapi.json').endsWith('/openapi.json'));
    assert.ok(pseudoPath('untitled:Untitled-3', 'typescriptreact').endsWith('.tsx'));
    const m = new UriMapper();
    assert.strictEqual(m.toUri(m.toPath('untitled:Untitled-1', 'yaml')), 'untitled:Untitled-1');
  });
});

describe('lsp settings', () => {
  it('validates every field, falling back to defaults for wrong types', () => {
    assert.deepStrictEqual(normalizeSettings(undefined), DEFAULT_EDITOR_SETTINGS);
    assert.deepStrictEqual(
      normalizeSettings({ enable: 'yes', rules: { a: 'off', b: 'loud', c: 3 }, authMiddleware: ['requireAuth', 4], publicRoutes: 'x', maxFileSizeMB: -1, trace: { server: 'verbose' } }),
      { enable: true, rules: { a: 'off' }, authMiddleware: ['requireAuth'], publicRoutes: [], maxFileSizeMB: 32, trace: { server: 'verbose' } },
    );
  });

  it('maps to engine settings', () => {
    assert.deepStrictEqual(toEngineSettings({ ...DEFAULT_EDITOR_SETTINGS, rules: { a: 'info' }, authMiddleware: ['m'], publicRoutes: ['/health'], maxFileSizeMB: 2 }), {
      rules: { a: 'info' }, authMiddleware: ['m'], publicRoutes: ['/health'], maxFileBytes: 2 * 1024 * 1024,
    });
  });

  it('caches per resource until the configuration changes; a failing fetch gives defaults and is not cached', async () => {
    const asked: (string | undefined)[] = [];
    let fail = false;
    const errors: string[] = [];
    const store = new SettingsStore(async (uri) => {
      asked.push(uri);
      if (fail) throw new Error('no');
      return { enable: false };
    }, (m) => errors.push(m));
    assert.strictEqual((await store.get('file:///a')).enable, false);
    await store.get('file:///a');
    await store.get('file:///b');
    assert.deepStrictEqual(asked, ['file:///a', 'file:///b']);
    store.changed(null);
    fail = true;
    assert.deepStrictEqual(await store.get('file:///a'), DEFAULT_EDITOR_SETTINGS);
    assert.strictEqual(errors.length, 1);
    fail = false;
    assert.strictEqual((await store.get('file:///a')).enable, false, 'asked again after a failure');
  });

  it('uses pushed settings when the client cannot be asked', async () => {
    const store = new SettingsStore(undefined, () => undefined);
    assert.strictEqual((await store.get('file:///a')).enable, true);
    store.changed({ apiWarden: { enable: false } });
    assert.strictEqual((await store.get('file:///a')).enable, false);
  });
});
