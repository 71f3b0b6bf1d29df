"""Output files are written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from peptidebook.errors import OutputError
from peptidebook.files import written_atomically


def test_content_appears_only_under_the_final_name(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "book.epub"
    with written_atomically(target, "EPUB") as partial:
        partial.write_bytes(b"data")
        assert not target.exists()
    assert target.read_bytes() == b"data"
    assert [p.name for p in target.parent.iterdir()] == ["book.epub"]


def test_a_failed_write_leaves_nothing_and_names_the_file(tmp_path: Path) -> None:
    target = tmp_path / "book.pdf"
    with (pytest.raises(OutputError, match=r"book\.pdf: cannot write PDF: disk full"),
          written_atomically(target, "PDF") as partial):
        partial.write_bytes(b"half")
        raise OSError("disk full")
    assert list(tmp_path.iterdir()) == []


def test_an_unusable_folder_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with (pytest.raises(OutputError, match="cannot write the template"),
          written_atomically(blocker / "content.pot", "the template") as partial):
        partial.write_bytes(b"x")


@pytest.mark.parametrize("error", [KeyboardInterrupt(), SystemExit(1), ValueError("bug")])
def test_any_other_interruption_leaves_nothing_and_goes_on_unchanged(
    tmp_path: Path, error: BaseException
) -> None:
    target = tmp_path / "book.epub"
    with pytest.raises(type(error)) as raised, written_atomically(target, "EPUB") as partial:
        partial.write_bytes(b"half")
        raise error
    assert raised.value is error
    assert list(tmp_path.iterdir()) == []


def test_an_interruption_keeps_the_previous_book(tmp_path: Path) -> None:
    target = tmp_path / "book.epub"
    target.write_bytes(b"previous")
    with pytest.raises(KeyboardInterrupt), written_atomically(target, "EPUB") as partial:
        partial.write_bytes(b"half")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["book.epub"]
