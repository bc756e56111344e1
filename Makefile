# The localisation build. `make` runs the whole pipeline; `make test` runs the tests.
# Both create .venv and install into it first.

PYTHON ?= python3
VENV ?= .venv
# Which extra to install: mt (default: machine translation), test, or base (no torch).
EXTRAS ?= mt
PY := $(VENV)/bin/python
L10N := $(VENV)/bin/l10n
STAMPS := build/.stamps
SOURCES := $(wildcard source/*.txt source/*.md source/*.html)
POS = $(wildcard locales/*/LC_MESSAGES/*.po)

# No built-in rules: make would otherwise look for a way to remake each of the archive's
# thousands of sources and catalogs on every run.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

.DEFAULT_GOAL := all
.PHONY: all extract update translate build preview check test lint clean distclean
.DELETE_ON_ERROR:

all: $(STAMPS)/build

$(VENV)/.installed-%: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[$*]'
	touch $@

# Every step is one process for the whole archive, and each command does only what changed
# since its last run (it keeps a ledger of content digests in build/.l10n): adding an article
# costs that article, not the archive. Make skips a step whose inputs are older than its stamp.
extract: $(STAMPS)/extract

# The templates of the sources that changed since the last extract (all of them when the
# settings changed); the command itself skips any whose template is already up to date.
$(STAMPS)/extract: $(SOURCES) source pyproject.toml | $(VENV)/.installed-$(EXTRAS)
	$(L10N) extract $(if $(filter pyproject.toml,$?),,$(filter source/%,$?))
	@mkdir -p $(@D) && touch $@

update: $(STAMPS)/update

$(STAMPS)/update: $(STAMPS)/extract pyproject.toml | $(VENV)/.installed-$(EXTRAS)
	$(L10N) update
	@mkdir -p $(@D) && touch $@

translate: $(STAMPS)/translate

# Machine drafts for new segments (fuzzy, for review). Without an installed model it reports
# what to install and succeeds. Re-runs when the PO files, the glossary or the package store
# (installing a model) change; with nothing new it loads no model and takes well under a second.
ARGOS_STORE := $(or $(ARGOS_PACKAGES_DIR),$(or $(XDG_DATA_HOME),$(HOME)/.local/share)/argos-translate/packages)
$(STAMPS)/translate: $(STAMPS)/update $(POS) $(wildcard locales/glossary.csv) $(wildcard $(ARGOS_STORE)) | $(VENV)/.installed-$(EXTRAS)
	$(L10N) translate
	@mkdir -p $(@D) && touch $@

build: $(STAMPS)/build

$(STAMPS)/build: $(STAMPS)/translate $(SOURCES) source $(POS) pyproject.toml | $(VENV)/.installed-$(EXTRAS)
	$(L10N) build
	@mkdir -p $(@D) && touch $@

# PNG screenshots of every built page (headless Chromium) in build/preview/, to look at.
preview: $(STAMPS)/build
	$(L10N) preview

# Coverage and quality of the current catalogs against the thresholds in pyproject.toml:
# fails (exit 1) when a language is not ready, so CI refuses the article.
check: $(STAMPS)/update | $(VENV)/.installed-$(EXTRAS)
	$(L10N) check

test: $(VENV)/.installed-test
	$(PY) -m pytest -q

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check pipeline tests bench
	$(VENV)/bin/ruff format --check pipeline tests bench

clean:
	rm -rf build

distclean: clean
	rm -rf $(VENV)

# docs/cli.md from the commands' --help text (tests/test_docs.py fails when it is stale).
.PHONY: docs
docs: | $(VENV)/.installed-$(EXTRAS)
	$(PY) -m pipeline.clidoc > docs/cli.md.tmp && mv docs/cli.md.tmp docs/cli.md
