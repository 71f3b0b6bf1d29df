"""What the renderer does for the print edition's typography: a caption that only repeats its
section's heading is left out (in both editions), and a printed note names the page of its
passage instead of linking back to it."""

from __future__ import annotations

import pytest

from peptidebook.model import BackLink, Blocks, Cell, Heading, Paragraph, Row, Table, Text
from peptidebook.rendering.xhtml._chapters import repeats_heading

from .test_xhtml import NS, render


def table(rows: int, caption: str = "") -> Table:
    cell = Cell((Paragraph((Text("x"),)),))
    return Table(head=(Row((Cell((Paragraph((Text("Drug"),)),), True, "col"),)),),
                 body=tuple(Row((cell,)) for _ in range(rows - 1)),
                 caption=(Text(caption),) if caption else ())


@pytest.mark.parametrize(("caption", "heading", "repeats"), [
    ("A Clinical Protocol Example", "A Clinical Protocol Example", True),
    ("Comparison Table", "Sermorelin for Skin Health: Comparison Table", True),
    ("comparison  table.", "Sermorelin for Skin Health: Comparison Table", True),
    ("Table 1. Comparison", "Sermorelin for Skin Health: Comparison Table", False),
    ("Doses in mcg per day", "Doses", False),
    ("Skin", "Sermorelin for Skin Health", True),
    ("Ski", "Sermorelin for Skin Health", False),   # whole words only
    ("", "Anything", False),
])
def test_a_caption_repeats_its_heading_when_its_words_are_a_run_of_the_headings(
        caption: str, heading: str, repeats: bool) -> None:
    assert repeats_heading((Text(caption),), (Text(heading),)) is repeats


def captions(blocks: Blocks, print_mode: bool) -> list[str]:
    root = render(blocks, print_mode=print_mode)
    return [c.xpath("string()") for c in root.xpath("//x:caption", namespaces=NS)]


@pytest.mark.parametrize("print_mode", [False, True])
def test_a_caption_repeating_the_heading_of_its_section_is_left_out(print_mode: bool) -> None:
    blocks: Blocks = (
        Heading(2, (Text("A Clinical Protocol Example"),), "h1"),
        Paragraph((Text("A common protocol follows."),)),
        table(3, "A Clinical Protocol Example"),
        Heading(2, (Text("Results"),), "h2"),
        table(3, "Table 2. Doses by week, in mcg"),
    )
    assert captions(blocks, print_mode) == ["Table 2. Doses by week, in mcg"]


def test_a_caption_under_a_deeper_heading_is_compared_with_that_heading() -> None:
    blocks: Blocks = (
        Heading(2, (Text("Protocols"),), "a"),
        Heading(3, (Text("Week one"),), "b"),
        table(3, "Protocols"),
    )
    assert captions(blocks, print_mode=False) == ["Protocols"]


@pytest.mark.parametrize(("book", "before", "after"), [
    ("en", "(p. ", ")"), ("de", "(S. ", ")"), ("ja", "\uff08", "ページ\uff09"),  # fullwidth
])
def test_on_paper_a_back_link_gives_the_page_of_its_passage(book: str, before: str,
                                                             after: str) -> None:
    back = BackLink((Text("Back to the passage in “T”"),), "passage")
    paper = render((Paragraph((Text("A note. "), back)),), print_mode=True, book=book)
    (a,) = paper.xpath("//x:a[@class='backlink']", namespaces=NS)
    # The number itself is generated on paper (styles/print.css: target-counter).
    assert (a.text, a.get("data-after"), a.get("href")) == (before, after, "#passage")
    screen = render((Paragraph((Text("A note. "), back)),), book=book)
    (a,) = screen.xpath("//x:a[@class='backlink']", namespaces=NS)
    assert a.xpath("string()") == "Back to the passage in “T”"
    assert a.get("data-after") is None
