"""The end of each article's chapter: the publisher's interest, the edits made."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import get_args

import pytest

from peptidebook.assembly import assemble
from peptidebook.assembly.edits import SENTENCES, derived_edits, sentence
from peptidebook.diagnostics import Report
from peptidebook.fetching import OfflineFetcher
from peptidebook.i18n import BookText
from peptidebook.model import (
    Article,
    Book,
    BookMeta,
    BulletList,
    Chapter,
    Edit,
    EditKind,
    Heading,
    Image,
    Paragraph,
    PublisherInterest,
    Reference,
    ReferenceList,
    SalesLink,
    Source,
    Span,
    Text,
    WorkCited,
)
from peptidebook.walk import iter_blocks, iter_inlines, plain_text


def article(**kw: object) -> Article:
    base: dict[str, object] = dict(  # noqa: C408 - keyword form reads like Article(...)
        title="A", slug="a", blocks=(Paragraph((Text("Body."),)),),
        source=Source("wordpress-rest", "a.json", url="https://trimrx.com/blog/a/"),
        published=datetime(2026, 5, 5, tzinfo=UTC), lang="en", edits=())
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def chapter_of(given: Article, language: str = "en") -> Chapter:
    report = Report()
    book = Book(BookMeta("Book", language, "urn:x"), (given,))
    edition = assemble(book, BookText(language, report), report, OfflineFetcher())
    (chapter,) = [c for c in edition.chapters if c.kind == "article"]
    return chapter


def record_of(chapter: Chapter) -> list[str]:
    """The record's headings and sentences, in order (what follows the article's body)."""
    blocks = list(iter_blocks(chapter.blocks))
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading)
                 and b.id and b.id.endswith(("-interest", "-edits")))
    return [plain_text(b.children) for b in blocks[start:]
            if isinstance(b, Heading | Paragraph)]


def test_every_kind_of_edit_has_its_sentence() -> None:
    assert set(SENTENCES) == set(get_args(EditKind))


@pytest.mark.parametrize("language", ["en", "de", "pl", "ar", "ja"])
@pytest.mark.parametrize("kind", get_args(EditKind))
def test_each_sentence_names_its_count_in_every_language(kind: EditKind, language: str) -> None:
    report = Report()
    text = BookText(language, report)
    got = sentence(kind, 7, text)
    assert "{" not in got and report.count("no-translation") == 0
    if kind not in ("title-heading", "excerpt-only", "page-extracted"):
        assert "7" in got


def test_the_chapter_ends_with_the_edits_made_under_the_chapters_title() -> None:
    chapter = chapter_of(article(edits=(Edit("title-heading", 1, ("A",)),
                                        Edit("tooltip-moved", 12))))
    assert record_of(chapter) == [
        "Edits made for this edition",
        "The heading that repeated the article’s title was removed: the title is printed above.",
        "12 pop-up definitions (tooltips) were taken out of the text: they are in the Glossary.",
    ]
    heading = next(b for b in iter_blocks(chapter.blocks) if isinstance(b, Heading)
                   and b.id == f"{chapter.id}-edits")
    assert heading.level == 2


def test_no_edits_and_edits_not_recorded_read_differently() -> None:
    assert record_of(chapter_of(article()))[1:] == [
        "This edition made no change to the article’s text or structure."]
    assert record_of(chapter_of(article(edits=None)))[1:] == [
        "The edits made to this article were not recorded."]


def test_references_moved_and_restyled_are_derived_from_the_article() -> None:
    read = Reference((Text("Veldhuis, J. “T.” J, 2005."),), id="ref-1",
                     work=WorkCited(authors=("Veldhuis, J.",), title="T", year=2005))
    unread = Reference((Text("Some page"),), id="ref-2")
    given = article(references=ReferenceList((read, unread)))
    assert derived_edits(given, 2) == (Edit("references-moved", 2),
                                       Edit("references-restyled", 1),
                                       Edit("image-unfetched", 2))


def test_an_image_that_could_not_be_fetched_is_counted() -> None:
    image = Image("https://trimrx.com/a.png", "A chart")
    chapter = chapter_of(article(blocks=(Paragraph((Text("See "), image)),)))
    assert not any(isinstance(n, Image) for n in iter_inlines(chapter.blocks))
    assert ("1 image could not be fetched: its alt text and a link to the original stand in "
            "its place.") in record_of(chapter)


def test_the_publishers_interest_comes_first_with_its_passages_quoted() -> None:
    interest = PublisherInterest("trimrx.com", ("Our patients say so.",),
                                 (SalesLink("Get started", "https://trimrx.com/intake"),))
    chapter = chapter_of(article(interest=interest))
    record = record_of(chapter)
    assert record[:2] == [
        "The publisher’s interest",
        ("In this article the publisher, trimrx.com, writes about its own patients, clients, "
        "programmes, products or services:")]
    assert "“Our patients say so.”" in record
    assert "Get started (https://trimrx.com/intake)" in record
    assert record.index("Edits made for this edition") > record.index("“Our patients say so.”")


def test_more_passages_than_are_quoted_are_counted() -> None:
    said = tuple(f"Our patients said {n}." for n in range(7))
    record = record_of(chapter_of(article(interest=PublisherInterest("x.com", said))))
    assert "The article has 2 more passages like these." in record


def test_in_an_article_of_another_language_the_books_text_is_marked_and_quotes_keep_theirs(
        ) -> None:
    interest = PublisherInterest("praxis.de", ("Unsere Patienten sagen es.",))
    chapter = chapter_of(article(lang="de", interest=interest), language="en")
    quote = next(b for b in iter_blocks(chapter.blocks) if isinstance(b, BulletList))
    spans = [n for n in iter_inlines((quote,)) if isinstance(n, Span)]
    assert [s.lang for s in spans] == ["en", "de"]  # the book's quotation marks, its words


def test_the_handout_carries_the_record_too() -> None:
    report = Report()
    given = article(edits=(Edit("faq-widget", 3),),
                    interest=PublisherInterest("trimrx.com", ("Our patients say so.",)))
    edition = assemble(Book(BookMeta("Book", "en", "urn:x"), (given,)),
                       BookText("en", report), report, OfflineFetcher())
    (handout,) = edition.handouts
    assert record_of(handout.chapter)[0] == "The publisher’s interest"
    assert ("3 questions of collapsible question-and-answer widgets are printed open, with "
            "their answers.") in record_of(handout.chapter)


def test_a_publisher_the_source_does_not_name_is_not_named() -> None:
    given = article(source=Source("text", "a.txt"),
                    interest=PublisherInterest(None, ("Our patients say so.",)))
    assert record_of(chapter_of(given))[:2] == [
        "The publisher’s interest",
        ("In this article its publisher, whom the source does not name, writes about its own "
        "patients, clients, programmes, products or services:")]


def test_the_record_is_not_listed_in_the_table_of_contents() -> None:
    report = Report()
    given = article(edits=(Edit("faq-widget", 3),),
                    interest=PublisherInterest("trimrx.com", ("Our patients say so.",)))
    edition = assemble(Book(BookMeta("Book", "en", "urn:x"), (given,)),
                       BookText("en", report), report, OfflineFetcher())
    (entry,) = [e for e in edition.contents.entries if e.chapter.startswith("ch01")]
    assert entry.entries == ()
    assert any(isinstance(b, Heading) and b.id == f"{entry.chapter}-edits"
               for c in edition.chapters for b in c.blocks)
