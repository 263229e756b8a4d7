# Gazette: `make run` serves the sample site, `make test` runs every test.
# Both install what is missing first (tools/setup.sh).

SHELL := /bin/bash
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)

PORT ?= 8080
# The archive `make bench` publishes beside Hugo.
BENCH_STORIES ?= 100000
TRUNK := trunk --skip-version-check
WASM_TEST := wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --mode no-install

.PHONY: setup build build-news build-sites run serve test lint fmt test-native test-browser test-e2e test-fuzz fuzz bench schema clean

setup:
	@tools/setup.sh

## Build the deployable site into dist/ (and, for the tests, dist-news/ for /news/).
build: setup
	$(TRUNK) build --release

build-news: setup
	$(TRUNK) build --release --public-url /news/ --dist dist-news

## Build, then serve dist/ at http://127.0.0.1:$(PORT) as a static host would.
run: build serve

serve:
	@echo "Gazette is being served at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	@/usr/bin/python3 tools/serve.py dist --port $(PORT)

## Every test: formatting, lints, native, fuzz, browser and end-to-end,
## each layer (and each end-to-end file) timed, the times printed at the end.
test:
	@tools/test.sh

lint:
	cargo fmt --all --check
	cargo fmt --manifest-path fuzz/Cargo.toml --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features csr,bench --lib --bins --tests --locked -- -D warnings
	# The site's build, its split points chunks of their own (src/split.rs).
	cargo clippy --target wasm32-unknown-unknown --features csr,split --lib --bins --locked -- -D warnings
	# The catalogs' dates, digits, lists and quotes are CLDR's (tools/catalogs.mjs).
	node tools/catalogs.mjs --check

fmt:
	cargo fmt --all
	node tools/catalogs.mjs
	cargo fmt --manifest-path fuzz/Cargo.toml

## docs/feed-format.schema.json made again from the wire types (feed/src/wire.rs);
## test-native fails while the committed schema differs from them.
schema:
	GAZETTE_WRITE_SCHEMA=1 cargo test --locked -p gazette-feed --lib wire

## Pure logic, natively.
test-native:
	cargo test --workspace --lib --bins --tests --locked

## The feed reader and the HTML allowlist under libFuzzer: briefly here,
## longer by hand (make fuzz, or make fuzz LONG_FUZZ_SECONDS=3600).
FUZZ_SECONDS ?= 15
test-fuzz:
	@tools/fuzz.sh $(FUZZ_SECONDS)

LONG_FUZZ_SECONDS ?= 600
fuzz:
	@tools/fuzz.sh $(LONG_FUZZ_SECONDS)

## Components mounted in headless Chromium.
test-browser:
	$(WASM_TEST) -- --features csr --test web --locked

## Both builds the end-to-end tests serve: dist/ and dist-news/ (under /news/).
build-sites: build build-news

## The built site, served on loopback, driven by Playwright, one file at a
## time, each timed. The figures measured on the way are printed again at
## the end, beside the result.
test-e2e: build-sites
	@tools/e2e.sh

## Benchmarks: figures printed, nothing fails on time (the budgets fail make test).
bench: build
	@GAZETTE_SETUP=bench tools/setup.sh
	@echo "## Native parse and index of synthetic archives"
	@cargo run -q --locked --profile native-bench -p gazette-cli --bin feed-bench
	@echo
	@echo "## The built site against its budgets (tools/bench.mjs)"
	@mkdir -p target
	@$(WASM_TEST) --release -- --features csr,bench --test bench --locked -- --nocapture 2>&1 | grep '^BENCH' | sed 's/^BENCH //' > target/bench-wasm.txt
	@node tools/bench.mjs target/bench-wasm.txt
	@echo
	@echo "## The whole archive beside Hugo (tools/bench-archive.mjs; BENCH_STORIES=$(BENCH_STORIES))"
	@node tools/bench-archive.mjs $(BENCH_STORIES)

clean:
	cargo clean
	rm -rf dist dist-news
