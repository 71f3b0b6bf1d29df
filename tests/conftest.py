"""Shared fixtures: the sample articles and a helper to regenerate golden files on request."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
import weasyprint

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "peptidebook"
#: The bundled sample book (package data, ``peptidebook.build.sample_config_path()``'s folder).
EXAMPLES = PACKAGE / "sample"
#: The book-language catalogs (package data).
LOCALES = PACKAGE / "locales"

#: Set PEPTIDEBOOK_REGEN=1 to rewrite golden files instead of comparing (then review the diff).
REGENERATE = os.environ.get("PEPTIDEBOOK_REGEN") == "1"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


# ------------------------------------------------------------------------------ test layers
#: The layers above the unit tests: ``integration`` lays out PDFs with WeasyPrint or starts a
#: subprocess; ``conformance`` runs the real checkers, twelve languages, the installed wheel.
#: ``make test-fast`` runs what is in neither; ``make test`` runs all three.
LAYERS = ("integration", "conformance")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("checker") and not item.get_closest_marker("conformance"):
            item.add_marker(pytest.mark.conformance)


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("a unit test laid out a PDF or started a process: mark it "
                         "@pytest.mark.integration (or conformance)")


@contextlib.contextmanager
def _unit_layer_guard(item: pytest.Item) -> Iterator[None]:
    """A unit test that lays out a page or starts a process — itself or through a fixture it
    sets up — fails, naming the marker it needs: the fast layer cannot drift."""
    if any(item.get_closest_marker(layer) for layer in LAYERS):
        yield
        return
    with mock.patch.object(weasyprint.HTML, "render", _refuse), \
            mock.patch.object(subprocess.Popen, "_execute_child", _refuse):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    with _unit_layer_guard(item):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with _unit_layer_guard(item):
        yield


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The corpus tables (tests/test_corpus.py, tests/test_evidence_corpus.py), when the
    corpus was built in this run."""
    from . import corpus_harness, evidence_harness  # noqa: PLC0415 - only for the summary

    if corpus_harness.LAST_TABLE:
        terminalreporter.section("real-input corpus (tests/corpus/)")
        terminalreporter.write_line(corpus_harness.LAST_TABLE)
    if evidence_harness.LAST_TABLE:
        terminalreporter.section("labelled articles, held-out third (tests/corpus/articles/)")
        terminalreporter.write_line(evidence_harness.LAST_TABLE)


@pytest.fixture(autouse=True)
def _private_http_cache(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test's HTTP cache (fetching/_cache.py) is a fresh folder, never the user's."""
    monkeypatch.setenv("PEPTIDEBOOK_CACHE_DIR", str(tmp_path_factory.mktemp("http-cache")))
