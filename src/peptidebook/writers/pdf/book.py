"""Step 5a - PDF: the PDF book, and where its pages begin.

The named steps: the print document (:mod:`.document`) → layout (:mod:`.layout`), twice when the
book has notes (their running heads, :mod:`.runningheads`) → where each page begins (the EPUB's
page list) → tagged PDF/UA-1 (:mod:`.tagged`) → post-processing (:mod:`.pdfua`) → written via a
temporary file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ...diagnostics import Report
from ...i18n import BookText
from ...model import Edition
from ...rendering.pagebreaks import PageBreak
from .document import book_document, paper_size
from .layout import page_breaks, render
from .runningheads import add_notes_running_heads
from .tagged import pdf_bytes, write_atomic

__all__ = ["PdfResult", "write_pdf"]

log = logging.getLogger("peptidebook")


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    page_breaks: tuple[PageBreak, ...]
    refused: tuple[str, ...]


def write_pdf(edition: Edition, path: Path, text: BookText, report: Report,
              paper: str | None = None) -> PdfResult:
    """Write ``edition`` as a PDF/UA-1 book at ``path``; return where its pages begin."""
    size = paper_size(edition.meta.language, paper)
    document = book_document(edition, text, size)
    where = path.name
    laid_out, fetcher = render(document, report, where)
    if add_notes_running_heads(laid_out, document, edition, text):
        # The same boxes again, with the notes' running heads (:mod:`.runningheads`); what
        # WeasyPrint says about them was said in the first layout.
        laid_out, _ = render(document, Report(), where)
    breaks = page_breaks(laid_out, document)
    data, stats = pdf_bytes(laid_out, report, where, edition.stamp)
    log.debug("%s: %d pages (%s); running heads and page numbers marked as artifacts in %d "
              "places", path.name, stats.pages, size, stats.artifacts)
    write_atomic(path, data)
    return PdfResult(path=path, pages=stats.pages, page_breaks=tuple(breaks),
                     refused=tuple(fetcher.refused))
