"""What the command-line tests share: running ``main`` and reading its one error line,
the example sources, a book folder."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest

from peptidebook.cli import main

from ..conftest import EXAMPLES
from ..helpers import EpubFile

#: The builder module (``peptidebook.build`` as an attribute is the function).
BUILDER = importlib.import_module("peptidebook.build")
SKIN = EXAMPLES / "sermorelin-skin-health.json"
TEXT = EXAMPLES / "combining-gh-peptides-and-trt.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("peptidebook: error:")]


def one_error(err: str) -> str:
    """The one error line; never a traceback."""
    assert "Traceback" not in err
    (line,) = error_lines(err)
    assert err.rstrip().endswith(line)
    return line


def book_folder(tmp_path: Path, title: str = "My reading list") -> Path:
    folder = tmp_path / "mybook"
    folder.mkdir()
    shutil.copy(SKIN, folder / "skin.json")
    shutil.copy(TEXT, folder / "combined.txt")
    (folder / "book.toml").write_text(
        f'title = "{title}"\nlanguage = "en"\n[[sources]]\npath = "skin.json"\n'
        '[[sources]]\npath = "combined.txt"\n', encoding="utf-8")
    return folder


def only_epub(folder: Path) -> EpubFile:
    (path,) = folder.glob("*.epub")
    return EpubFile(path)
