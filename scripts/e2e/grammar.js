#!/usr/bin/env node
// Checks the suppression-directive injection grammar with the same TextMate engine and the same
// built-in TypeScript/JavaScript/YAML grammars as the installed VS Code: injected into comments,
// it must tag the keyword, each rule id, the `--` and the reason, and leave strings and code alone.
//   node scripts/e2e/grammar.js      (needs scripts/install-code-server.sh)
'use strict';
const fs = require('fs');
const path = require('path');
const { repoRoot, vscodeDir, assertInstalled } = require('./vscode-paths');

const KEYWORD = 'keyword.other.directive.api-warden';
const RULE = 'entity.name.tag.rule-id.api-warden';
const DASHES = 'punctuation.separator.reason.api-warden';
const REASON = 'comment.line.reason.api-warden';

// [scope, source lines, expected: text -> scope it must carry (or null: no api-warden scope at all)]
const CASES = [
  ['source.ts', ['// api-warden-ignore-next-line route-without-authentication -- health check is public', "app.get('/health', h);"],
    { 'api-warden-ignore-next-line': KEYWORD, 'route-without-authentication': RULE, '--': DASHES, 'health check is public': REASON }],
  ['source.ts', ['/* api-warden-ignore-next-line rule-a, rule-b -- legacy client */'],
    { 'rule-a': RULE, 'rule-b': RULE, ',': 'punctuation.separator.comma.api-warden', 'legacy client': REASON }],
  ['source.ts', ['const s = "// api-warden-ignore-next-line rule-a";'], { 'api-warden-ignore-next-line': null }],
  ['source.js', ['  // api-warden-ignore-next-line spec-server-plain-http'], { 'api-warden-ignore-next-line': KEYWORD, 'spec-server-plain-http': RULE }],
  ['source.tsx', ['// api-warden-ignore-next-line route-without-authentication -- demo'], { 'route-without-authentication': RULE, demo: REASON }],
  ['source.js.jsx', ['// api-warden-ignore-next-line route-without-authentication -- demo'], { 'api-warden-ignore-next-line': KEYWORD }],
  ['source.yaml', ['servers:', '  # api-warden-ignore-next-line spec-server-plain-http -- staging only', '  - url: http://staging.example.com'],
    { 'api-warden-ignore-next-line': KEYWORD, 'spec-server-plain-http': RULE, 'staging only': REASON, 'http://staging.example.com': null }],
  ['source.yaml', ['description: api-warden-ignore-next-line is not a comment here'], { 'api-warden-ignore-next-line': null }],
];

async function main() {
  assertInstalled();
  const req = (m) => require(path.join(vscodeDir, 'node_modules', m));
  const textmate = req('vscode-textmate');
  const oniguruma = req('vscode-oniguruma');
  const wasm = fs.readFileSync(path.join(vscodeDir, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

  // Every grammar VS Code's built-in extensions contribute, plus ours, by scope name; injections
  // are looked up the way VS Code does it, from `injectTo`.
  const grammars = new Map();
  const injections = new Map();
  const addContributions = (dir, manifest) => {
    for (const g of manifest.contributes?.grammars ?? []) {
      if (!grammars.has(g.scopeName)) grammars.set(g.scopeName, path.join(dir, g.path));
      for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
    }
  };
  const extDir = path.join(vscodeDir, 'extensions');
  for (const name of fs.readdirSync(extDir)) {
    const manifest = path.join(extDir, name, 'package.json');
    if (fs.existsSync(manifest)) addContributions(path.join(extDir, name), JSON.parse(fs.readFileSync(manifest, 'utf8')));
  }
  const ours = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  addContributions(repoRoot, ours);

  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      const file = grammars.get(scope);
      return file ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scope) => injections.get(scope),
  });

  let passed = 0;
  let failed = 0;
  for (const [scope, lines, expected] of CASES) {
    const grammar = await registry.loadGrammar(scope);
    if (!grammar) throw new Error(`no grammar for ${scope}`);
    const tokens = [];
    let state = textmate.INITIAL;
    for (const line of lines) {
      const r = grammar.tokenizeLine(line, state);
      for (const t of r.tokens) tokens.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
      state = r.ruleStack;
    }
    const problems = [];
    for (const [text, scopeName] of Object.entries(expected)) {
      const hits = tokens.filter((t) => t.text.trim() === text || (scopeName === null && t.text.includes(text)));
      if (scopeName === null) {
        const bad = hits.find((t) => t.scopes.some((s) => s.endsWith('.api-warden')));
        if (bad) problems.push(`"${text}" must not be tagged, got ${bad.scopes.join(' ')}`);
      } else if (!hits.some((t) => t.scopes.includes(scopeName))) {
        problems.push(`"${text}" should carry ${scopeName}; tokens: ${JSON.stringify(tokens.map((t) => [t.text, t.scopes.slice(1).join(' ')]))}`);
      }
    }
    if (problems.length) {
      failed++;
      console.log(`  ✗ ${scope}: ${lines[0]}\n      ${problems.join('\n      ')}`);
    } else {
      passed++;
      console.log(`  ✓ ${scope}: ${lines.find((l) => l.includes('api-warden')) ?? lines[0]}`);
    }
  }
  console.log(`grammar: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log('grammar: 0 passed, 1 failed');
  process.exitCode = 1;
});
