"""Step 5a - PDF: lay a print document out with WeasyPrint, and read where pages begin.

Only :class:`~.fetcher.AssetFetcher` fetches; WeasyPrint's own warnings and errors become
``pdf-log`` diagnostics (and stay off the console). After layout, the box tree of each page
gives the first text it shows, as a position in the rendered XHTML: the EPUB's page-break
markers and page list (:mod:`peptidebook.rendering.pagebreaks`).
"""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import weasyprint
from lxml import etree

from ...diagnostics import Report
from ...rendering.pagebreaks import PageBreak, countable, own_text
from . import _weasyprint as wp
from .document import PB_ATTR, PrintDocument
from .fetcher import AssetFetcher

__all__ = ["creator_tool", "page_breaks", "render", "source_offset", "weasyprint_diagnostics"]

#: Characters WeasyPrint adds where it hyphenates a word (CSS Text 3 ``hyphenate-character``).
HYPHENS = frozenset("\u2010-\u00ad")


class _ReportHandler(logging.Handler):
    """Turns WeasyPrint's warnings and errors into ``pdf-log`` diagnostics."""

    def __init__(self, report: Report, where: str) -> None:
        super().__init__(level=logging.WARNING)
        self.report = report
        self.where = where

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().splitlines()[0] if record.getMessage() else record.msg
        self.report.warning("pdf-log", self.where, f"WeasyPrint: {message}")


@contextmanager
def weasyprint_diagnostics(report: Report, where: str) -> Iterator[None]:
    """While active, records on the ``weasyprint`` logger become diagnostics (and stay off
    the console: the report is printed instead)."""
    logger = logging.getLogger("weasyprint")
    handler = _ReportHandler(report, where)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def render(document: PrintDocument, report: Report, where: str) -> tuple[Any, AssetFetcher]:
    """Lay ``document`` out (a ``weasyprint.Document``); only :class:`AssetFetcher` fetches."""
    fetcher = AssetFetcher(document.files, report, where)
    with weasyprint_diagnostics(report, where):
        laid_out = weasyprint.HTML(string=document.xhtml.decode("utf-8"), base_url=None,
                                   url_fetcher=fetcher).render()
    # The book's editors, never the software, are its authors (none named: no /Author); the
    # software is the creator tool (ISO 32000-1 §14.3.3 Table 317 /Creator; XMP
    # xmp:CreatorTool), beside WeasyPrint's /Producer.
    laid_out.metadata.authors = list(document.authors)
    laid_out.metadata.generator = creator_tool()
    return laid_out, fetcher


def creator_tool() -> str:
    """``peptidebook <version>``: what made the PDF's content (its /Creator)."""
    try:
        return f"peptidebook {importlib.metadata.version('peptidebook')}"
    except importlib.metadata.PackageNotFoundError:  # a bare source tree, never installed
        return "peptidebook"


def _fragments(page: Any, seen: set[str]) -> list[tuple[str | None, str | None]]:
    """The content of one page in order, as ``(block key, text)``; ``text`` is ``None`` for an
    image. Margin boxes, generated content (``::after``, list markers) and table header rows
    repeated from an earlier page (their key is in ``seen``) are left out: they are not the
    book's text. Every key met on the page is added to ``seen``."""
    out: list[tuple[str | None, str | None]] = []
    met: set[str] = set()

    def walk(box: Any, key: str | None) -> None:
        if isinstance(box, wp.MarginBox):
            return
        tag = box.element_tag or ""
        if "::" in tag:
            return
        element = box.element
        own = element.get(PB_ATTR) if element is not None else None
        if isinstance(box, wp.TableRowGroupBox) and box.is_header and own in seen:
            return
        if own is not None:  # only block elements are keyed (document.number_blocks)
            met.add(own)
            key = own
        if isinstance(box, wp.TextBox):
            out.append((key, box.text))
            return
        if isinstance(box, wp.ReplacedBox):
            out.append((key, None))
            return
        for child in getattr(box, "children", ()):
            walk(child, key)

    walk(wp.page_box(page), None)
    seen.update(met)
    return out


def source_offset(element: etree._Element, laid: str) -> int:
    """How many countable characters of ``element``'s own text ``laid`` (the text laid out on
    earlier pages) covers; hyphens WeasyPrint inserted are skipped."""
    src, lay = countable(own_text(element)), countable(laid)
    i = j = 0
    while i < len(src) and j < len(lay):
        if src[i] == lay[j]:
            i += 1
            j += 1
        elif lay[j] in HYPHENS:
            j += 1
        else:
            i += 1
    return i


def page_breaks(laid_out: Any, document: PrintDocument) -> list[PageBreak]:
    """Where each printed page begins: its first text, as a position in the rendered XHTML.
    A page with no text (none is expected) shares the position of the next page."""
    laid: dict[str, str] = {}
    seen: set[str] = set()
    breaks: list[PageBreak] = []
    blank: list[int] = []
    for number, page in enumerate(laid_out.pages, 1):
        fragments = _fragments(page, seen)
        first = next(((k, t) for k, t in fragments if t is None or t.strip()), None)
        if first is None:
            blank.append(number)
            continue
        key = first[0]
        if key is None or key not in document.keys:
            found = PageBreak(number, None)
        else:
            chapter, index = document.keys[key]
            offset = source_offset(document.elements[key], laid[key]) if key in laid else 0
            found = PageBreak(number, chapter, index, offset)
        for n in blank:
            breaks.append(PageBreak(n, found.chapter, found.element, found.offset))
        blank = []
        breaks.append(found)
        for k, t in fragments:
            if k is not None and t:
                laid[k] = laid.get(k, "") + t
    return breaks
