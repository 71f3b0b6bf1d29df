"""Step 5a - PDF: the PDF book, and where its pages begin.

The named steps: the print document (:mod:`.document`) → layout (:mod:`.layout`), twice when the
book has notes (their running heads, :mod:`.runningheads`) → where each page begins (the EPUB's
page list) → tagged PDF/UA-1 (:mod:`.tagged`) → post-processing (:mod:`.pdfua`) → written via a
temporary file. Experimental, when ``PEPTIDEBOOK_PDF_CHUNKS=1``: the same book laid out in chunks
and merged (:mod:`.chunks`, :mod:`.merge`; without the notes' running heads so far).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ...diagnostics import Report
from ...i18n import BookText
from ...model import Edition
from ...rendering.pagebreaks import PageBreak
from .chunks import chunks_enabled, lay_out_in_chunks
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
              paper: str | None = None, *, chunked: bool | None = None) -> PdfResult:
    """Write ``edition`` as a PDF/UA-1 book at ``path``; return where its pages begin.
    ``chunked`` (default: :func:`.chunks.chunks_enabled`) lays it out in chunks."""
    size = paper_size(edition.meta.language, paper)
    if chunked if chunked is not None else chunks_enabled():
        merged = lay_out_in_chunks(edition, text, report, paper=size, where=path.name)
        log.debug("%s: %d pages (%s) laid out in %d chunks; %d embedded streams shared "
                  "(%d bytes)", path.name, merged.pages, size, merged.chunks,
                  merged.merge.shared_streams, merged.merge.shared_bytes)
        write_atomic(path, merged.data)
        return PdfResult(path=path, pages=merged.pages, page_breaks=merged.page_breaks,
                         refused=merged.refused)
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
