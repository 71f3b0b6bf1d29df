"""Book assembly: what the book says of its accessibility follows from what it contains, and
says it was checked only when it was (:mod:`peptidebook.assembly.accessibility`)."""

from __future__ import annotations

import pytest

from peptidebook.assembly.accessibility import (
    AccessibilityFacts,
    accessibility,
    checked_statement,
)
from peptidebook.diagnostics import Report
from peptidebook.i18n import BookText
from peptidebook.model import (
    Block,
    Cell,
    Chapter,
    Image,
    Paragraph,
    RawInline,
    Row,
    Span,
    Table,
    Text,
)


def chapter(*blocks: Block, lang: str | None = None, ident: str = "ch01-a") -> Chapter:
    return Chapter(kind="article", id=ident, title=(Text("A"),), blocks=blocks, lang=lang)


def table(header: bool) -> Table:
    return Table(head=(Row((Cell((Paragraph((Text("h"),)),), header=header),)),),
                 body=(Row((Cell((Paragraph((Text("d"),)),)),)),))


def summary(*chapters: Chapter, lang: str = "en") -> str:
    return accessibility(chapters, BookText(lang, Report())).summary


def test_tables_with_and_without_headers_are_told_apart() -> None:
    text = summary(chapter(table(True), table(True), table(False)))
    assert "2 data tables have header cells." in text
    assert "1 table has no header cells: its source gave none." in text


def test_passages_and_chapters_in_other_languages_are_counted() -> None:
    facts = AccessibilityFacts.of(
        [chapter(Paragraph((Text("a "), Span((Text("Bonjour"),), "fr")))),
         chapter(Paragraph((Text("Hallo"),)), lang="de", ident="ch02-b"),
         chapter(Paragraph((Span((Text("colour"),), "en-GB"),)), ident="ch03-c"),
         # The book's own words inside a chapter in another language are not "other".
         chapter(Paragraph((Span((Text("Anmerkung"),), "en"),)), lang="de", ident="ch04-d")],
        "en")
    assert facts.foreign_passages == 3  # en-GB in an English book is the same language
    assert "2 passages in other languages are marked with their language" in summary(
        chapter(Paragraph((Span((Text("Bonjour"),), "fr"),))),
        chapter(Paragraph((Text("Hallo"),)), lang="de", ident="ch02-b"))


def test_markup_kept_as_text_is_said() -> None:
    text = summary(chapter(Paragraph((RawInline("<blink>x</blink>", "html"),))))
    assert "1 piece of markup that could not be converted is shown as text." in text


@pytest.mark.parametrize(("alts", "said"), [
    (("a cat",), "Every image has a text alternative."),
    ((None, "a cat"), "1 image has no text alternative."),
    ((), "It contains no images."),
])
def test_images_and_their_text_alternatives(alts: tuple[str | None, ...], said: str) -> None:
    images = tuple(Image(f"https://example.org/{n}.png", alt) for n, alt in enumerate(alts))
    assert said in summary(chapter(Paragraph(images)))


def test_the_summary_claims_design_not_a_check() -> None:
    claims = accessibility([chapter(Paragraph((Text("x"),)))], BookText("en", Report()))
    assert "was made to meet EPUB Accessibility 1.1" in claims.summary
    assert "checked" not in claims.summary
    assert claims.checking.endswith("this file itself was not checked with them when it was "
                                    "made.")


def test_the_checked_statement_names_the_versions() -> None:
    said = checked_statement(BookText("en", Report()), "5.3.0", "1.4.6")
    assert "EPUBCheck 5.3.0 reported no errors or warnings" in said
    assert "DAISY Ace 1.4.6 no critical or serious accessibility violations" in said


def test_nothing_names_the_product_as_certifier() -> None:
    claims = accessibility([chapter(Paragraph((Text("x"),)))], BookText("de", Report()))
    assert not hasattr(claims, "certified_by")
    assert "peptidebook" not in (claims.summary + claims.checking).lower()
