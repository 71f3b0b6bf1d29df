"""The printed table of contents, rendered from the contents model."""

from __future__ import annotations

from lxml import etree

from peptidebook.diagnostics import Report
from peptidebook.i18n import PDI, RLI, BookText
from peptidebook.model import Contents, ContentsEntry, Text
from peptidebook.rendering.contents import printed_contents

NS = {"x": "http://www.w3.org/1999/xhtml"}

CONTENTS = Contents((Text("Contents"),), (
    ContentsEntry((Text("Book"),), "titlepage", printed=False),
    ContentsEntry((Text("A"),), "ch01-a", entries=(
        ContentsEntry((Text("One"),), "ch01-a", "ch01-one"),
        ContentsEntry((Text("Two"),), "ch01-a", "ch01-two", lang="de"),
    )),
    ContentsEntry((Text("مرحبا"),), "ch02-b", lang="ar"),
))


def test_printed_contents_list_what_follows_the_title_page() -> None:
    nav = printed_contents(CONTENTS, BookText("en", Report()))
    assert (nav.get("role"), nav.get("aria-labelledby")) == ("doc-toc", "print-toc")
    assert nav.xpath("string(x:h1)", namespaces=NS) == "Contents"
    top = nav.xpath("x:ol/x:li/x:a/@href", namespaces=NS)
    assert top == ["#ch01-a-title", "#ch02-b-title"]  # chapters: to their title
    assert nav.xpath("x:ol/x:li/x:ol/x:li/x:a/@href", namespaces=NS) == ["#ch01-one",
                                                                         "#ch01-two"]


def test_an_entry_in_another_language_is_marked_and_isolated_in_the_other_direction() -> None:
    nav = printed_contents(CONTENTS, BookText("en", Report()))
    german, arabic = nav.xpath("//x:a[@lang]", namespaces=NS)
    assert german.get("lang") == "de" and german.text == "Two"
    assert arabic.get("lang") == "ar" and arabic.text == f"{RLI}مرحبا{PDI}"
    assert not nav.xpath("//x:a[@dir]", namespaces=NS)  # the dot leader keeps the book's
    assert etree.tostring(nav)  # well-formed
