#!/bin/sh
# TypeScript: tsc --noEmit --strict on consumers that import ncloud-vpc-wasm by name from this folder's node_modules
# (the packed tarball, installed by scripts/pack.sh), in the module settings users have:
#   bundler  (Vite, webpack, esbuild, wrangler; DOM lib, no Node types: tsconfig.json)  consumer.ts, routes.ts, init*.ts  must pass
#   node16   (Node 20 ESM, @types/node, no DOM lib)                 consumer.ts, routes.ts, init.ts  must pass
#            (Node 20 CommonJS: import … = require())               consumer.cts          must pass
#   nodenext (CommonJS again, the newer resolution)                  consumer.cts          must pass
#   bundler                                                         misspelled.ts         must FAIL, naming sourceVpcNO
set -u
cd "$(dirname "$0")"
tsc=../../node_modules/.bin/tsc
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }

if [ ! -f node_modules/ncloud-vpc-wasm/package.json ] || [ ! -f node_modules/@types/node/package.json ]; then
  echo "ncloud-vpc-wasm or @types/node is not installed in tests/types: run \`make pack\` first" >&2
  exit 1
fi

bundler="--noEmit --strict --skipLibCheck false --target es2022 --module esnext --moduleResolution bundler --lib es2022,dom"
node16="--noEmit --strict --skipLibCheck false --target es2022 --module node16 --moduleResolution node16 --lib es2022 --types node"
nodenext="--noEmit --strict --skipLibCheck false --target es2022 --module nodenext --moduleResolution nodenext --lib es2022 --types node"

check() { # name, flags, files…: must compile
  name=$1; flags=$2; shift 2
  if out=$(eval "$tsc $flags $*" 2>&1); then ok "$name"; else not_ok "$name"; echo "$out" | sed 's/^/    /'; fi
}

check "bundler, DOM lib, no @types/node: every option, result, error and client type (tsconfig.json)" "-p tsconfig.json"
# `require` types come from index.d.cts (package.json maps them there; `npm pack` writes it from index.d.ts).
check "node16 with @types/node, no DOM lib: ESM (consumer.ts, routes.ts, init.ts) and CommonJS require (consumer.cts)" "$node16" consumer.ts routes.ts init.ts consumer.cts
check "nodenext CommonJS require (consumer.cts)" "$nodenext" consumer.cts

# A misspelled option must not compile, and the error must name it.
if out=$(eval "$tsc $bundler misspelled.ts" 2>&1); then
  not_ok "misspelled option (sourceVpcNO) fails to compile: it compiled"
elif echo "$out" | grep -q "'sourceVpcNO' does not exist in type 'CreateVpcPeeringInstanceOptions'"; then
  ok "misspelled option (sourceVpcNO) fails to compile, naming it: $(echo "$out" | grep -o "error TS[0-9]*" | head -1)"
else
  not_ok "misspelled option (sourceVpcNO) fails for another reason"; echo "$out" | sed 's/^/    /'
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
