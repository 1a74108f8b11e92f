# The two commands of the README: `make run` (the main job) and `make test` (the suite).
# Both install missing system libraries first (scripts/install-deps.sh) and build in
# release mode: the numeric kernels are 10–50× slower in a debug build.
SWIFT ?= swift
RELEASE = $(SWIFT) build -c release

.PHONY: deps build run test bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(RELEASE)

run: build
	.build/release/pinn-bench burgers --config A --iterations 200

test: deps
	$(SWIFT) test -c release

bench: build
	benchmarks/peers/compare.sh

clean:
	rm -rf .build
