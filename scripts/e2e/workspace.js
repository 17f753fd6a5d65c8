// The workspace the end-to-end tests open: a throw-away copy of examples/demo-shop (tests edit
// and the audit writes nothing, but a copy keeps the repository clean whatever happens).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { repoRoot } = require('./vscode-paths');

const DEMO = path.join(repoRoot, 'examples/demo-shop');

function copyWorkspace(prefix) {
  const source = DEMO;
  if (!fs.existsSync(path.join(source, 'openapi.yaml'))) throw new Error(`${source}/openapi.yaml is missing`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const ws = path.join(root, path.basename(source));
  fs.cpSync(source, ws, { recursive: true, filter: (src) => !src.split(path.sep).includes('node_modules') });
  return { root, ws, source };
}

module.exports = { copyWorkspace };
