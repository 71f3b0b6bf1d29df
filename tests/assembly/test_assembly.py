"""Book assembly: the chapters it adds, the facts in the preface, ids, images."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from peptidebook.assembly import assemble
from peptidebook.assembly.ids import IdAllocator, plain_text, slugify
from peptidebook.diagnostics import Report
from peptidebook.fetching import MemoryFetcher, OfflineFetcher
from peptidebook.i18n import BookText
from peptidebook.model import (
    Article,
    Book,
    BookMeta,
    Chapter,
    Figure,
    GlossaryEntry,
    Heading,
    Image,
    Link,
    Paragraph,
    Reference,
    ReferenceList,
    Source,
    Text,
)
from peptidebook.walk import iter_blocks, iter_inlines


def article(slug: str, **kw: object) -> Article:
    base: dict[str, object] = dict(  # noqa: C408 - keyword form reads like Article(...)
        title=slug.title(), slug=slug,
        blocks=(Heading(2, (Text("Intro"),)), Paragraph((Text("Body."),))),
        source=Source("wordpress-rest", f"{slug}.json", url=f"https://example.org/{slug}/"),
        published=datetime(2026, 5, 5, tzinfo=UTC))
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def edition_of(*articles: Article, report: Report | None = None,
               fetcher: object = None) -> list[Chapter]:
    report = report or Report()
    book = Book(BookMeta("Book", "en", "urn:x"), tuple(articles))
    return list(assemble(book, BookText("en", report), report,
                         fetcher or OfflineFetcher()).chapters)  # type: ignore[arg-type]


def text_of(chapter: Chapter) -> str:
    return " ".join(plain_text(b.children) for b in iter_blocks(chapter.blocks)
                    if isinstance(b, (Paragraph, Heading)))


def test_chapter_order() -> None:
    gloss = (GlossaryEntry("gloss-x", "X", (Text("An x."),)),)
    kinds = [c.kind for c in edition_of(article("a"), article("b", glossary=gloss))]
    assert kinds == ["titlepage", "preface", "article", "article", "glossary", "bibliography"]


def test_no_glossary_chapter_without_entries() -> None:
    assert "glossary" not in [c.kind for c in edition_of(article("a"))]


@pytest.mark.parametrize("count, phrase", [(1, "collects 1 article"), (3, "collects 3 articles")])
def test_preface_counts_articles_with_plural_forms(count: int, phrase: str) -> None:
    chapters = edition_of(*(article(f"a{n}") for n in range(count)))
    assert phrase in text_of(chapters[1])


def test_preface_says_not_medical_advice_and_names_sources() -> None:
    preface = edition_of(article("a"))[1]
    assert "not medical advice" in text_of(preface)
    hrefs = [n.href for n in iter_inlines(preface.blocks) if isinstance(n, Link)]
    assert hrefs == ["https://example.org/a/"]


def test_preface_is_honest_about_unrecorded_retrieval() -> None:
    preface = edition_of(article("a"))[1]
    inlines = [plain_text((n,)) for n in iter_inlines(preface.blocks)]
    assert any("not recorded" in t for t in inlines)


def test_references_chapter_lists_each_article_and_its_reference_list() -> None:
    refs = ReferenceList((Reference((Text("Smith 2020."),), "ref-1"),))
    chapter = edition_of(article("a", references=refs), article("b"))[-1]
    lists = [b for b in iter_blocks(chapter.blocks) if isinstance(b, ReferenceList)]
    assert len(lists) == 1 and lists[0].entries[0].id == "ch01-ref-1"  # book-wide: the article's chapter
    assert "gives no list of references" in text_of(chapter)


def test_heading_ids_are_unique_and_stable() -> None:
    chapters = edition_of(article("a"), article("b"))
    ids = [b.id for c in chapters for b in iter_blocks(c.blocks) if isinstance(b, Heading)]
    assert len(ids) == len(set(ids)) and all(ids)
    assert ids == [b.id for c in edition_of(article("a"), article("b"))
                   for b in iter_blocks(c.blocks) if isinstance(b, Heading)]


@pytest.mark.parametrize("text, slug", [
    ("What Is Sermorelin?", "what-is-sermorelin"),
    ("Ça va — très bien", "ca-va-tres-bien"),
    ("???", "section"),
])
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_ids_never_start_with_a_digit_and_are_deduplicated() -> None:
    ids = IdAllocator()
    assert [ids.take("2019-study"), ids.take("x"), ids.take("x")] == [
        "id-2019-study", "x", "x-2"]


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_fetched_image_becomes_an_asset() -> None:
    figure = Figure(Image("https://example.org/i.png", "A chart"))
    chapters = edition_of(article("a", blocks=(figure,)),
                          fetcher=MemoryFetcher({"https://example.org/i.png": PNG}))
    (fig,) = [b for b in iter_blocks(chapters[2].blocks) if isinstance(b, Figure)]
    assert fig.image.src.startswith("images/") and fig.image.src.endswith(".png")


def test_unfetchable_image_becomes_alt_text_and_link_with_diagnostic() -> None:
    report = Report()
    figure = Figure(Image("https://example.org/i.png", "A chart"))
    chapters = edition_of(article("a", blocks=(figure,)), report=report)
    body = chapters[2].blocks
    assert not [b for b in iter_blocks(body) if isinstance(b, Figure)]
    assert "A chart" in text_of(chapters[2])
    assert report.count("fetch-refused") == 1


def test_non_image_bytes_are_refused() -> None:
    report = Report()
    figure = Figure(Image("https://example.org/i.png", "A chart"))
    edition_of(article("a", blocks=(figure,)), report=report,
               fetcher=MemoryFetcher({"https://example.org/i.png": b"<html>"}))
    assert report.count("fetch-refused") == 1
