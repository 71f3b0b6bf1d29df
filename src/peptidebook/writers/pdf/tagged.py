"""Step 5a - PDF: write a laid-out document as a tagged PDF/UA-1 file.

WeasyPrint writes the tagged PDF (``pdf_variant="pdf/ua-1"``), each link annotation described
by its link text (:func:`describe_links`); :func:`.pdfua.finish` then makes the page furniture
artifacts and sets the languages of passages (:mod:`.pdflang`). The file's dates are the
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

__all__ = ["describe_links", "pdf_bytes", "pdf_date", "write_atomic"]


def pdf_date(stamp: datetime) -> str:
    """The PDF's creation and modification date for the book's date ``stamp``, as WeasyPrint
    takes it (ISO 8601, UTC)."""
    return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def describe_links(laid_out: Any, pdf: Any) -> None:
    """WeasyPrint finisher: a link annotation's /Contents is its link text, not the raw target
    (PDF/UA-1 §7.18.5; Matterhorn 28-011 ff.; NOTES-weasyprint.md §7)."""
    for page in laid_out.pages:
        for link_type, target, _rect, box in page.links:
            if box.element is None:
                continue
            label = " ".join("".join(box.element.itertext()).split())
            if link_type == "internal" and not label:
                label = str(target)
            wp.describe_link(box, label or str(target))


def pdf_bytes(laid_out: Any, report: Report, where: str,
              stamp: datetime | None = None) -> tuple[bytes, PostProcessStats]:
    """PDF/UA-1 bytes of a laid-out document, dated ``stamp``, post-processed by
    :func:`.pdfua.finish`."""
    if stamp is not None:
        laid_out.metadata.created = laid_out.metadata.modified = pdf_date(stamp)
    languages = language_marks(laid_out)  # before writing: tagging consumes the boxes' marks
    with weasyprint_diagnostics(report, where):
        data = laid_out.write_pdf(pdf_variant="pdf/ua-1", finisher=describe_links)
    data, stats = finish(data, languages)
    for problem in stats.language_problems:
        report.warning("pdf-lang", where, f"passage languages not set on the PDF's {problem}")
    return data, stats


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file: nothing half-written remains."""
    with written_atomically(path, "PDF") as partial:
        partial.write_bytes(data)
    return path
