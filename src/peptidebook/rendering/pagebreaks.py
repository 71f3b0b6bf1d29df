"""Step 4 - Rendering: where the print edition's pages begin, as positions in the rendered XHTML.

The PDF writer lays the book out and records, for every printed page, the first text that page
shows as a :class:`PageBreak`: a chapter id, the index of a block element among the block
elements, in document order, of that chapter's rendered ``<section>`` (:func:`block_elements`;
:meth:`Renderer.chapter` builds the same blocks in print mode and for the EPUB — only inline
content differs on paper — so the index addresses the same element in the EPUB) and how many
non-blank characters of that element's own text came before the break. The EPUB writer turns
each into a page-break marker at the same place (EPUB Accessibility 1.1 §5.4 "Page
navigation"; DPUB-ARIA 1.1 ``doc-pagebreak``; EPUB 3 SSV ``pagebreak``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from ..i18n import BIDI_CONTROLS
from .xhtml import EPUB, XHTML, E

#: Elements whose text flows as its own block; an element's *own* text excludes these children.
BLOCK_TAGS = frozenset(
    f"{{{XHTML}}}{t}" for t in [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "caption",
        "figcaption", "pre", "blockquote", "section", "header", "div", "aside", "ol", "ul", "dl",
        "table", "thead", "tbody", "tfoot", "tr", "figure", "nav", "hr",
    ])
#: Parents in which a marker may not stand as a sibling (HTML content models): there it goes
#: inside the element, before its text.
NO_PHRASING_PARENTS = frozenset(
    f"{{{XHTML}}}{t}" for t in ["ol", "ul", "dl", "table", "thead", "tbody", "tfoot", "tr"])
#: A marker never goes inside these: an ``aria-label`` inside a link or heading would become part
#: of the link's or heading's accessible name (Accessible Name and Description 1.2 §4.3.2).
NAMED_BY_CONTENT = frozenset(
    f"{{{XHTML}}}{t}"
    for t in ["a", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "th", "button", "dfn"])
SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True)
class PageBreak:
    """The start of printed page ``page``.

    ``chapter`` is a chapter id, or ``None`` for a page of print-only matter (the printed table
    of contents), which the EPUB places at its navigation document. ``element`` indexes
    :func:`block_elements` of the chapter's rendered section; ``offset`` counts the non-blank
    characters of that element's own text (:func:`own_text_nodes`) before the page begins.
    """

    page: int
    chapter: str | None
    element: int = 0
    offset: int = 0

    @property
    def label(self) -> str:
        return str(self.page)

    @property
    def id(self) -> str:
        return f"page-{self.page}"


def block_elements(section: etree._Element) -> list[etree._Element]:
    """The block elements of a rendered chapter (``section`` itself first), in document order:
    what :attr:`PageBreak.element` indexes."""
    return [element for element in section.iter() if element.tag in BLOCK_TAGS]


def own_text_nodes(element: etree._Element) -> Iterator[tuple[etree._Element, str, bool]]:
    """The text of ``element`` that flows in its own block, in order, as ``(node, text,
    is_tail)``: ``element.text`` and, for inline children, their text and their tails (block
    children are skipped, their tails kept)."""
    if element.text:
        yield element, element.text, False
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag not in BLOCK_TAGS:
            yield from _inline_text(child)
        if child.tail:
            yield child, child.tail, True


def _inline_text(element: etree._Element) -> Iterator[tuple[etree._Element, str, bool]]:
    if element.text:
        yield element, element.text, False
    for child in element:
        if not isinstance(child.tag, str):
            continue
        yield from _inline_text(child)
        if child.tail:
            yield child, child.tail, True


def own_text(element: etree._Element) -> str:
    return "".join(text for _, text, _ in own_text_nodes(element))


def countable(text: str) -> str:
    """What offsets count: the characters of ``text`` that are neither blank nor soft hyphens
    (nor the invisible bidirectional controls the print edition may add)."""
    return "".join(c for c in text if not c.isspace() and c != SOFT_HYPHEN
                   and c not in BIDI_CONTROLS)


def marker(page_break: PageBreak) -> etree._Element:
    """``<span epub:type="pagebreak" role="doc-pagebreak" id="page-N" aria-label="N"/>``."""
    return E("span", {f"{{{EPUB}}}type": "pagebreak", "role": "doc-pagebreak",
                      "id": page_break.id, "aria-label": page_break.label})


def insert_page_breaks(section: etree._Element, breaks: list[PageBreak]) -> None:
    """Put a marker for each of ``breaks`` (all of one chapter) into its rendered ``section``.

    Positions are resolved against the tree as rendered, before any marker is inserted, so
    markers never shift one another.
    """
    elements = block_elements(section)
    spots = [(b, elements[b.element]) for b in breaks if 0 <= b.element < len(elements)]
    for page_break, element in spots:
        _insert(element, page_break, section)


def _insert(element: etree._Element, page_break: PageBreak, section: etree._Element) -> None:
    span = marker(page_break)
    if page_break.offset > 0 and _insert_in_text(element, page_break.offset, span):
        return
    _insert_before(element, span, section)


def _insert_before(element: etree._Element, span: etree._Element,
                   section: etree._Element) -> None:
    table = _table_start(element)
    if table is not None:
        element = table  # a caption or column header opens the table: mark before the table
    parent = element.getparent()
    if element is section or parent is None or parent.tag in NO_PHRASING_PARENTS:
        # Inside, before its content: <li>, <td>, <dt>, <dd>, or the chapter's own section.
        span.tail = element.text
        element.text = None
        element.insert(0, span)
        return
    span.tail = None
    element.addprevious(span)


def _table_start(element: etree._Element) -> etree._Element | None:
    """The table wrapper when ``element`` is a caption or a cell of the header rows."""
    heads = {f"{{{XHTML}}}caption", f"{{{XHTML}}}thead"}
    node: etree._Element | None = element
    in_head = False
    while node is not None:
        if node.tag in heads:
            in_head = True
        if node.tag == f"{{{XHTML}}}table":
            if not in_head:
                return None
            parent = node.getparent()
            wrapped = parent is not None and parent.get("class") == "table-wrap"
            return parent if wrapped else node
        node = node.getparent()
    return None


def _insert_in_text(element: etree._Element, offset: int, span: etree._Element) -> bool:
    """Insert ``span`` at the start of the word holding the ``offset``-th countable character
    of ``element``'s own text; ``False`` when the text is shorter."""
    seen = 0
    for node, text, is_tail in own_text_nodes(element):
        here = len(countable(text))
        if seen + here <= offset:
            seen += here
            continue
        # Index in ``text`` of the (offset - seen)-th countable character.
        wanted, index = offset - seen, 0
        for index, char in enumerate(text):  # noqa: B007 - its last value is used below
            if not char.isspace() and char != SOFT_HYPHEN:
                if wanted == 0:
                    break
                wanted -= 1
        while index > 0 and not text[index - 1].isspace():
            index -= 1  # back to the start of the word: markers never split a word
        host = node.getparent() if is_tail else node
        outer = _outermost_named(host, element)
        if outer is not None:
            # Inside a link or heading: stand just before it instead.
            outer.addprevious(span)
            span.tail = None
            return True
        if is_tail:
            node.tail = text[:index]
            span.tail = text[index:]
            node.addnext(span)
        else:
            node.text = text[:index]
            span.tail = text[index:]
            node.insert(0, span)
        return True
    return False


def _outermost_named(node: etree._Element | None,
                     stop: etree._Element) -> etree._Element | None:
    """The outermost ancestor-or-self of ``node`` below ``stop`` named by its content."""
    found = None
    while node is not None and node is not stop:
        if node.tag in NAMED_BY_CONTENT:
            found = node
        node = node.getparent()
    return found
