# winnow's two set-up commands, on a fresh Debian 12 machine as root:
#   make demo   installs what it needs, builds (Release) and runs the main job
#   make test   installs what it needs, builds with ASan+UBSan and runs every test
# Other targets: build, fuzz, bench, clean.

DEPS := cmake ninja-build g++ clang libclang-rt-14-dev pkg-config \
        libsimdjson-dev libzstd-dev zlib1g-dev libcli11-dev libfmt-dev \
        libsodium-dev libssl-dev libgtest-dev libgmock-dev libbenchmark-dev \
        libtomlplusplus-dev libicu-dev libhyperscan-dev libstemmer-dev libphonenumber-dev \
        age zstd ripgrep openssl
JOBS ?= $(shell nproc)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FUZZ_SECONDS ?= 60

.PHONY: deps build demo test fuzz bench clean

# Installs only what is missing; silent when everything is present.
deps:
	@missing=""; for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

build: deps
	@cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DWINNOW_BUILD_TESTS=OFF >/dev/null
	@ninja -C build -j$(JOBS) winnow_cli

demo: build
	@bash scripts/demo.sh build/winnow

test: deps
	@cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
	  -DWINNOW_SANITIZE=ON -DWINNOW_BUILD_TESTS=ON >/dev/null
	@ninja -C build-asan -j$(JOBS)
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest -j$(JOBS) --output-on-failure --timeout 600

fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DWINNOW_BUILD_FUZZERS=ON -DWINNOW_BUILD_TESTS=OFF >/dev/null
	@ninja -C build-fuzz -j$(JOBS)
	@bash scripts/fuzz.sh build-fuzz $(FUZZ_SECONDS)

bench: deps
	@cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DWINNOW_BUILD_BENCHMARKS=ON \
	  -DWINNOW_BUILD_TESTS=OFF >/dev/null
	@ninja -C build-bench -j$(JOBS)
	@bash bench/run.sh build-bench
	@bash bench/corpus_run.sh build-bench
	@bash bench/match_eval.sh build-bench
	@bash bench/search_run.sh build-bench
	@bash bench/scan_eval.sh build-bench
	@bash bench/pii_eval.sh build-bench
	@/usr/bin/python3 bench/presidio_eval.py build-bench
	@bash bench/pii_peers.sh build-bench
	@bash bench/produce_run.sh build-bench

clean:
	rm -rf build build-asan build-fuzz build-bench demo
