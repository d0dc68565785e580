# `make` installs whatever is missing and builds every output of manuscript/ into dist/;
# `make test` runs the test suite. Both work on a fresh Debian machine (as root, or with sudo).
SHELL := /bin/bash
.DEFAULT_GOAL := all
export PUPPETEER_SKIP_DOWNLOAD := 1

MANUSCRIPT ?= manuscript
OUT ?= dist
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# What the build and the tests need from Debian, each with the file that proves it is there.
# The JDK is for the tests: tests/helpers/EpubcheckBatch.java runs as a source program.
# Chromium's headless shell prints the PDFs; the full Chromium is the fallback, and the
# tests' reader (the web page, Ace), and the lock-down is tested in both.
SYSTEM_DEPS := \
  chromium-headless-shell:/usr/lib/chromium/chromium-headless-shell \
  chromium:/usr/bin/chromium \
  epubcheck:/usr/share/java/epubcheck.jar \
  default-jre-headless:/usr/bin/java \
  default-jdk-headless:/usr/bin/javac \
  poppler-utils:/usr/bin/pdftotext \
  citation-style-language-styles:/usr/share/citation-style-language/styles/chicago-fullnote-bibliography-with-ibid.csl \
  citation-style-language-locales:/usr/share/citation-style-language/locales/locales-en-US.xml

.PHONY: all system-deps deps compile outputs test typecheck bench mutation clean

all: outputs

system-deps:
	@missing=""; for dep in $(SYSTEM_DEPS); do pkg=$${dep%%:*}; file=$${dep#*:}; \
	  [ -e "$$file" ] || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

deps: system-deps node_modules/.package-lock.json

# Type-check with tsc, then bundle with esbuild (start-up is half as long as tsc's many files).
# Chromium first: scripts/build.mjs builds the real manuscript's PDF for lib/'s code cache.
lib/pamphlet.js: node_modules/.package-lock.json $(shell find src -name '*.ts') tsconfig.json scripts/build.mjs scripts/bundle-options.mjs | system-deps
	npx tsc -p tsconfig.json
	node scripts/build.mjs

compile: system-deps lib/pamphlet.js

outputs: compile
	node bin/pamphlet.js build $(MANUSCRIPT) --out $(OUT)

typecheck: deps
	npx tsc -p tsconfig.json
	npx tsc -p tsconfig.tests.json

test: compile
	npx tsc -p tsconfig.tests.json
	npx vitest run

bench: compile
	node scripts/bench.mjs
	node scripts/bench-preview.mjs

# Mutation testing (StrykerJS): slow, so not part of `make test`; incremental, so a rerun
# after a small change tries only the mutants it touches. Report: reports/mutation/.
# One folder at a time: make mutation MUTATE='src/config/**/*.ts' (each run keeps its own
# incremental file, so folders measured one by one do not forget each other's results).
MUTATE ?=
MUTATION_SLUG = $(if $(MUTATE),$(shell printf '%s' '$(MUTATE)' | tr -c 'A-Za-z0-9' '-' | tr -s '-'),all)
mutation: deps
	npx stryker run $(if $(MUTATE),--mutate '$(MUTATE)') --incrementalFile reports/mutation/incremental-$(MUTATION_SLUG).json

clean:
	rm -rf lib dist .bench
