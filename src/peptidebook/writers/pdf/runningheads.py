"""Step 5a - PDF: running heads for the pages of notes — "Notes to pages 4–11" — as a book sets
them (The Chicago Manual of Style, 17th ed., §1.17 and §14.42: the running head over endnotes
gives the text pages the notes on that page refer to).

Which pages a page of notes refers to is known only once the book is laid out: the page of each
passage and the page of each note. CSS cannot say it in one pass — ``string-set`` can carry a
``target-counter()`` (WeasyPrint resolves it), but a running head made of the first and the last
note's page strings would read "4–4" on a page of notes to one page, and would stay on the next
pages that hold no notes at all. So the writer lays the book out, reads from the laid-out pages
where each passage and each back link is (WeasyPrint's ``Page.anchors`` and ``Page.links``), and
writes each page's heading into the print document as ``data-running-head`` on every block that
begins on the page (styles/print.css makes it the ``chapter`` string, whose last value on a page
the running head shows: WeasyPrint keeps the values of earlier layouts of a page it lays out
again to resolve ``target-counter``, before the final one). The attribute changes no box, so
the second layout gives the same pages, with these heads. A page on which no block begins (one
long entry) keeps the head of the page before; the chapter's opening page keeps its title.

Pages of a back-matter chapter with back links (the References) get the heading; such a page
with no back link on it shows the chapter's title (so a page of works cited does not inherit the
notes heading of the page before).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ...i18n import BookText
from ...model import Edition
from ...walk import plain_text
from . import _weasyprint as wp
from .document import PB_ATTR, PrintDocument

__all__ = ["RUNNING_HEAD_ATTR", "add_notes_running_heads"]

RUNNING_HEAD_ATTR = "data-running-head"
#: Chapters whose pages hold notes with back links to their passages.
NOTES_KINDS = frozenset(["bibliography"])


def _new_blocks(page: Any, seen: set[str]) -> list[str]:
    """The ``data-pb`` keys of the block elements first laid out on ``page``, in order."""
    found: list[str] = []

    def walk(box: Any) -> None:
        if isinstance(box, wp.MarginBox):
            return
        element = box.element
        key = element.get(PB_ATTR) if element is not None else None
        if key is not None and key not in seen:
            seen.add(key)
            found.append(key)
        for child in getattr(box, "children", ()):
            walk(child)

    walk(wp.page_box(page))
    return found


def _printed_number(box: Any) -> str:
    """The page number a laid-out back link prints after its text (its ``::after`` box:
    ``target-counter()`` then ``data-after``), as printed — whatever the page counter's style."""
    element = box.element
    after = element.get("data-after", "") if element is not None else ""
    texts: list[str] = []

    def walk(child: Any, generated: bool) -> None:
        generated = generated or (child.element_tag or "").endswith("::after")
        if generated and isinstance(child, wp.TextBox):
            texts.append(child.text)
        for grandchild in getattr(child, "children", ()):
            walk(grandchild, generated)

    walk(box, False)
    text = "".join(texts)
    return text.removesuffix(after).strip() if after else text.strip()


def _backlinks(page: Any) -> list[tuple[str, str]]:
    """The back links laid out on ``page``: the id each leads to, and the page number it
    prints."""
    out = []
    for kind, target, _rectangle, box in page.links:
        element = getattr(box, "element", None)
        if kind == "internal" and element is not None and \
                "backlink" in (element.get("class") or "").split():
            out.append((str(target), _printed_number(box)))
    return out


def notes_heading(pages: list[tuple[int, str]], text: BookText) -> str:
    """"Notes to page 4" or "Notes to pages 4–11", in the book's language: ``pages`` are the
    passages' pages, as ``(place in the book, printed number)``."""
    first, last = min(pages)[1], max(pages)[1]
    if first == last:
        return text.gettext("Notes to page {page}").format(page=first)
    return text.gettext("Notes to pages {first}–{last}").format(first=first, last=last)


def add_notes_running_heads(laid_out: Any, document: PrintDocument, edition: Edition,
                            text: BookText) -> bool:
    """Write the running head of every page of notes into ``document`` (its XHTML is
    serialised again); ``True`` when there was any, and the book must be laid out again."""
    chapters = {c.id: plain_text(c.title) for c in edition.chapters if c.kind in NOTES_KINDS}
    anchors: dict[str, int] = {}
    for number, page in enumerate(laid_out.pages, 1):
        for name in page.anchors:
            anchors.setdefault(name, number)
    seen: set[str] = set()
    root: etree._Element | None = None
    for page in laid_out.pages:
        blocks = [k for k in _new_blocks(page, seen) if k in document.keys]
        if not blocks:
            continue
        chapter, index = document.keys[blocks[0]]
        if chapter not in chapters or index == 0:  # not notes, or the chapter's opening page
            continue
        passages = [(anchors[target], number or str(anchors[target]))
                    for target, number in _backlinks(page) if target in anchors]
        heading = notes_heading(passages, text) if passages else chapters[chapter]
        for key in blocks:  # every block that begins here: the first one met sets the head
            document.elements[key].set(RUNNING_HEAD_ATTR, heading)
        root = document.elements[blocks[0]].getroottree().getroot()
    if root is None:
        return False
    document.xhtml = (b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>\n"
                      + etree.tostring(root, encoding="utf-8"))
    return True
