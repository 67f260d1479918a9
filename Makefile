# The two commands a newcomer needs: `make demo` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: all setup setup-test setup-browser setup-sdk build pack test test-rust test-vectors test-emulator test-sdk \
	test-node test-workerd test-browser test-types test-examples test-console test-hardening test-bench fuzz fuzz-smoke \
	demo screenshots bench bench-hostile live-check clean

all: build

## setup: a C linker (apt, when missing), the wasm32 target, wasm-bindgen-cli 0.2.130, the npm dev tools from the lock
setup:
	./scripts/setup.sh

## setup-test: what the tests need beyond the build, installed with apt-get when missing (as root; otherwise it stops
## and prints the command): Chromium, and a python3 that makes virtual environments; then the Python SDK's venv
setup-test: setup
	./scripts/system-deps.sh browser python
	./scripts/setup-sdk.sh

setup-browser:
	./scripts/system-deps.sh browser

## setup-sdk: NCP's official Python SDK, pinned (tests/sdk/requirements.txt), in .venv-sdk/
setup-sdk:
	./scripts/setup-sdk.sh

## build: pkg/, the npm package (wasm + glue + runtime shims + types)
build: setup
	./scripts/build.sh

## pack: npm pack pkg/ and install the tarball by name into every test project
pack: build
	./scripts/pack.sh

## test: every test
test: setup-test test-rust test-vectors test-emulator test-sdk pack test-node test-types test-workerd test-browser \
	test-examples test-console test-hardening test-bench fuzz-smoke
	@echo "make test: all passed"

test-rust:
	cargo test

test-vectors:
	python3 tests/vectors/check.py

test-emulator:
	node --test --test-concurrency=1 tests/emulator/

## test-sdk: NCP's official Python SDK, unmodified, drives the peering, VPC and route actions against the emulator
test-sdk: setup-sdk
	PYTHONDONTWRITEBYTECODE=1 .venv-sdk/bin/python -m unittest discover -s tests/sdk -v

test-node:
	node --test --test-concurrency=1 tests/node/

test-types:
	./tests/types/run.sh

test-workerd:
	node tests/workerd/run.mjs
	node --test --test-concurrency=1 tests/workerd/lifecycle.test.mjs tests/workerd/connect.test.mjs

test-browser: setup-browser
	node tests/browser/run.mjs
	node --test --test-concurrency=1 tests/browser/connect.test.mjs

test-examples: setup-browser
	node tests/examples/run.mjs

test-console: setup-browser
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

## demo: build, start the emulator and the console behind the forwarder, print the URL and the demo keys;
## `make demo QUIET=1` leaves out the emulator's line per request
demo: build
	node scripts/demo.mjs $(if $(QUIET),--quiet)

## screenshots: the console's main views at 1280×900 and 390×844, into docs/screenshots/ (the demo in Chromium)
screenshots: build setup-browser
	node scripts/screenshots.mjs

## live-check: opt-in, read-only call to the REAL gateway with NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY (never in make test)
live-check: build
	node scripts/live-check.mjs

clean:
	rm -rf pkg target .scratch node_modules .venv-sdk
