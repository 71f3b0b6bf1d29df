"""Every WeasyPrint and pydyf interface the PDF writer uses that WeasyPrint does not publish.

WeasyPrint's public API is what its API reference documents (``HTML``, ``CSS``, ``Document``,
``DocumentMetadata``, ``Page`` and their members, the URL fetcher); "anything else should not
be used outside of WeasyPrint itself … or have dependency to a specific WeasyPrint version"
(docs/api_reference.rst, "API Stability"). The writer needs some of the rest, and reads it only
through this module:

* the laid-out box tree of a page (``Page._page_box``) and its box classes
  (``weasyprint.formatting_structure.boxes``), with the attributes listed in
  :data:`BOX_ATTRIBUTES` — to find where each page begins (the EPUB's page list,
  :mod:`.layout`) and which structure element holds which language (:mod:`.pdflang`);
* the box an absolutely positioned placeholder stands for (``AbsolutePlaceholder._box``);
* the structure type WeasyPrint gives an element (``weasyprint.pdf.tags._get_pdf_tag``);
* the link annotation WeasyPrint attaches to a link's box while writing
  (``Box.link_annotation``, a pydyf dictionary) and pydyf's ``String``, to describe each link
  by its text (:mod:`.tagged`);
* the structure element WeasyPrint keeps on a table cell's box while tagging (``Box.mark``, a
  pydyf dictionary with an ``/A`` of owner ``/Table``), to give header cells their ``/Scope``
  (:mod:`.tagged`);
* pydyf's ``PDF.page_references``, a property that rebuilds the references of all pages on
  every read; WeasyPrint's tagger reads it once per structure element, which makes tagged
  writing quadratic in the pages (``../shared/PERF-PROFILE.md``). :func:`cached_page_references`
  answers it from a cache while ``write_pdf`` runs (:mod:`.tagged`), only for the pydyf versions
  in :data:`PYDYF_CHECKED`.

WeasyPrint is pinned (``pyproject.toml``) to :data:`PINNED`, the version all this was read
from. ``tests/writers/pdf/test_weasyprint_pin.py`` fails loudly when another version is
installed or any of these names is gone, and names what to re-check (:data:`RECHECK`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from typing import Any

try:
    import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF object library
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf.tags import _get_pdf_tag
except ImportError as exc:  # a WeasyPrint other than the pinned one: say so, not just "gone"
    raise ImportError(
        f"WeasyPrint {version('weasyprint')} lacks {exc.name or exc}, which peptidebook's PDF "
        "writer reads (src/peptidebook/writers/pdf/_weasyprint.py, written for WeasyPrint "
        "70.0): install weasyprint==70.0, or re-check that module's RECHECK list") from exc

__all__ = [
    "BOX_ATTRIBUTES",
    "PINNED",
    "PYDYF_CHECKED",
    "RECHECK",
    "LineBox",
    "MarginBox",
    "PageBox",
    "ParentBox",
    "ReplacedBox",
    "TableRowGroupBox",
    "TextBox",
    "cached_page_references",
    "describe_link",
    "in_flow",
    "page_box",
    "pdf_tag",
    "set_header_scope",
]

#: The WeasyPrint version every interface here was read from.
PINNED = "70.0"

#: What to re-check, and how, when WeasyPrint changes.
RECHECK = (
    ("writers/pdf/layout.py (_fragments, page_breaks): the page map read from the box tree; "
     "build the sample with --format epub,pdf and compare the EPUB's page-list and markers"),
    ("writers/pdf/pdflang.py (_walk): must walk boxes as weasyprint/pdf/tags.py "
     "(_build_box_tree) tags them; run tests/test_multilingual.py -m conformance (no pdf-lang)"),
    ("writers/pdf/tagged.py (describe_links): link annotations made in "
     "weasyprint/pdf/anchors.py; run check-pdf on the sample book and a handout"),
    ("writers/pdf/tagged.py (scope_header_cells): Box.mark, the TH/TD structure element "
     "weasyprint/pdf/tags.py (_build_box_tree) keeps on a cell's box; "
     "tests/writers/pdf/test_tables.py"),
    ("writers/pdf/_weasyprint.py (cached_page_references): pydyf's PDF.page_references and "
     "PDF.pages['Kids'] (three items a page, only ever appended to); "
     "tests/writers/pdf/test_page_references.py (byte-identical PDFs with and without)"),
    ("writers/pdf/pdfua.py: which marked content WeasyPrint leaves outside the structure tree "
     "(NOTES-weasyprint.md §3); tests/writers/pdf/test_pdfua.py, test_book.py, check-pdf"),
)

# The box classes the walks tell apart (weasyprint/formatting_structure/boxes.py).
LineBox = boxes.LineBox
MarginBox = boxes.MarginBox
PageBox = boxes.PageBox
ParentBox = boxes.ParentBox
ReplacedBox = boxes.ReplacedBox
TableRowGroupBox = boxes.TableRowGroupBox
TextBox = boxes.TextBox

#: The attributes of laid-out boxes the walks read (none is documented): every box's
#: ``element`` (its lxml element or None), ``element_tag`` (``p``, ``li::marker``…) and
#: ``children`` (parent boxes); a text box's ``text``; a row group's ``is_header``; a block's
#: ``is_table_wrapper`` and ``get_wrapped_table``; every box's ``link_annotation``; a table
#: cell's ``mark`` (set while tagging, so not a class attribute).
BOX_ATTRIBUTES = ("element", "element_tag", "children", "text", "is_header",
                  "is_table_wrapper", "get_wrapped_table", "link_annotation", "mark")


def page_box(page: Any) -> Any:
    """The laid-out box tree of a ``weasyprint.Page`` (its private ``_page_box``)."""
    return page._page_box


def in_flow(box: Any) -> Any:
    """The box an absolutely positioned placeholder stands for (its private ``_box``), else
    ``box``."""
    if isinstance(box, AbsolutePlaceholder):
        return box._box
    return box


def pdf_tag(element_tag: str | None) -> str:
    """The structure type WeasyPrint gives a box of ``element_tag`` (``P``, ``Link``, …)."""
    return str(_get_pdf_tag(element_tag))


def describe_link(box: Any, description: str) -> bool:
    """Set the ``/Contents`` of the link annotation WeasyPrint made for ``box`` (while writing
    the PDF: call from a ``finisher``); ``False`` when the box has none."""
    annotation = getattr(box, "link_annotation", None)
    if annotation is None:
        return False
    annotation["Contents"] = pydyf.String(description)
    return True


def set_header_scope(box: Any, scope: str) -> bool:
    """Set ``/Scope`` (``Row`` or ``Column``, ISO 32000-1 §14.8.5.7 Table 337) on the ``TH``
    structure element WeasyPrint made for the header-cell ``box`` (while writing the PDF: call
    from a ``finisher``); ``False`` when the box has none."""
    element = getattr(box, "mark", None)
    if element is None or "A" not in element:
        return False
    element["A"]["Scope"] = f"/{scope}"
    return True


#: The pydyf versions :func:`cached_page_references` was checked against (``PDF.page_references``
#: read from ``PDF.pages['Kids']``, which ``PDF.add_page`` only appends to): from, below.
PYDYF_CHECKED = ((0, 12), (0, 14))

class _Patch:
    """The one patch of ``pydyf.PDF.page_references``: how many uses hold it, and the
    property it replaced."""

    lock = threading.Lock()
    depth = 0
    uncached: Any = None


def _pydyf_checked() -> bool:
    try:
        installed = tuple(int(part) for part in version("pydyf").split(".")[:2])
    except ValueError:  # a development version such as "0.13.dev0"
        return False
    low, high = PYDYF_CHECKED
    return low <= installed < high


def _cached(pdf: Any) -> Any:
    """``pdf.page_references``, rebuilt only when a page was added since it was last built."""
    kids = pdf.pages["Kids"]
    cache = pdf.__dict__.get("_peptidebook_page_references")
    if cache is None or cache[0] is not kids or cache[1] != len(kids):
        cache = (kids, len(kids), _Patch.uncached.fget(pdf))
        pdf.__dict__["_peptidebook_page_references"] = cache
    return cache[2]


@contextmanager
def cached_page_references() -> Iterator[None]:
    """While active, ``pydyf.PDF.page_references`` is cached per PDF and per number of pages
    (the tuple it returns is immutable, and pages are only appended), so it gives what the
    property gives, at once. Outside the checked pydyf versions it changes nothing. Nested and
    concurrent uses share one patch; the property is restored when the last one ends."""
    if not _pydyf_checked():
        yield
        return
    with _Patch.lock:
        if _Patch.depth == 0:
            _Patch.uncached = pydyf.PDF.__dict__["page_references"]
            pydyf.PDF.page_references = property(_cached)
        _Patch.depth += 1
    try:
        yield
    finally:
        with _Patch.lock:
            _Patch.depth -= 1
            if _Patch.depth == 0:
                pydyf.PDF.page_references = _Patch.uncached
