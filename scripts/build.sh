#!/bin/sh
# Builds pkg/: the npm package ncloud-vpc-wasm, from the Rust crate and pkg-template/.
# One .wasm (wasm-bindgen --target web) serves every runtime through the entry shims in pkg-template/.
set -eu
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release --target wasm32-unknown-unknown
rm -rf pkg && mkdir -p pkg
wasm-bindgen --target web --out-dir pkg --out-name ncloud_vpc_wasm --no-typescript \
  target/wasm32-unknown-unknown/release/ncloud_vpc_wasm.wasm
# binaryen from npm (v132); Debian's v108 emits broken modules.
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers pkg/ncloud_vpc_wasm_bg.wasm -o pkg/ncloud_vpc_wasm_bg.wasm
# The CommonJS twin of the glue, for `require` (Node 20 cannot require ESM), bundled with the JS helpers it
# imports from snippets/ (ESM too). esbuild marks the export names so that Node's ESM loader sees them through node.mjs.
node_modules/.bin/esbuild pkg/ncloud_vpc_wasm.js --bundle --format=cjs --platform=node --log-level=warning --log-override:empty-import-meta=silent \
  --outfile=pkg/ncloud_vpc_wasm.cjs
cp pkg-template/package.json pkg-template/*.mjs pkg-template/*.cjs pkg-template/*.d.ts pkg/
cp pkg-template/README.md pkg/ 2>/dev/null || cp README.md pkg/
# The JS layer that makes the named API from the wasm's table (api.mjs): its CommonJS twin for node.cjs; the named
# export lists of the ES-module entries, written from the built wasm's actions(); then esm.mjs and api.mjs as one
# module for the ES-module entries (one download fewer, comments left out), the glue kept apart.
node_modules/.bin/esbuild pkg-template/api.mjs --format=cjs --platform=node --log-level=warning --outfile=pkg/api.cjs
node scripts/exports.mjs pkg
node_modules/.bin/esbuild pkg/esm.mjs --bundle --format=esm --external:./ncloud_vpc_wasm.js --log-level=warning \
  --banner:js="// The package's API over the ES-module glue: pkg-template/esm.mjs and api.mjs, bundled by scripts/build.sh." \
  --allow-overwrite --outfile=pkg/esm.mjs
rm pkg/api.mjs
echo "built pkg/: $(wc -c < pkg/ncloud_vpc_wasm_bg.wasm) bytes of wasm, $(gzip -9c pkg/ncloud_vpc_wasm_bg.wasm | wc -c) gzipped"
