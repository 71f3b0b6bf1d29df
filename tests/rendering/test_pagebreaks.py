"""Page-break markers land at the recorded place: before a block, or before a word."""

from __future__ import annotations

import pytest
from lxml import etree

from peptidebook.rendering.pagebreaks import PageBreak, insert_page_breaks

X = "http://www.w3.org/1999/xhtml"
TABLE = ('<div class="table-wrap"><table><caption>T</caption><thead><tr><th>H</th></tr></thead>'
         "</table></div>")


def section(body: str) -> etree._Element:
    return etree.fromstring(f'<section xmlns="{X}" xmlns:epub="http://www.idpf.org/2007/ops" '
                            f'id="c">{body}</section>')


def marked(body: str, element: int, offset: int) -> str:
    sec = section(body)
    insert_page_breaks(sec, [PageBreak(7, "c", element, offset)])
    out: str = etree.tostring(sec, encoding="unicode")
    out = out.replace(f' xmlns="{X}"', "").replace(' xmlns:epub="http://www.idpf.org/2007/ops"', "")
    return out.replace('<span epub:type="pagebreak" role="doc-pagebreak" id="page-7" '
                       'aria-label="7"/>', "|")


@pytest.mark.parametrize(("body", "element", "offset", "expected"), [
    # Before a paragraph that starts the page.
    ("<p>One two.</p><p>Three four.</p>", 2, 0, "<p>One two.</p>|<p>Three four.</p>"),
    # Inside a paragraph: before the word holding the offset-th non-blank character.
    ("<p>One two three.</p>", 1, 3, "<p>One |two three.</p>"),
    ("<p>One two three.</p>", 1, 5, "<p>One |two three.</p>"),  # mid-word: whole word
    ("<p>One <em>two</em> three.</p>", 1, 6, "<p>One <em>two</em> |three.</p>"),
    ("<p>One <em>two three</em>.</p>", 1, 6, "<p>One <em>two |three</em>.</p>"),
    # Never inside a link (it would become part of the link's name).
    ('<p>See <a href="#x">the glossary</a>.</p>', 1, 6,
     '<p>See |<a href="#x">the glossary</a>.</p>'),
    # A list item opens the page: inside it, lists allow no other child.
    ("<ul><li>A</li><li>B</li></ul>", 3, 0, "<ul><li>A</li><li>|B</li></ul>"),
    # A table that opens with its caption or header row: before the table.
    (TABLE, 3, 0, f"|{TABLE}"),
    # Only block elements are counted: inline ones differ between print and the EPUB.
    ('<p>A <a href="#x"><em>b</em></a>.</p><p>C d.</p>', 2, 0,
     '<p>A <a href="#x"><em>b</em></a>.</p>|<p>C d.</p>'),
])
def test_marker_position(body: str, element: int, offset: int, expected: str) -> None:
    assert marked(body, element, offset) == f'<section id="c">{expected}</section>'


def test_markers_of_one_chapter_do_not_shift_each_other() -> None:
    sec = section("<p>A b.</p><p>C d.</p><p>E f.</p>")
    insert_page_breaks(sec, [PageBreak(1, "c", 1, 0), PageBreak(2, "c", 3, 0)])
    labels = [s.get("aria-label") for s in sec.iter(f"{{{X}}}span")]
    texts = [p.text for p in sec.iter(f"{{{X}}}p")]
    assert labels == ["1", "2"] and texts == ["A b.", "C d.", "E f."]
    assert sec[0].get("id") == "page-1" and sec[3].get("id") == "page-2"
