"""The record of edits: what readers and passes report becomes the article's ``edits``."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from peptidebook.cleaning import clean
from peptidebook.diagnostics import CODES, Diagnostic, Report
from peptidebook.edit_record import EDIT_CODES, edits_from, merge_edits, record
from peptidebook.model import (
    Article,
    Cell,
    Edit,
    EditKind,
    Paragraph,
    Row,
    Source,
    Table,
    Text,
)
from peptidebook.readers import read_file


def d(code: str, message: str = "m", severity: str = "warning") -> Diagnostic:
    return Diagnostic(code, severity, "w", message)  # type: ignore[arg-type]


def test_every_code_of_the_table_exists_and_maps_to_a_known_kind() -> None:
    kinds = set(get_args(EditKind))
    assert set(EDIT_CODES) <= set(CODES)
    assert {k for by in EDIT_CODES.values() for k in by.values() if k} <= kinds


@pytest.mark.parametrize(("diagnostic", "expected"), [
    (d("table-unwrapped", "2 tables of one row or one column, with no header cell, …"),
     Edit("table-unwrapped", 2)),
    (d("shortcode-kept", "shortcodes peptidebook does not render ([gallery] ×3, [foo]): …",
       "info"), Edit("shortcode-kept", 4)),
    (d("embed-linked", "media shown as a link to it: audio, video ×2", "info"),
     Edit("embed-linked", 3)),
    (d("block-missing", "a dynamic block renders only on the site: core/latest-posts ×2 left "
                        "out", "info"), Edit("block-missing", 2)),
    (d("glossary-extracted", "moved the tooltip defining \"X\" into the glossary", "info"),
     Edit("tooltip-moved", 1)),
])
def test_a_diagnostic_is_counted_as_the_changes_it_reports(diagnostic: Diagnostic,
                                                           expected: Edit) -> None:
    assert edits_from([diagnostic]) == (expected,)


@pytest.mark.parametrize("diagnostic", [
    d("dropped-unsafe", "dropped <style> (presentation)", "info"),  # no words of the author
    d("missing-alt"), d("glossary-candidate", severity="info"), d("table-no-headers"),
])
def test_what_was_noticed_but_not_changed_is_no_edit(diagnostic: Diagnostic) -> None:
    assert edits_from([diagnostic]) == ()


def test_edits_of_one_kind_add_up_in_the_order_first_seen() -> None:
    got = merge_edits((Edit("title-heading", 1, ("A",)),),
                      (Edit("tooltip-moved", 2), Edit("title-heading", 1, ("B", "A"))))
    assert got == (Edit("title-heading", 2, ("A", "B")), Edit("tooltip-moved", 2))


def test_record_leaves_out_zero_counts_and_starts_a_record() -> None:
    plain = Article("T", "s", (), Source("text", "t"))
    assert record(plain, Edit("faq-widget", 0)) is plain
    assert record(plain, Edit("faq-widget", 3)).edits == (Edit("faq-widget", 3),)


def test_clean_records_an_empty_list_when_nothing_changed() -> None:
    plain = Article("T", "s", (Paragraph((Text("Plain words."),)),), Source("text", "t"),
                    lang="en")
    assert clean(plain, Report()).edits == ()


def test_clean_records_what_its_passes_report_and_nothing_reported_before() -> None:
    # A pass reports under the slug, a reader under a path: what is reported while a pass
    # runs on this article belongs to it, whatever the name; what came before does not.
    cells = tuple(Cell((Paragraph((Text(w),)),)) for w in ("left", "right"))
    report = Report()
    report.warning("table-unwrapped", "s", "3 tables of one row …")  # another run's
    cleaned = clean(Article("T", "s", (Table((), (Row(cells),)),), Source("text", "t"),
                            lang="en"), report)
    assert cleaned.edits == (Edit("table-unwrapped", 1),)


def test_reading_records_the_readers_changes(tmp_path: Path) -> None:
    source = tmp_path / "post.html"
    source.write_text("<html><body><article><h1>T</h1><p>Hello <script>x()</script>world "
                      "and more words to make it an article.</p></article></body></html>",
                      encoding="utf-8")
    report = Report()
    (article,) = read_file(source, report)
    assert report.count("dropped-unsafe") == 1
    assert article.edits == (Edit("active-removed", 1),)


@pytest.mark.parametrize(("message", "edits"), [
    ("image source 'data:image/png;base64,…' is not an http(s) URL; kept its alt text instead",
     (Edit("image-alt-only", 1),)),
    ("https://example.org/a.png: not fetched: offline", ()),  # no text changed
])
def test_fetch_refused_is_an_edit_only_when_an_image_became_its_alt_text(
        message: str, edits: tuple[Edit, ...]) -> None:
    assert edits_from([d("fetch-refused", message)]) == edits
