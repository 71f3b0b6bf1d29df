"""Output files are written whole or not at all, and named safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from peptidebook.errors import OutputError
from peptidebook.files import ID_LIMIT, is_safe_id, is_safe_name, written_atomically


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


@pytest.mark.parametrize("name, safe", [
    ("ch01-a", True), ("2019-study", True), ("con", False), ("a b", False), ("a/b", False),
    ("-a", False), ("a-", False), ("a--b", False), ("A", False), ("", False),
    ("a" * (ID_LIMIT + 1), False),
])
def test_is_safe_name(name: str, safe: bool) -> None:
    assert is_safe_name(name) is safe


@pytest.mark.parametrize("name, safe", [("con", True), ("2019-study", False), ("a.b", False)])
def test_is_safe_id_wants_a_letter_first(name: str, safe: bool) -> None:
    assert is_safe_id(name) is safe
