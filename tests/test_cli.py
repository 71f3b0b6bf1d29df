"""The command line: exit codes, one clear line per error, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from peptidebook.cli import main

from .conftest import EXAMPLES


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.mark.parametrize("content, expected", [
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
    assert expected in err and str(source) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


def test_missing_source_is_an_input_error(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", str(tmp_path / "nope.json"), "--output", str(tmp_path))
    assert code == 3 and "no such file" in err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", "--frobnicate")
    assert code == 2 and "unrecognized arguments" in err


def test_unknown_format_is_a_usage_error(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", "--format", "mobi", "--output", str(tmp_path))
    assert code == 2 and "unknown format mobi" in err


def test_unwritable_output_is_an_output_error(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, err = run(capsys, "build", "--config", str(EXAMPLES / "book.toml"),
                    "--output", str(blocker / "sub"))
    assert code == 4 and "cannot write" in err


def test_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", str(EXAMPLES / "combining-gh-peptides-and-trt.txt"),
                    "--output", str(tmp_path), "--strict", "--quiet")
    assert code == 5 and "--strict" in err
    assert not list(tmp_path.glob(".*.partial"))


def test_build_of_a_folder_writes_one_epub(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", str(EXAMPLES), "--output", str(tmp_path), "--quiet"])
    assert code == 0
    assert len(list(tmp_path.glob("*.epub"))) == 1


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "peptidebook", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("peptidebook ")
