# The two commands a newcomer needs: `make demo` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: all setup build pack test test-rust test-vectors test-emulator test-node test-workerd test-browser \
	test-types test-examples test-console test-hardening test-bench fuzz fuzz-smoke demo bench bench-hostile live-check clean

all: build

## setup: the wasm32 target, wasm-bindgen-cli 0.2.130, and the npm dev tools from the lock file
setup:
	./scripts/setup.sh

## build: pkg/, the npm package (wasm + glue + runtime shims + types)
build: setup
	./scripts/build.sh

## pack: npm pack pkg/ and install the tarball by name into every test project
pack: build
	./scripts/pack.sh

## test: every test
test: setup test-rust test-vectors test-emulator pack test-node test-types test-workerd test-browser test-examples \
	test-console test-hardening test-bench fuzz-smoke
	@echo "make test: all passed"

test-rust:
	cargo test

test-vectors:
	python3 tests/vectors/check.py

test-emulator:
	node --test --test-concurrency=1 tests/emulator/

test-node:
	node --test --test-concurrency=1 tests/node/

test-types:
	./tests/types/run.sh

test-workerd:
	node tests/workerd/run.mjs
	node --test --test-concurrency=1 tests/workerd/lifecycle.test.mjs

test-browser:
	node tests/browser/run.mjs

test-examples:
	node tests/examples/run.mjs

test-console:
	node tests/console/run.mjs

test-hardening:
	node --test --test-concurrency=1 tests/hardening/

test-bench:
	node bench/run.mjs --smoke

fuzz-smoke:
	./scripts/fuzz.sh smoke

## fuzz: at least 10^6 inputs per target
fuzz:
	./scripts/fuzz.sh full

## bench: the side-by-side tables
bench: pack
	node bench/run.mjs

## bench-hostile: parse time per byte of hostile XML answers from 100 KB to 4 MiB (docs/performance.md)
bench-hostile: pack
	node bench/hostile-xml.mjs

## demo: build, start the emulator and the console behind the forwarder, print the URL
demo: build
	node scripts/demo.mjs

## live-check: opt-in, read-only call to the REAL gateway with NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY (never in make test)
live-check: build
	node scripts/live-check.mjs

clean:
	rm -rf pkg target .scratch node_modules
