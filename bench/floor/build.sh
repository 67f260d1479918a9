#!/bin/sh
# Builds the bench's floors (bench/floor/src/lib.rs) as scripts/build.sh builds the package: cargo, wasm-bindgen
# --target web, wasm-opt -Oz. Into bench/.out/floor/bare/ and bench/.out/floor/job/: each ncloud_vpc_floor.js (the
# glue) and ncloud_vpc_floor_bg.wasm.
set -eu
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"
out=../.out/floor
for kind in bare job; do
  features=""
  [ "$kind" = job ] && features="--features job"
  cargo build --release --target wasm32-unknown-unknown --target-dir "$out/target" --quiet $features
  rm -rf "$out/$kind" && mkdir -p "$out/$kind"
  wasm-bindgen --target web --out-dir "$out/$kind" --out-name ncloud_vpc_floor --no-typescript \
    "$out/target/wasm32-unknown-unknown/release/ncloud_vpc_floor.wasm"
  ../../node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers "$out/$kind/ncloud_vpc_floor_bg.wasm" \
    -o "$out/$kind/ncloud_vpc_floor_bg.wasm"
done
