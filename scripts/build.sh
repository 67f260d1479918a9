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
# export lists of the ES-module entries, written from the built wasm's actions(); then esm.mjs, api.mjs, the ES-module
# glue and its helpers (snippets/: host.js, objects.js) as one minified module for the ES-module entries, with its
# source map: a browser downloads browser.mjs, esm.mjs and the .wasm, nothing else (7 KB of gzip less than the five
# files they were). Node's entries use the CommonJS twin of the glue above, so the ES-module glue is left out of pkg/.
node_modules/.bin/esbuild pkg-template/api.mjs --format=cjs --platform=node --log-level=warning --outfile=pkg/api.cjs
node scripts/exports.mjs pkg
node_modules/.bin/esbuild pkg/esm.mjs --bundle --format=esm --minify --sourcemap --sources-content=true --log-level=warning \
  --banner:js="// ncloud-vpc-wasm's API over its ES-module glue, minified by scripts/build.sh from pkg-template/esm.mjs, api.mjs and the wasm-bindgen glue (source map: esm.mjs.map)." \
  --allow-overwrite --outfile=pkg/esm.mjs
rm -r pkg/api.mjs pkg/ncloud_vpc_wasm.js pkg/snippets
echo "built pkg/: $(wc -c < pkg/ncloud_vpc_wasm_bg.wasm) bytes of wasm, $(gzip -9c pkg/ncloud_vpc_wasm_bg.wasm | wc -c) gzipped"
