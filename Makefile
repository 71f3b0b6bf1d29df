# peptidebook — two commands do all set-up on a fresh machine:
#   make book   builds the bundled sample book into output/ (EPUB, PDF, handouts)
#   make test   runs the whole test suite (and the real EPUB/PDF checkers)
# Both bootstrap what they need: system packages (only if missing), a .venv, pip installs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: system selfcheck book test test-fast lint typecheck catalogs bench clean

book: selfcheck
	$(BIN)/peptidebook sample --output output --format epub,pdf,handouts

# Three layers (tests/conftest.py): unit tests (no layout engine, no subprocess), integration
# (-m integration: PDFs laid out, subprocesses), conformance (-m conformance: the real checkers,
# twelve languages, the installed wheel). make test runs them all; make test-fast the first.
test: selfcheck
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-fast: selfcheck
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not integration and not conformance"

lint: $(STAMP)
	$(BIN)/ruff check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

# Speed and peak memory of books of 3 to 1,000 articles against WeasyPrint alone on the same
# XHTML, pandoc (EPUB) and calibre (PDF), side by side in one run; prints ratios, asserts
# nothing. The peers are installed only here (tools/bootstrap-bench.sh), never for book/test.
BENCH_SIZES ?= 3,30,300,1000
BENCH_PDF_MAX ?= 30
BENCH_REPEAT ?= 3
bench: $(STAMP)
	@bash tools/bootstrap-bench.sh
	$(BIN)/python bench/build_speed.py --sizes $(BENCH_SIZES) --max-pdf-articles $(BENCH_PDF_MAX) \
	  --repeat $(BENCH_REPEAT) --markdown

# Book-language catalogs (package data in src/peptidebook/locales/): extract the book's own
# strings, update every <lang>/LC_MESSAGES/*.po, compile the .mo files (built, never edited and
# not in git; i18n.py also compiles a .po in memory, and setup.py compiles them into the wheel).
catalogs: $(STAMP)
	$(BIN)/pybabel extract --no-location --sort-output --project peptidebook \
	  --copyright-holder "peptidebook contributors" -o src/peptidebook/locales/peptidebook.pot src/peptidebook
	@for po in src/peptidebook/locales/*/LC_MESSAGES/peptidebook.po; do \
	  [ -f "$$po" ] || continue; \
	  $(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i src/peptidebook/locales/peptidebook.pot -D peptidebook \
	    -l "$$(basename $$(dirname $$(dirname $$po)))" -d src/peptidebook/locales; \
	done
	@if ls src/peptidebook/locales/*/LC_MESSAGES/peptidebook.po >/dev/null 2>&1; then \
	  $(BIN)/pybabel compile --statistics -D peptidebook -d src/peptidebook/locales; \
	else echo "no translations yet: only the template was extracted"; fi

clean:
	rm -rf output build $(VENV)

# System packages: checked on every run (a few milliseconds), installed only if missing.
system:
	@bash tools/bootstrap-system.sh

$(STAMP): pyproject.toml | system
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

# WeasyPrint imported with warnings as errors and a one-line PDF rendered: one clear line if not.
selfcheck: system $(STAMP)
	@$(BIN)/python tools/selfcheck.py
