# The two commands: `make build` (every clinic's site and PDF) and `make test` (the whole
# suite). Both set up .venv from requirements.lock on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-from-lock
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test venv serve lock clean

build: $(INSTALLED)
	$(BIN)/careguide build

test: $(INSTALLED)
	scripts/install-system-deps
	$(BIN)/careguide check
	$(BIN)/careguide lint
	scripts/install-actionlint
	$(BIN)/python -m pytest

venv: $(INSTALLED)

serve: $(INSTALLED)
	$(BIN)/careguide serve --clinic $${CLINIC:?set CLINIC to a clinic id, e.g. CLINIC=example-baltimore} --language $${LANGUAGE:-en}

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	touch $@

# Regenerate the lock after changing dependencies in pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml build-requirements.txt --extra test --generate-hashes \
	  --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf site $(VENV)
