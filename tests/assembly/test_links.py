"""Assembly keeps the rule cleaning checked: no link inside a link, even where assembly adds
links of its own inside the author's (RSC-005)."""

from __future__ import annotations

from peptidebook.diagnostics import Report
from peptidebook.model import Image, Link, Paragraph, Text
from peptidebook.walk import iter_inlines

from .test_assembly import FIRST_ARTICLE, article, edition_of


def test_an_unfetchable_linked_image_does_not_put_a_link_in_a_link() -> None:
    report = Report()
    linked = Link((Image("https://example.org/i.png", "A chart"),), "https://example.org/big")
    chapters = edition_of(article("a", blocks=(Paragraph((linked,)),)), report=report)
    # One link in the chapter: the fallback link to the original image was unwrapped.
    (outer,) = [i for i in iter_inlines(chapters[FIRST_ARTICLE].blocks) if isinstance(i, Link)]
    assert outer.href == "https://example.org/big"
    assert isinstance(outer.children[0], Text) and "A chart" in outer.children[0].text
    assert report.count("link-unwrapped") == 1
