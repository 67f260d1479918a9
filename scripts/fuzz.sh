#!/bin/sh
# Runs the fuzz targets (tests/fuzz_*.rs: proptest, since cargo-fuzz needs a nightly toolchain) and prints the number
# of inputs each one reached. Zero panics is the property; any failure is shrunk, saved beside the target in
# tests/fuzz_<name>.proptest-regressions (replayed first next time), and must become a named regression test.
#
#   ./scripts/fuzz.sh smoke   # make test: 1,000 cases per target, debug build shared with `cargo test` (~10 s)
#   ./scripts/fuzz.sh full    # make fuzz: 1,000,000 cases per target, optimised build with overflow checks
#
# FUZZ_CASES overrides the case count; FUZZ_THREADS the number of targets run at once (default: the CPUs).
set -eu
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
mode=${1:-smoke}
targets="--test fuzz_response --test fuzz_options --test fuzz_encode --test fuzz_connect"
case "$mode" in
  smoke)
    export FUZZ_CASES="${FUZZ_CASES:-1000}"
    profile=""
    ;;
  full)
    export FUZZ_CASES="${FUZZ_CASES:-1000000}"
    # Its own target directory, so a full run neither waits for nor invalidates the wasm and debug builds. Speed
    # without LTO; overflow checks and debug assertions on, so arithmetic that would silently wrap in the wasm
    # build is caught as a panic here.
    export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/fuzz}"
    export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=true CARGO_PROFILE_RELEASE_DEBUG_ASSERTIONS=true
    profile="--release"
    ;;
  *)
    echo "usage: $0 smoke|full" >&2
    exit 2
    ;;
esac
threads=${FUZZ_THREADS:-$(nproc 2>/dev/null || echo 2)}
mkdir -p .scratch
log=.scratch/fuzz-$mode.log
started=$(date +%s)
echo "fuzz $mode: $FUZZ_CASES cases per target, $threads at a time"
# shellcheck disable=SC2086
cargo test $profile --quiet $targets --no-run
status=0
# shellcheck disable=SC2086
RUST_BACKTRACE=0 cargo test $profile --quiet $targets -- --nocapture --test-threads="$threads" >"$log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - started ))
# With several test threads a count may share a line with libtest's own output: match it anywhere.
counts=$(grep -o 'FUZZ-COUNT .*' "$log" || true)
echo "$counts" | sed 's/^FUZZ-COUNT /  /' | sort
targets_run=$(echo "$counts" | grep -c 'FUZZ-COUNT' || true)
short=$(echo "$counts" | awk -v want="$FUZZ_CASES" '{ for (i = 1; i <= NF; i++) if ($i ~ /^inputs=/) { split($i, kv, "="); if (kv[2] + 0 < want + 0) print } }')
if [ "$status" -ne 0 ] || [ "$targets_run" -lt 14 ] || [ -n "$short" ]; then
  grep -v '^  *[0-9]*: \|^             at ' "$log" | tail -n 60 >&2
  echo "fuzz $mode: FAILED after ${elapsed}s (full log: $log)" >&2
  exit 1
fi
echo "fuzz $mode: $targets_run targets, each >= $FUZZ_CASES inputs, 0 panics, ${elapsed}s (log: $log)"
