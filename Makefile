# The localisation build. `make` runs the whole pipeline; `make test` runs the tests.
# Both create .venv and install into it first.

PYTHON ?= python3
VENV ?= .venv
# Which extra to install: mt (default: machine translation), test, or base (no MT libraries).
EXTRAS ?= mt
PY := $(VENV)/bin/python
PIP_INSTALL := $(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e
L10N := $(VENV)/bin/l10n
# What every step needs first: the package installed into $(VENV) with $(EXTRAS).
INSTALL := $(VENV)/.installed-$(EXTRAS)
# The folders the settings name ([tool.l10n] source_dir, locales_dir, build_dir) and the Argos
# package store, as the pipeline reads them: read once, when a step first needs them.
FOLDERS = $(eval FOLDERS := $$(shell $$(PYTHON) -m pipeline.config))$(FOLDERS)
folder = $(if $(filter folders:,$(firstword $(FOLDERS))),$(word $(1),$(FOLDERS)),$(error $(or $(FOLDERS),cannot read the settings)))
SOURCE_DIR = $(call folder,2)
LOCALES_DIR = $(call folder,3)
BUILD_DIR = $(call folder,4)
ARGOS_STORE = $(call folder,5)
STAMPS = $(BUILD_DIR)/.stamps

# No built-in rules: make would otherwise look for a way to remake every file it sees.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

.DEFAULT_GOAL := all
.PHONY: all extract update translate build review preview check test lint clean distclean
.DELETE_ON_ERROR:
# The steps run one after the other (each uses every core itself): `make -j build review`
# runs extract, update and translate once, not once for each.
.NOTPARALLEL:

# The review pages are not part of `make`: a first review judges every entry (as `check` does),
# which an editor publishing need not wait for; translators run `make review`.
all: build

# The install is redone only when what it installs changes: the stamp holds the [project]
# and [build-system] tables and the constraints, so editing the [tool.l10n] settings of an
# offline machine re-runs the pipeline, never pip.
$(VENV)/.installed-%: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -c 'import json, sys, tomllib; d = tomllib.load(open("pyproject.toml", "rb")); \
	print(json.dumps([d.get("build-system"), d.get("project"), sys.argv[1]], sort_keys=True))' \
	  '$*' > $@.want && cat constraints.txt >> $@.want
	@if cmp -s $@.want $@; then touch $@; rm -f $@.want; else \
	  echo "$(PIP_INSTALL) '.[$*]'" && $(PIP_INSTALL) '.[$*]' && mv $@.want $@; fi

# File names are data: no rule and no recipe names a source or a catalog, so nothing a
# contributor names reaches make's parser or a shell. A step runs when its stamp is missing or
# anything in its input folders is newer (find prints the first such path; make only tests
# whether it printed one); the command finds its files itself and does only what changed
# since its last run (it keeps a ledger of content digests in build/.l10n), so adding an
# article costs that article, not the archive.
# $(call newer,STAMP,PATHS[,TESTS]): the first of PATHS, or of the files under them that pass
# find's TESTS, modified or changed after STAMP was. The change time catches a file written
# back with its old modification time (`cp -p`, `rsync -a`, `tar -x`).
newer = $(shell find $(2) $(3) \( -newer $(1) -o -cnewer $(1) \) -print -quit 2>/dev/null)
# $(call latest,STEPS): the stamp of the step that finished last.
latest = $(firstword $(shell ls -t $(addprefix $(STAMPS)/,$(1)) 2>/dev/null))
# $(call from_changed,STEPS): STEPS from the first whose stamp is missing or whose
# $(STEP_changed) names an input modified since. A step's inputs include the stamp of the
# step before it, so once one step runs, every later one does.
from_changed = $(if $(1),$(if $(or $(if $(wildcard $(STAMPS)/$(firstword $(1))),,missing),$(strip $($(firstword $(1))_changed))),$(1),$(call from_changed,$(wordlist 2,$(words $(1)),$(1)))))
# $(call chain,STEPS): the recipe of a target: the steps from the first that changed, in one
# process (`l10n run`, which touches each step's stamp as the step succeeds), or nothing.
chain = $(call run_steps,$(strip $(call from_changed,$(1))))
run_steps = $(if $(1),$(L10N) run --stamps $(STAMPS) $(1),@:)

# Templates follow the sources and the settings; a template edited by hand (or by a pull
# request) is made again from its source.
extract_changed = $(call newer,$(STAMPS)/extract,$(SOURCE_DIR) pyproject.toml) \
  $(call newer,$(STAMPS)/extract,$(LOCALES_DIR),-name '*.pot')
extract: | $(INSTALL)
	$(call chain,extract)

# Catalogs follow the templates, and a catalog saved since the last step that wrote catalogs
# (update, or translate after it: a PO file from another branch, an editor's layout) is merged
# again; so is a folder of catalogs changed since, where one was deleted (made again) or moved.
update_changed = $(call newer,$(STAMPS)/update,$(STAMPS)/extract pyproject.toml) \
  $(call newer,$(call latest,update translate),$(LOCALES_DIR),\( -name '*.po' -o -type d \))
update: | $(INSTALL)
	$(call chain,extract update)

# Machine drafts for new segments (fuzzy, for review). Without an installed model it reports
# what to install and succeeds. Re-runs when the catalogs, the glossary or the package store
# (installing a model) change; with nothing new it loads no model and takes well under a second.
translate_changed = $(call newer,$(STAMPS)/translate,$(STAMPS)/update $(LOCALES_DIR) $(ARGOS_STORE))
translate: | $(INSTALL)
	$(call chain,extract update translate)

build_changed = $(call newer,$(STAMPS)/build,$(STAMPS)/translate $(SOURCE_DIR) $(LOCALES_DIR) \
  pyproject.toml)
build: | $(INSTALL)
	$(call chain,extract update translate build)

# The translators' pages (build/review/<lang>/<doc>.html and index.html): only the pages of
# articles whose catalog, source or settings changed are made again.
review_changed = $(call newer,$(STAMPS)/review,$(STAMPS)/translate $(SOURCE_DIR) $(LOCALES_DIR) \
  pyproject.toml)
review: | $(INSTALL)
	$(call chain,extract update translate review)

# PNG screenshots of every built page (headless Chromium) in build/preview/, to look at.
preview: build
	$(L10N) preview

# Coverage and quality of the current catalogs against the thresholds in pyproject.toml:
# fails (exit 1) when a language is not ready, so CI refuses the article.
check: update | $(INSTALL)
	$(L10N) check

# The tests in a process a core (pytest-xdist), each file's on one worker, so that a module's
# fixtures (the cluster tests' local Ray) start once; `$(PY) -m pytest FILE` runs one file.
test: $(VENV)/.installed-test
	$(PY) -m pytest -q -n auto --dist loadfile

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check pipeline tests bench
	$(VENV)/bin/ruff format --check pipeline tests bench

clean:
	rm -rf $(BUILD_DIR)

distclean: clean
	rm -rf $(VENV)

# docs/cli.md from the commands' --help text (tests/test_docs.py fails when it is stale).
.PHONY: docs
docs: | $(INSTALL)
	$(PY) -m pipeline.clidoc > docs/cli.md.tmp && mv docs/cli.md.tmp docs/cli.md
