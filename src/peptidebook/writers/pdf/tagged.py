"""Step 5a - PDF: write a laid-out document as a tagged PDF/UA-1 file.

WeasyPrint writes the tagged PDF (``pdf_variant="pdf/ua-1"``), each link annotation described
by its link text (:func:`describe_links`) and each header cell given the scope the XHTML gives
it (:func:`scope_header_cells`); :func:`.pdfua.finish` then makes the page furniture
artifacts, puts every link annotation in its ``Link`` element and sets the languages of
passages (:mod:`.pdflang`). The file's dates are the
book's (``Edition.stamp``): same input, same bytes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ...diagnostics import Report
from ...files import written_atomically
from . import _weasyprint as wp
from .layout import weasyprint_diagnostics
from .pdflang import language_marks
from .pdfua import PostProcessStats, finish

__all__ = ["describe_links", "pdf_bytes", "pdf_date", "scope_header_cells", "write_atomic"]

#: HTML ``scope`` → PDF ``/Scope`` (ISO 32000-1 §14.8.5.7, Table 337). A ``th`` without one is
#: a column header, as WeasyPrint's own ``/Headers`` and ``/ID`` pairing takes it
#: (``weasyprint/pdf/tags.py``).
SCOPES = {"row": "Row", "rowgroup": "Row", "col": "Column", "colgroup": "Column"}


def pdf_date(stamp: datetime) -> str:
    """The PDF's creation and modification date for the book's date ``stamp``, as WeasyPrint
    takes it (ISO 8601, UTC)."""
    return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def describe_links(laid_out: Any, pdf: Any) -> None:
    """WeasyPrint finisher: a link annotation's /Contents is its link text, not the raw target
    (PDF/UA-1 §7.18.5; Matterhorn 28-011 ff.; NOTES-weasyprint.md §7)."""
    links = [link for page in laid_out.pages for link in page.links]
    # WeasyPrint annotates every box inside a link too (a <strong>, a <br>, an image), and each
    # such annotation stands for the whole link (.pdfua moves it into the link's structure
    # element). Its element tree (xml.etree) has no parent pointers: map each element inside a
    # link to the link element from the links themselves.
    owner = {id(inner): element for *_, box in links
             if (element := box.element) is not None and element.get("href") is not None
             for inner in element.iter()}
    for _link_type, target, _rect, box in links:
        if box.element is None:
            continue
        link = owner.get(id(box.element), box.element)
        wp.describe_link(box, _link_text(link) or str(target))


def scope_header_cells(laid_out: Any, pdf: Any) -> None:
    """WeasyPrint finisher: every ``TH`` gets the ``/Scope`` of its ``th`` (WeasyPrint 70 writes
    ``/ID`` and ``/Headers`` only, and only within one page's part of a table; Matterhorn
    15-003 wants a scope on every header cell of a table not fully organised by them)."""
    for page in laid_out.pages:
        stack = [wp.page_box(page)]
        while stack:
            box = wp.in_flow(stack.pop())
            element = box.element
            if element is not None and box.element_tag == "th":
                wp.set_header_scope(box, SCOPES.get(element.get("scope", ""), "Column"))
            stack.extend(getattr(box, "children", ()))


def _finish(laid_out: Any, pdf: Any) -> None:
    describe_links(laid_out, pdf)
    scope_header_cells(laid_out, pdf)


def _link_text(link: Any) -> str:
    """The text a link element shows, an image standing for its alt text."""
    parts = list(link.itertext()) + [image.get("alt", "") for image in link.iter("{*}img")]
    return " ".join(" ".join(parts).split())


def pdf_bytes(laid_out: Any, report: Report, where: str,
              stamp: datetime | None = None) -> tuple[bytes, PostProcessStats]:
    """PDF/UA-1 bytes of a laid-out document, dated ``stamp``, post-processed by
    :func:`.pdfua.finish`."""
    if stamp is not None:
        laid_out.metadata.created = laid_out.metadata.modified = pdf_date(stamp)
    languages = language_marks(laid_out)  # before writing: tagging consumes the boxes' marks
    # The tagger reads every page's reference once per structure element: cached, it is
    # linear in the pages (same bytes: tests/writers/pdf/test_page_references.py).
    with weasyprint_diagnostics(report, where), wp.cached_page_references():
        data = laid_out.write_pdf(pdf_variant="pdf/ua-1", finisher=_finish)
    data, stats = finish(data, languages)
    for problem in stats.language_problems:
        report.warning("pdf-lang", where, f"passage languages not set on the PDF's {problem}")
    return data, stats


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file: nothing half-written remains."""
    with written_atomically(path, "PDF") as partial:
        partial.write_bytes(data)
    return path
