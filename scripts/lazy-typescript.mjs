// esbuild plugin: `typescript` in a bundle becomes a stand-in that evaluates the real compiler
// only when code is first analysed. Evaluating TypeScript's 9 MB module costs ~0.3 s per process,
// which the CLI paid on every run, even for an OpenAPI document alone.
//
// The stand-in has every export of the real module: enums and other plain data (`SyntaxKind`,
// `version`, ...) are copied in at build time, because modules read them at load time (sets of
// node kinds); each function or class is a getter that loads the compiler, after which all
// exports are the real ones as plain data properties (no getter left on the hot path).
// Set API_WARDEN_TRACE_TS_LOAD=1 to print the stack of what loads it.
import { createRequire } from 'module';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

const primitive = (v) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** A primitive or an enum (a flat object of numbers and strings): copied as is. */
function plainData(value) {
  if (primitive(value)) return true;
  return typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(primitive);
}

function standIn(real, realPath) {
  const data = {};
  const lazy = [];
  for (const key of Object.getOwnPropertyNames(real)) {
    if (key === '__esModule' || key === 'default') continue;
    const value = real[key];
    if (plainData(value)) data[key] = value;
    else lazy.push(key);
  }
  return [
    '"use strict";',
    // The exports live on a prototype: esbuild's ESM interop copies a module's own properties
    // into every importing module (48 of them, 2,244 exports each: ~65 ms), inherited ones not.
    `const proto = ${JSON.stringify(data)};`,
    `const lazy = ${JSON.stringify(lazy)};`,
    'let real;',
    'function load() {',
    '  if (real) return real;',
    `  if (process.env.API_WARDEN_TRACE_TS_LOAD) console.error(new Error('TypeScript loaded').stack);`,
    `  real = require(${JSON.stringify(realPath)});`,
    '  for (const key of Object.getOwnPropertyNames(real)) Object.defineProperty(proto, key, { value: real[key], writable: true, enumerable: true, configurable: true });',
    '  return real;',
    '}',
    'for (const key of lazy) Object.defineProperty(proto, key, { get: () => load()[key], enumerable: true, configurable: true });',
    'module.exports = Object.create(proto);',
  ].join('\n');
}

export const lazyTypescript = {
  name: 'lazy-typescript',
  setup(build) {
    const realPath = require.resolve('typescript');
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: 'typescript', namespace: 'lazy-typescript' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-typescript' }, () => ({
      contents: standIn(require('typescript'), realPath),
      loader: 'js',
      resolveDir: root,
    }));
  },
};
