# The localisation build. `make` runs the whole pipeline; `make test` runs the tests.
# Both create .venv and install into it first.

PYTHON ?= python3
VENV ?= .venv
# Which extra to install: mt (default: machine translation), test, or base (no torch).
EXTRAS ?= mt
PY := $(VENV)/bin/python
L10N := $(VENV)/bin/l10n
STAMPS := build/.stamps
SOURCES := $(wildcard source/*.txt)
POTS := $(SOURCES:source/%.txt=locales/%.pot)
POS = $(wildcard locales/*/LC_MESSAGES/*.po)

.DEFAULT_GOAL := all
.PHONY: all extract update test clean distclean
.DELETE_ON_ERROR:

all: $(STAMPS)/update

$(VENV)/.installed-%: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[$*]'
	touch $@

extract: $(POTS)

locales/%.pot: source/%.txt | $(VENV)/.installed-$(EXTRAS)
	$(L10N) extract $<
	touch $@

update: $(STAMPS)/update

$(STAMPS)/update: $(POTS) pyproject.toml | $(VENV)/.installed-$(EXTRAS)
	$(L10N) update
	@mkdir -p $(@D) && touch $@

test: $(VENV)/.installed-test
	$(PY) -m pytest -q

clean:
	rm -rf build

distclean: clean
	rm -rf $(VENV)
