"""The running head of a page of notes (writers/pdf/runningheads.py): the first and the last of
the pages its notes refer to, as those pages print their numbers, in the book's language. On
the laid-out sample: test_typography.py."""

from __future__ import annotations

import pytest

from peptidebook.diagnostics import Report
from peptidebook.i18n import BookText
from peptidebook.writers.pdf.runningheads import notes_heading


@pytest.mark.parametrize(("pages", "language", "heading"), [
    ([(4, "4"), (11, "11"), (7, "7")], "en", "Notes to pages 4–11"),
    ([(9, "9"), (9, "9")], "en", "Notes to page 9"),
    ([(12, "xii"), (3, "iii")], "en", "Notes to pages iii–xii"),  # ordered by place, not text
    ([(4, "4"), (11, "11")], "de", "Anmerkungen zu den Seiten 4–11"),
    ([(4, "4"), (11, "11")], "ja", "4–11ページの注"),
])
def test_the_heading_names_the_first_and_last_page(pages: list[tuple[int, str]], language: str,
                                                   heading: str) -> None:
    assert notes_heading(pages, BookText(language, Report())) == heading
