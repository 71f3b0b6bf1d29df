# peptidebook — two commands do all set-up on a fresh machine:
#   make book   builds the bundled sample book into output/
#   make test   runs the whole test suite (and the real EPUB/PDF checkers)
# Both bootstrap what they need: system packages (only if missing), a .venv, pip installs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system

.PHONY: book test lint typecheck catalogs bench clean

book: $(STAMP)
	$(BIN)/peptidebook build --config examples/peptides/book.toml --output output --format epub

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

catalogs: $(STAMP)
	$(BIN)/python tools/catalogs.py

clean:
	rm -rf output build $(VENV)

$(SYSTEM_STAMP):
	@bash tools/bootstrap-system.sh
	@mkdir -p $(VENV) && touch $@

$(STAMP): pyproject.toml $(SYSTEM_STAMP)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@
