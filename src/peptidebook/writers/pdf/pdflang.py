"""Step 5a - PDF, post-processing: ``/Lang`` on the structure elements of foreign passages.

WeasyPrint 70 declares the document's language (the catalog's ``/Lang``, from ``<html lang>``)
but never a structure element's (``../shared/NOTES-weasyprint.md`` §8): a chapter or passage in
another language than the book's would be read aloud in the wrong voice. PDF/UA-1 (ISO
14289-1 §7.2) requires the natural language of all text to be determinable, which a
structure element's ``/Lang`` entry does (ISO 32000-1 §14.9.2.1; Matterhorn 11-006).

How the elements are found, with no help from WeasyPrint: it builds the structure tree from
the laid-out boxes, page after page, one element per box, each box's children in order
(``weasyprint/pdf/tags.py``, ``_build_box_tree``; its box tree and tag names are read through
:mod:`._weasyprint`). Walking the laid-out pages the same way gives,
for every kind of structure element (``Sect``, ``P``, ``H1``…, ``Span``, ``Link``), the same
sequence as walking the finished structure tree depth first. :func:`language_marks` records, per
kind, the page and the ``lang`` attribute of each box's element, before the PDF is written;
:func:`apply_language_marks` pairs the two sequences in the written file and sets ``/Lang``.
When a kind's counts differ, or a pair sits on different pages, that kind is left alone and the
mismatch is returned, to be reported: no ``/Lang`` is ever set on a guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary

from . import _weasyprint as wp

__all__ = ["LanguageMarks", "apply_language_marks", "language_marks"]

#: Structure types WeasyPrint gives exactly one box kind each (its ``pdf_tag``), so their
#: sequences can be paired. Lists and table cells are left out: WeasyPrint adds and renames
#: elements there (``LI``/``LBody`` wrappers, anonymous cells), and the renderer never puts
#: ``lang`` on them (a passage in a cell or list item is a ``<span>``).
TRACKED = frozenset({"Sect", "P", "H1", "H2", "H3", "H4", "H5", "H6", "Span", "Link"})


@dataclass
class LanguageMarks:
    """Per structure type, each element's ``(page index, lang or None)`` in tree order."""

    by_kind: dict[str, list[tuple[int, str | None]]] = field(default_factory=dict)

    def kinds_with_languages(self) -> list[str]:
        return sorted(k for k, v in self.by_kind.items() if any(lang for _, lang in v))

    def __bool__(self) -> bool:
        return bool(self.kinds_with_languages())


def language_marks(laid_out: Any) -> LanguageMarks:
    """Walk a laid-out ``weasyprint.Document`` the way WeasyPrint's tagger walks it."""
    marks = LanguageMarks()
    for index, page in enumerate(laid_out.pages):
        for kind, lang in _walk(wp.page_box(page)):
            marks.by_kind.setdefault(kind, []).append((index, lang))
    return marks


def _walk(box: Any) -> Iterator[tuple[str, str | None]]:
    """``(structure type, lang)`` for every tracked element ``box`` produces, in tree order."""
    box = wp.in_flow(box)
    if isinstance(box, wp.MarginBox):
        return  # tagged outside the tree, then made artifacts (:mod:`.pdfua`)
    element_tag = None if box.element is None else box.element_tag
    if (element_tag in ("html", "body") or isinstance(box, wp.PageBox)) and \
            isinstance(box, wp.ParentBox) and not isinstance(box, wp.LineBox):
        for child in box.children:
            yield from _walk(child)
        return
    kind = wp.pdf_tag(element_tag)
    if kind in TRACKED:
        own = element_tag is not None and "::" not in element_tag
        yield kind, (box.element.get("lang") or None) if own else None
    children = list(getattr(box, "children", ()))
    if kind == "Table" and getattr(box, "is_table_wrapper", False):
        table = box.get_wrapped_table()
        if table is not None:  # captions and rows become children of one Table element
            children = [c for child in box.children
                        for c in (child.children if child is table else [child])]
    for child in children:
        for grandchild in (child.children if isinstance(child, wp.LineBox) else [child]):
            if not isinstance(grandchild, wp.TextBox):
                yield from _walk(grandchild)


def _struct_elements(root: Dictionary) -> Iterator[Dictionary]:
    """The structure elements below ``root``, depth first in ``/K`` order; the one-MCID
    ``Span`` elements WeasyPrint makes for each text run are not its boxes' and are skipped."""
    stack: list[object] = list(reversed(_as_list(root.get("/K"))))
    while stack:
        node = stack.pop()
        if not isinstance(node, Dictionary) or "/S" not in node:
            continue
        kids = _as_list(node.get("/K"))
        text_run = str(node.S) == "/Span" and len(kids) == 1 and isinstance(kids[0], int)
        if not text_run:
            yield node
        stack.extend(reversed(kids))


def _as_list(obj: object) -> list[object]:
    if obj is None:
        return []
    if isinstance(obj, Array):
        return [int(x) if isinstance(x, int) else x for x in obj]
    return [obj]


def apply_language_marks(pdf: pikepdf.Pdf, marks: LanguageMarks) -> tuple[int, list[str]]:
    """Set ``/Lang`` on the structure elements ``marks`` locate; return how many were set and
    a description of each structure type that could not be paired (nothing set for it)."""
    root = pdf.Root.get("/StructTreeRoot")
    kinds = marks.kinds_with_languages()
    if not isinstance(root, Dictionary) or not kinds:
        return 0, []
    found: dict[str, list[Dictionary]] = {k: [] for k in kinds}
    for element in _struct_elements(root):
        kind = str(element.S)[1:]
        if kind in found:
            found[kind].append(element)
    pages = {_objgen(page.obj): n for n, page in enumerate(pdf.pages)}
    problems: list[str] = []
    changed = 0
    for kind in kinds:
        expected, elements = marks.by_kind[kind], found[kind]
        if len(expected) != len(elements):
            problems.append(f"{kind}: {len(expected)} laid out, {len(elements)} in the tree")
            continue
        pairs = list(zip(expected, elements, strict=True))
        if any(_page_of(element, pages) not in (None, page)
               for (page, _lang), element in pairs):
            problems.append(f"{kind}: elements are not on the pages their boxes are")
            continue
        for (_page, lang), element in pairs:
            if lang:
                element.Lang = pikepdf.String(lang)  # ISO 32000-1 §14.9.2.1
                changed += 1
    return changed, problems


def _objgen(obj: Any) -> tuple[int, int]:
    number, generation = obj.objgen
    return int(number), int(generation)


def _page_of(element: Dictionary, pages: dict[tuple[int, int], int]) -> int | None:
    page = element.get("/Pg")
    return pages.get(_objgen(page)) if isinstance(page, Dictionary) else None
