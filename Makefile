# Convenience targets around CMake. `make demo` and `make check` are the two
# set-up commands in the README (after scripts/install-deps.sh).
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= 2

.PHONY: all build demo check check-data check-all check-source asan fuzz bench install clean

all: build

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(BUILD) -j$(JOBS)

demo: build
	./$(BUILD)/chorus digest examples/story/*

# Test tiers: check (fast, nothing outside the repository), check-data (the
# tests on ../shared/data, skipped with a message when it is absent), check-all
# (both, the source layout rules, sanitizers and short fuzzing: what CI runs).
check: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) -L fast

check-data: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) -L data

check-source: build
	python3 scripts/check-layout.py $(BUILD)

check-all: check-source check check-data asan
	FUZZ_SEED=1 bash scripts/fuzz.sh $(or $(FUZZ_SECONDS),20)

asan:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCHORUS_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j$(JOBS)

fuzz:
	bash scripts/fuzz.sh $(or $(SECONDS),60)

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
