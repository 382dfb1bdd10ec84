# `make test` works on a fresh machine: it installs what is missing, builds, and runs every test and check.
SWIFT ?= swift
APT_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
# apt-get needs root: use sudo when not root and sudo is there.
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

.PHONY: all deps build release test verify bench site clean

all: build

deps:
	@if ! pkg-config --exists libcmark-gfm 2>/dev/null || [ ! -f /usr/include/cmark-gfm-core-extensions.h ]; then \
		echo "Installing $(APT_PACKAGES) with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build
	$(SWIFT) test
	$(MAKE) verify

# The course's own checks: every claim (display, inline, table, cases, exercise), workbook, math span and link.
verify: deps
	$(SWIFT) build --product mcheck
	$$($(SWIFT) build --show-bin-path)/mcheck verify --min-coverage 88
	scripts/check-paper-examples.sh $$($(SWIFT) build --show-bin-path)/mcheck

# Benchmarks in a release build (numbers and how to read them: README.md).
bench: deps
	$(SWIFT) run -c release mcheck-bench
	scripts/bench-grade.sh

clean:
	rm -rf .build _site
