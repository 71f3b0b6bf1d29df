"""``build --check`` / ``sample --check`` on the command line: the real checkers when they are
installed (conformance), fakes for the paths a machine without them or a failing book takes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peptidebook.checking import find_checkers

from ..helpers import EpubFile
from ..test_checking import fake_checkers
from .helpers import one_error, run

SUMMARY = "string(//opf:meta[@property='schema:accessibilitySummary'])"


def _no_checkers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "no-cache"))
    monkeypatch.delenv("EPUBCHECK_JAR", raising=False)


def _fakes_on_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _no_checkers(monkeypatch, tmp_path)
    fakes = fake_checkers(tmp_path / "fake-bin")
    monkeypatch.setenv("PATH", str(Path(fakes.epubcheck[0]).parent))
    monkeypatch.setenv("PUPPETEER_EXECUTABLE_PATH", "/nonexistent/chromium")


def _epub(folder: Path) -> EpubFile:
    (path,) = folder.glob("*.epub")
    return EpubFile(path)


@pytest.mark.integration
def test_without_the_checkers_nothing_is_claimed(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    _no_checkers(monkeypatch, tmp_path)
    code, err = run(capsys, "sample", "-o", str(tmp_path / "out"), "-f", "epub", "--check")
    assert code == 0
    assert "accessibility-check" in err and "not installed" in err
    summary = _epub(tmp_path / "out").opf(SUMMARY)
    assert "this file itself was not checked" in summary


@pytest.mark.integration
def test_passing_checkers_are_recorded_in_the_book(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    _fakes_on_path(monkeypatch, tmp_path)
    code, _err = run(capsys, "sample", "-o", str(tmp_path / "out"), "-f", "epub", "--check")
    assert code == 0
    out = tmp_path / "out"
    summary = _epub(out).opf(SUMMARY)
    assert "EPUBCheck 5.3.0 reported no errors or warnings" in summary
    assert "DAISY Ace 1.4.6" in summary
    assert [p.name for p in out.iterdir()] == [_epub(out).path.name]  # no scratch left


@pytest.mark.integration
def test_failing_checkers_fail_the_build_and_claim_nothing(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    _fakes_on_path(monkeypatch, tmp_path)
    monkeypatch.setenv("FAKE_EPUBCHECK_MESSAGES", json.dumps([{
        "severity": "ERROR", "ID": "RSC-012", "message": "Fragment identifier is not defined.",
        "locations": [{"path": "EPUB/text/preface.xhtml", "line": 9}]}]))
    code, err = run(capsys, "sample", "-o", str(tmp_path / "out"), "-f", "epub", "--check")
    assert code == 6
    assert "did not pass EPUBCheck 5.3.0" in err
    assert "RSC-012 EPUB/text/preface.xhtml:9" in err
    assert "this file itself was not checked" in _epub(tmp_path / "out").opf(SUMMARY)


def test_check_needs_the_epub(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, err = run(capsys, "sample", "-o", str(tmp_path / "out"), "-f", "pdf", "--check")
    assert code == 2
    assert "--check checks the EPUB" in one_error(err)


@pytest.mark.conformance
def test_the_real_checkers_pass_the_sample_and_it_says_so(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    checkers, missing = find_checkers()
    if checkers is None:
        pytest.skip("; ".join(missing))
    code, err = run(capsys, "sample", "-o", str(tmp_path / "out"), "-f", "epub", "--check")
    assert code == 0, err
    summary = _epub(tmp_path / "out").opf(SUMMARY)
    assert "this file was checked with them when it was made: EPUBCheck" in summary
