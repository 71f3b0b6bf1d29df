"""The command line's boundary: exit codes, one clear line per error (never a traceback),
nothing half-written, and a console that summarises instead of scrolling."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import BUILDER, SKIN, TEXT, one_error, only_epub, run


@pytest.mark.parametrize(("content", "expected"), [
    ('{"title": {"rendered": "x"}', "invalid JSON at line 1"),
    ('{"title": {"rendered": "No body"}}', "not a WordPress post: it has no content"),
    ("[1, 2]", "not a WordPress post"),
])
def test_bad_json_is_one_line_exit_3_and_no_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str) -> None:
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    code, err = run(capsys, "build", str(source), "--output", str(out))
    assert code == 3
    line = one_error(err)
    assert expected in line and str(source) in line
    assert not out.exists() or not any(out.iterdir())


def test_quiet_prints_only_the_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "bad.json"
    source.write_text("[1]", encoding="utf-8")
    code, err = run(capsys, "build", str(source), "-o", str(tmp_path / "out"), "-q")
    assert code == 3 and len(err.strip().splitlines()) == 1


def test_missing_source_is_an_input_error(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", str(tmp_path / "nope.json"), "--output", str(tmp_path))
    assert code == 3 and "no such file" in one_error(err)


def test_unwritable_output_is_an_output_error(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, err = run(capsys, "build", str(SKIN), "--output", str(blocker / "sub"))
    assert code == 4 and "cannot write" in one_error(err)


def test_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", str(TEXT), "--output", str(tmp_path), "--strict", "--quiet")
    assert code == 5 and "--strict" in one_error(err)
    assert not list(tmp_path.glob(".*.partial"))


@pytest.mark.integration
def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "peptidebook", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("peptidebook ")


def test_an_unexpected_exception_is_one_line_naming_where(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise ValueError("the cleaner broke\nsecond line")
    monkeypatch.setattr(BUILDER, "clean", broken)
    code, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path))
    line = one_error(err)
    assert code == 1
    assert "unexpected ValueError: the cleaner broke while cleaning" in line
    assert "sermorelin" in line and "--debug" in line and "second line" not in err
    code, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path), "--debug")
    assert code == 1 and "Traceback (most recent call last)" in err


def test_interrupt_exits_130_and_leaves_no_partial_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        partial = tmp_path / ".book.epub.partial"
        assert partial.parent.exists()
        raise KeyboardInterrupt
    monkeypatch.setattr(BUILDER, "write_epub", interrupted)
    code, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path))
    assert code == 130 and "interrupted" in one_error(err)
    assert not list(tmp_path.glob(".*.partial"))


# -------------------------------------------------------------------------------------- console


def test_library_logs_never_reach_the_console(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    original = BUILDER.clean

    def chatty(article, report):  # type: ignore[no-untyped-def]
        logging.getLogger("fontTools.subset").info("Retained 42 glyphs")
        logging.getLogger("weasyprint").warning("Ignored `foo: bar` at 1:1")
        return original(article, report)
    monkeypatch.setattr(BUILDER, "clean", chatty)
    report = tmp_path / "report.json"
    code, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path), "--report", str(report))
    assert code == 0
    assert "Retained 42 glyphs" not in err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert any(d["code"] == "pdf-log" and "Ignored `foo: bar`" in d["message"]
               for d in data["diagnostics"])


def test_summary_groups_by_code_with_counts(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", str(TEXT), str(SKIN), "-o", str(tmp_path))
    assert code == 0
    assert "Step 1 - Reading" in err and "Step 2 - Cleaning" in err
    assert "done: 2 sources" in err and "done: 2 articles" in err
    assert "study-mentions      info" in err  # a row of the table, though notes are not listed
    assert "warning: " in err or "0 warnings" in err


def test_report_json_lists_every_diagnostic(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    code, _ = run(capsys, "build", str(TEXT), "-o", str(tmp_path / "out"), "-q",
                  "--report", str(report))
    assert code == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["exit_code"] == 0 and data["error"] is None
    assert data["outputs"] and data["outputs"][0].endswith(".epub")
    assert sum(data["counts"].values()) == len(data["diagnostics"]) > 0
    assert {"code", "severity", "where", "message"} == set(data["diagnostics"][0])


def test_report_json_is_written_on_failure_too(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    code, _ = run(capsys, "build", str(tmp_path / "nope.json"), "--report", str(report))
    data = json.loads(report.read_text(encoding="utf-8"))
    assert code == 3 and data["exit_code"] == 3 and "no such file" in data["error"]


# ------------------------------------------------- the probes, through the command line


def _post(tmp_path: Path, content: str, **fields: object) -> Path:
    source = tmp_path / "post.json"
    source.write_text(json.dumps({"id": 1, "slug": "probe", "title": {"rendered": "Probe"},
                                  "content": {"rendered": content}, **fields}),
                      encoding="utf-8")
    return source


@pytest.mark.parametrize(("content", "fields"), [
    ("<p>a\x00b&#12;c&#x1b;d</p>", {}),
    ("<p>text</p>", {"title": {"rendered": "T\x00itle"}, "slug": "s\x07lug"}),
    ("<b>" * 250 + "deep" + "</b>" * 250, {}),
    ("<blockquote>" * 250 + "deep" + "</blockquote>" * 250, {}),
    ("<div>" * 490 + "deep" + "</div>" * 490, {}),
])
def test_hostile_posts_build_without_a_traceback(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 content: str, fields: dict[str, object]) -> None:
    code, err = run(capsys, "build", str(_post(tmp_path, content, **fields)),
                    "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert "Traceback" not in err and only_epub(tmp_path / "out").path.exists()
