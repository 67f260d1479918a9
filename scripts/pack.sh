#!/bin/sh
# Packs pkg/ the way npm publishes it, and installs the tarball by name into each test project, so every JS test
# runs against what a user installs.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
mkdir -p .scratch
rm -f .scratch/ncloud-vpc-wasm-*.tgz
tarball=$(cd pkg && npm pack --pack-destination ../.scratch --silent | tail -n 1)
echo "packed .scratch/$tarball"
for project in tests/node tests/workerd tests/browser tests/types tests/hardening examples/node examples/worker examples/browser bench; do
  [ -f "$project/package.json" ] || continue
  (cd "$project" && npm install --no-audit --no-fund --no-save --silent "$root/.scratch/$tarball")
  echo "installed into $project"
done
