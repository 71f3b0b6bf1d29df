"""Book assembly: the chapters it adds, the facts in the preface, ids, images."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from peptidebook.assembly import assemble
from peptidebook.diagnostics import Report
from peptidebook.fetching import Fetched, MemoryFetcher, OfflineFetcher
from peptidebook.i18n import BookText
from peptidebook.model import (
    Article,
    Book,
    BookMeta,
    Cell,
    Chapter,
    DefinitionList,
    Emph,
    Figure,
    GlossaryEntry,
    GlossaryRef,
    Heading,
    Image,
    Link,
    Paragraph,
    QASection,
    Question,
    Reference,
    ReferenceList,
    Row,
    Source,
    Table,
    Text,
)
from peptidebook.names import ID_LIMIT, slugify
from peptidebook.walk import iter_blocks, iter_inlines, plain_text


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


@pytest.mark.parametrize(("count", "phrase"),
                         [(1, "collects 1 article"), (3, "collects 3 articles")])
def test_preface_counts_articles_with_plural_forms(count: int, phrase: str) -> None:
    chapters = edition_of(*(article(f"a{n}") for n in range(count)))
    assert phrase in text_of(chapters[1])


def test_preface_names_sources() -> None:
    preface = edition_of(article("a"))[1]
    hrefs = [n.href for n in iter_inlines(preface.blocks)
             if isinstance(n, Link) and not n.href.startswith("#")]
    assert hrefs == ["https://example.org/a/"]


def test_a_malformed_address_names_no_site_and_assembles() -> None:
    source = Source("text", "a.txt", url="https://[::1/a")  # book.toml's url, unchecked
    preface = edition_of(article("a", source=source))[1]
    links = [n for n in iter_inlines(preface.blocks)
             if isinstance(n, Link) and not n.href.startswith("#")]
    assert [(plain_text(n.children), n.href) for n in links] == [("https://[::1/a",) * 2]


def test_preface_is_honest_about_unrecorded_retrieval() -> None:
    preface = edition_of(article("a"))[1]
    inlines = [plain_text((n,)) for n in iter_inlines(preface.blocks)]
    assert any("not recorded" in t for t in inlines)


def test_references_chapter_lists_each_article_and_its_reference_list() -> None:
    refs = ReferenceList((Reference((Text("Smith 2020."),), "ref-1"),))
    chapter = edition_of(article("a", references=refs), article("b"))[-1]
    lists = [b for b in iter_blocks(chapter.blocks) if isinstance(b, ReferenceList)]
    # The id is book-wide: the article's chapter's prefix.
    assert len(lists) == 1 and lists[0].entries[0].id == "ch01-ref-1"
    assert "gives no list of references" in text_of(chapter)


def test_heading_ids_are_unique_and_stable() -> None:
    chapters = edition_of(article("a"), article("b"))
    ids = [b.id for c in chapters for b in iter_blocks(c.blocks) if isinstance(b, Heading)]
    assert len(ids) == len(set(ids)) and all(ids)
    assert ids == [b.id for c in edition_of(article("a"), article("b"))
                   for b in iter_blocks(c.blocks) if isinstance(b, Heading)]


@pytest.mark.parametrize(("text", "slug"), [
    ("What Is Sermorelin?", "what-is-sermorelin"),
    ("Ça va — très bien", "ca-va-tres-bien"),
    ("???", "section"),
])
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


#: A valid 1×1 transparent PNG (images are decoded before packaging: assembly.images).
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\x0bIDATx\xdac`\x00\x02\x00\x00\x05\x00\x01\xe9\xfa\xdc"
       b"\xd8\x00\x00\x00\x00IEND\xaeB`\x82")


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


# ------------------------------------------------------------------ names from the source


def renamed(report: Report) -> list[str]:
    return [f"{d.where}: {d.message}" for d in report.diagnostics if d.code == "renamed"]


@pytest.mark.parametrize(("slug", "chapter_id"), [
    ("sermorelin-skin-health-anti-aging-benefits", "ch01-sermorelin-skin-health-anti-aging"),
    ("Sermorelin", "ch01-sermorelin"),
])
def test_a_safe_slug_names_its_chapter_without_a_diagnostic(slug: str, chapter_id: str) -> None:
    report = Report()
    assert edition_of(article(slug), report=report)[2].id == chapter_id
    assert not report.diagnostics


@pytest.mark.parametrize(("slug", "chapter_id", "why"), [
    ("../../../../escaped", "ch01-escaped", "has characters a file name or id cannot hold"),
    ("/tmp/absolute", "ch01-tmp-absolute", "has characters"),
    ("line\nbreak", "ch01-line-break", "has characters"),
    ("rtl\u202etxt", "ch01-rtltxt", "has characters"),
    (".hidden", "ch01-hidden", "has characters"),
    ("caf%C3%A9", "ch01-cafe", "has characters"),  # percent-decoded first (RFC 3986 §2.1)
    ("x" * 1000, "ch01-" + "x" * 40, "is longer than 40 characters"),
    (".", "ch01-a-title", "has no ASCII letter or digit"),  # named after the title
    ("日本語", "ch01-a-title", "has no ASCII letter or digit"),
    ("con", "ch01-con-2", "is reserved as a device name on Windows"),
])
def test_an_unsafe_slug_is_made_safe_and_reported(slug: str, chapter_id: str, why: str) -> None:
    report = Report()
    chapter = edition_of(article(slug, title="A title"), report=report)[2]
    assert chapter.id == chapter_id
    (message,) = renamed(report)
    assert message.startswith(f"{chapter_id}: the slug ") and why in message


@pytest.mark.parametrize(("slugs", "ids"), [
    (("same", "Same"), ["ch01-same", "ch02-same-2"]),
    (("a" * 40 + "-one", "a" * 40 + "-two"), ["ch01-" + "a" * 40, "ch02-" + "a" * 38 + "-2"]),
])
def test_colliding_slugs_get_distinct_names(slugs: tuple[str, ...], ids: list[str]) -> None:
    report = Report()
    chapters = edition_of(*(article(s) for s in slugs), report=report)
    assert [c.id for c in chapters if c.kind == "article"] == ids
    (message,) = renamed(report)
    assert message.startswith(f"{ids[1]}: ") and "is already used in the book" in message


def ids_of(chapter: Chapter) -> list[str]:
    found = [b.id for b in iter_blocks(chapter.blocks) if isinstance(b, Heading | Table)]
    return [i for i in found if i]


def test_source_ids_are_made_safe_and_unique_and_links_follow() -> None:
    table = Table((), (Row((Cell((Paragraph((Text("1"),)),)),)),), id="bad id<")
    blocks = (Heading(2, (Text("A"),), id="dup"), Heading(2, (Text("B"),), id="dup"), table,
              Heading(2, (Text("C"),), id="ch01-a"), Heading(2, (Text("D"),), id="ch01-a-title"),
              Paragraph((Link((Text("to A"),), "#dup"), Link((Text("to T"),), "#bad id<"))))
    report = Report()
    chapter = edition_of(article("a", blocks=blocks), report=report)[2]
    # Derived, never copied: the chapter's prefix before each; one clash within the chapter
    # and one name with characters an id cannot hold are reported. The chapter's record of
    # edits ends it under an id of the book's own.
    assert ids_of(chapter) == ["ch01-dup", "ch01-dup-2", "ch01-bad-id", "ch01-ch01-a",
                               "ch01-ch01-a-title", "ch01-a-edits"]
    hrefs = [n.href for n in iter_inlines(chapter.blocks) if isinstance(n, Link)]
    assert hrefs == ["#ch01-dup", "#ch01-bad-id"]
    assert len(renamed(report)) == 2


def test_a_source_id_is_derived_per_chapter_so_two_articles_keep_theirs_apart() -> None:
    blocks = (Heading(2, (Text("Dosage"),), id="dosage"),
              Paragraph((Link((Text("see"),), "#dosage"),)))
    report = Report()
    chapters = edition_of(article("a", blocks=blocks), article("b", blocks=blocks), report=report)
    assert [ids_of(c) for c in chapters[2:4]] == [["ch01-dosage", "ch01-a-edits"],
                                                  ["ch02-dosage", "ch02-b-edits"]]
    assert [n.href for c in chapters[2:4] for n in iter_inlines(c.blocks)
            if isinstance(n, Link)] == ["#ch01-dosage", "#ch02-dosage"]
    assert renamed(report) == []


def test_question_ids_from_the_source_are_made_safe() -> None:
    faq = QASection((Question((Text("Why?"),), (Paragraph((Text("Because."),)),), "q 1"),
                     Question((Text("How?"),), (Paragraph((Text("So."),)),), "toc")))
    report = Report()
    chapter = edition_of(article("a", blocks=(faq,)), report=report)[2]
    (section,) = [b for b in iter_blocks(chapter.blocks) if isinstance(b, QASection)]
    assert [q.id for q in section.questions] == ["ch01-q-1", "ch01-toc"]
    assert len(renamed(report)) == 1  # "q 1": a space; "toc" clashes with nothing now


def test_a_glossary_id_too_long_is_bounded_and_its_uses_follow() -> None:
    term = "word " * 60
    long_id = "gloss-" + "-".join(["word"] * 60)
    entry = GlossaryEntry(long_id, term, (Text("A definition."),))
    use = Paragraph((GlossaryRef((Text("word"),), long_id),))
    chapters = edition_of(article("a", blocks=(use,), glossary=(entry,)))
    (ref,) = [n for n in iter_inlines(chapters[2].blocks) if isinstance(n, GlossaryRef)]
    (glossary,) = [c for c in chapters if c.kind == "glossary"]
    (items,) = [b.items for b in glossary.blocks if isinstance(b, DefinitionList)]
    assert ref.term_id == items[0].id and len(ref.term_id) <= ID_LIMIT


def test_an_image_not_fetched_inside_a_word_is_set_apart_from_it() -> None:
    # A real blog (corpus wxr/site-lwarlok-en.xml) puts an image in a word: trans<img>action.
    # Offline, its alt text and link take its place, apart from the word's halves.
    image = Image("https://example.org/a.png", "qwerty")
    para = Paragraph((Text("trans"), image, Text("action and "), Emph((Text("b"), image)),
                      Text(" end "), Text("PHPManager"), Link((image,), "https://example.org/"),
                      Text("."),))
    (chapter,) = [c for c in edition_of(article("a", blocks=(para,))) if c.kind == "article"]
    text = text_of(chapter)
    fallback = "qwerty (image at the original site)"
    assert f"trans {fallback} action and b {fallback} end PHPManager {fallback}." in text


class _Slow(MemoryFetcher):
    """Answers a later image sooner, so that concurrent downloads finish out of book order."""

    def fetch(self, url: str, headers: object = None) -> Fetched:
        time.sleep(0.03 / (1 + int(url.rsplit("/", 1)[1].split(".", maxsplit=1)[0])))
        return super().fetch(url)


def test_images_fetched_together_are_placed_and_reported_in_book_order() -> None:
    srcs = [f"https://example.org/{n}.png" for n in range(8)]
    files = dict.fromkeys(srcs[::2], PNG)  # odd ones are not served: refused
    blocks = tuple(Figure(Image(src, f"Image {n}")) for n, src in enumerate(srcs))
    editions = []
    for fetcher in (_Slow(files), MemoryFetcher(files)):
        report = Report()
        book = Book(BookMeta("Book", "en", "urn:x"),
                    (article("a", blocks=blocks[:4]), article("b", blocks=blocks[2:])))
        edition = assemble(book, BookText("en", report), report, fetcher)
        editions.append((edition, [(d.code, d.where, d.message) for d in report.warnings]))
    (slow, slow_warnings), (one_by_one, warnings) = editions
    assert slow == one_by_one and slow_warnings == warnings
    refused = [m for code, _where, m in warnings if code == "fetch-refused"]
    assert [m.split(": ")[0] for m in refused] == [srcs[1], srcs[3], srcs[5], srcs[7]]
    assert len(slow.assets) == 1  # four addresses, one picture: one file
