#!/bin/sh
# Installs what the build needs and a fresh machine lacks: a C linker (scripts/system-deps.sh), the wasm32 target,
# wasm-bindgen-cli equal to the pinned crate (0.2.130), and the npm dev tools from the lock file (package.json's
# allowScripts lets esbuild's and workerd's install scripts run: they only link their platform binary, and npm 11
# warns about every install script not listed there). Safe to run again: it skips what is there.
set -eu
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
./scripts/system-deps.sh build
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q ' 0\.2\.130$'; then
  # Not --locked: its lock names a crate version the registry lacks. Takes ~4 minutes.
  cargo install wasm-bindgen-cli --version 0.2.130
fi
if [ ! -f node_modules/.installed ] || [ package-lock.json -nt node_modules/.installed ]; then
  npm ci --no-audit --no-fund
  touch node_modules/.installed
fi
