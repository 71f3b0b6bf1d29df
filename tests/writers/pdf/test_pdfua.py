"""PDF/UA post-processing: the page furniture WeasyPrint leaves untagged becomes artifacts."""

from __future__ import annotations

import io

import pikepdf
import pytest

from peptidebook.diagnostics import Report
from peptidebook.writers.pdf import book_document, render
from peptidebook.writers.pdf.pdfua import finish

from .structure import orphan_mcids
from .test_document import sample_edition

pytestmark = pytest.mark.integration


def test_post_processing_is_what_turns_the_furniture_into_artifacts() -> None:
    """WeasyPrint alone leaves the margin boxes outside the tree; finish() fixes exactly that."""
    edition, text = sample_edition(articles=1)
    laid_out, _ = render(book_document(edition, text, "A4"), Report(), "test")
    raw = laid_out.write_pdf(pdf_variant="pdf/ua-1")
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        before = orphan_mcids(pdf)
    fixed, stats = finish(raw)
    with pikepdf.open(io.BytesIO(fixed)) as pdf:
        after = orphan_mcids(pdf)
        pages = len(pdf.pages)
    assert before == stats.artifacts > 0 and after == 0 and stats.pages == pages
