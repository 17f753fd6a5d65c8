#!/usr/bin/env bash
# Installs a real VS Code for the end-to-end tests, from the npm registry and Debian only.
#
# @vscode/test-electron would download VS Code from Microsoft, which CI cannot reach. The npm
# package `code-server` bundles a complete VS Code server + web workbench (lib/vscode) whose
# extension host is plain Node, so our language client/server runs in it unchanged; Debian's
# chromium shows the workbench. Some of code-server's install steps download binaries from
# GitHub; this script skips them and builds/links the same pieces locally instead.
#
#   scripts/install-code-server.sh [DEST]     DEST defaults to .vscode-test/code-server
#   CODE_SERVER_VERSION (default 4.100.3: VS Code 1.100.3, the newest whose engines allow Node 20)
#
# Idempotent: a marker file per version makes a second run a no-op (about 0.1 s).
# Leaves DEST/node_modules/code-server/lib/vscode/out/server-main.js and DEST/bin/node (the Node
# the native addons were compiled for; scripts/e2e/* start the server with it).
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
DEST="${1:-.vscode-test/code-server}"
mkdir -p "$DEST"
DEST="$(cd "$DEST" && pwd)"
# The native addons are built for one Node ABI: a different Node means a new install.
MARKER="$DEST/.installed-$VERSION-abi$(node -p process.versions.modules)"
VSCODE_DIR="$DEST/node_modules/code-server/lib/vscode"

log() { echo "install-code-server: $*"; }

# Debian packages, each only when missing (apt-get update only if something is to be installed):
#   chromium     the browser that renders the workbench (driven headless by playwright-core)
#   ripgrep      replaces @vscode/ripgrep's download from GitHub (search, file pickers)
#   libkrb5-dev  headers the `kerberos` native addon compiles against
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages (${missing[*]}); run as root or install them first" >&2
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f "$MARKER" ] && [ -f "$VSCODE_DIR/out/server-main.js" ]; then
  log "code-server $VERSION already installed in $DEST"
  exit 0
fi

started=$SECONDS
# npx inside node-pty's build asks "Ok to proceed?" and CI has no stdin: answer yes.
export npm_config_yes=true npm_config_fund=false npm_config_audit=false \
  npm_config_update_notifier=false npm_config_loglevel=error
cd "$DEST"
[ -f package.json ] || printf '{ "name": "api-warden-vscode-test", "private": true }\n' > package.json
mkdir -p bin
ln -sf "$(command -v node)" bin/node
log "installing code-server $VERSION with node $(node -v)"

# 1. The package without its postinstall (which downloads ripgrep from GitHub and fails offline).
npm install --no-save --ignore-scripts "code-server@$VERSION"
# 2. code-server's own native addon: its prebuilt download fails, so it compiles from source.
npm rebuild argon2 --dangerously-allow-all-scripts >/dev/null

# 3. The VS Code server's own dependencies, again without download steps, then the native
#    addons compiled for this Node (node-pty, spdlog, kerberos, ...).
cd "$VSCODE_DIR"
npm install --omit=dev --ignore-scripts
if [ -d node_modules/@vscode/ripgrep ]; then
  # Debian's rg where @vscode/ripgrep expects its downloaded binary.
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
fi
npm rebuild --dangerously-allow-all-scripts >/dev/null
# What code-server's postinstall would have set up: the asar alias and the CLI helper names.
if grep -q symlink_asar "$DEST/node_modules/code-server/postinstall.sh" 2>/dev/null; then
  rm -rf node_modules.asar && ln -s node_modules node_modules.asar
fi
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
# Built-in extensions (the YAML/JSON/TypeScript language support our activation events rely on).
(cd extensions && npm install --omit=dev)

version="$(node out/server-main.js --version | head -1)"
touch "$MARKER"
log "installed VS Code $version in $((SECONDS - started)) s: $VSCODE_DIR/out/server-main.js"
