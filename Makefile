# The two commands of the README: `make run` (the main job) and `make test` (the suite).
# Both install missing system packages first (scripts/install-deps.sh) and build in
# release mode: the numeric kernels are 10–50× slower in a debug build.
SWIFT ?= swift
PROBLEM ?= problems/burgers.json

.PHONY: deps build run test bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release

run: build
	.build/release/pinn-solve $(PROBLEM)

test:
	@scripts/install-deps.sh --with-checkers
	$(SWIFT) build -c release --build-tests
	# The libFuzzer targets (into .build-fuzz, ~3 min), so the suite's short fuzz runs run.
	for target in json problem expression; do scripts/fuzz.sh $$target build || exit 1; done
	$(SWIFT) test -c release --skip-build --disable-swift-testing  # the suite is XCTest only

bench: build
	benchmarks/peers/compare.sh

clean:
	rm -rf .build
