"""pydyf's page references cached while WeasyPrint writes: same bytes, and the patch undone."""

from __future__ import annotations

import importlib.metadata

import pydyf  # type: ignore[import-untyped]
import pytest

from peptidebook.diagnostics import Report
from peptidebook.writers.pdf import _weasyprint as wp
from peptidebook.writers.pdf import book_document, render
from peptidebook.writers.pdf.tagged import _finish

from .test_document import sample_edition


def test_the_cache_answers_what_the_property_answers_as_pages_are_added() -> None:
    pdf = pydyf.PDF()
    with wp.cached_page_references():
        seen = []
        for _ in range(3):
            pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
            seen.append(pdf.page_references)
    uncached = pdf.page_references  # the property itself again
    assert [len(refs) for refs in seen] == [1, 2, 3]
    assert seen[-1] == uncached


def test_the_property_is_restored_after_nested_uses() -> None:
    original = pydyf.PDF.__dict__["page_references"]
    with wp.cached_page_references():
        with wp.cached_page_references():
            assert pydyf.PDF.__dict__["page_references"] is not original
        assert pydyf.PDF.__dict__["page_references"] is not original
    assert pydyf.PDF.__dict__["page_references"] is original


def test_the_installed_pydyf_is_one_the_cache_was_checked_against() -> None:
    assert wp._pydyf_checked(), (
        f"pydyf {importlib.metadata.version('pydyf')} is outside {wp.PYDYF_CHECKED}: the "
        "cache is off; re-read pydyf.PDF.page_references and add_page, then move PYDYF_CHECKED")


@pytest.mark.integration
def test_a_tagged_pdf_is_byte_identical_with_and_without_the_cache() -> None:
    edition, text = sample_edition(1)
    report = Report()
    laid_out, _ = render(book_document(edition, text, "A4"), report, "book.pdf")
    laid_out.metadata.created = laid_out.metadata.modified = "2023-11-14T22:13:20Z"
    plain = laid_out.write_pdf(pdf_variant="pdf/ua-1", finisher=_finish)
    with wp.cached_page_references():
        cached = laid_out.write_pdf(pdf_variant="pdf/ua-1", finisher=_finish)
    assert len(laid_out.pages) > 5
    assert cached == plain
