"""Book assembly: the title page and the copyright page — what they say, computed from
``book.toml`` and the sources, in the book's language."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from peptidebook.assembly.colophon import Tool, colophon, language_name
from peptidebook.assembly.frontmatter import title_page
from peptidebook.diagnostics import Report
from peptidebook.i18n import BookText
from peptidebook.model import (
    BookMeta,
    BulletList,
    Chapter,
    LineBreak,
    Link,
    Paragraph,
    Source,
)
from peptidebook.reproducible import UNDATED
from peptidebook.walk import iter_blocks, iter_inlines, plain_text

from .test_assembly import article

EN = BookText("en", Report())
META = BookMeta("Peptides, Read Closely", "en", "urn:uuid:x", subtitle="Three articles")
DATE = datetime(2026, 11, 22, tzinfo=UTC)


def paragraphs(chapter: Chapter) -> list[str]:
    return [plain_text(b.children) for b in iter_blocks(chapter.blocks)
            if isinstance(b, Paragraph)]


def words(chapter: Chapter) -> str:
    return " ".join(paragraphs(chapter))


# ----------------------------------------------------------------------------- title page


def test_the_title_page_names_no_compiler_when_book_toml_names_none() -> None:
    page = title_page(META, (article("a"),), EN, DATE)
    assert page.byline == (title_page(META, (), EN).byline[0],)  # the subtitle only
    assert "Compiled by" not in words(page)


def test_the_title_page_names_the_editors_book_toml_names() -> None:
    page = title_page(replace(META, authors=("Ada Editor", "Bo Compiler")), (), EN)
    assert paragraphs(page)[0] == "Compiled by Ada Editor and Bo Compiler"


def test_the_imprint_gives_the_sites_the_publisher_and_the_date_one_a_line() -> None:
    articles = (article("a"), article("b", source=Source("html", "b.html",
                                                          url="https://www.other.net/b")))
    page = title_page(replace(META, publisher="Small Press"), articles, EN, DATE)
    imprint = page.blocks[-1]
    assert isinstance(imprint, Paragraph)
    assert sum(isinstance(n, LineBreak) for n in imprint.children) == 2
    assert plain_text(imprint.children) == (
        "With articles from example.org and other.net Small Press November 22, 2026")


def test_an_undated_title_page_prints_no_date() -> None:
    page = title_page(META, (article("a"),), EN, None)
    assert words(page) == "With an article from example.org"


# ------------------------------------------------------------------------- copyright page


def rights(chapter: Chapter) -> list[str]:
    (sources,) = [b for b in chapter.blocks if isinstance(b, BulletList)]
    return [plain_text(p.children) for item in sources.items for p in item.blocks
            if isinstance(p, Paragraph)]


def test_each_source_is_listed_with_what_it_says_of_its_rights() -> None:
    licensed = article("b", source=Source("html", "b.html", url="https://example.org/b/",
                                          licence="CC BY-SA 4.0"), authors=("Ann Author",))
    page = colophon(META, (article("a"), licensed), EN)
    assert rights(page) == [
        ("A. Publisher: example.org; Author: not named in the source; Published: May 5, 2026; "
         "Address: https://example.org/a/; The source states no licence: all rights are "
         "reserved by its publisher."),
        ("B. Publisher: example.org; Author: Ann Author; Published: May 5, 2026; Address: "
         "https://example.org/b/; Licence stated by the source: CC BY-SA 4.0."),
    ]
    links = [n.href for n in iter_inlines(page.blocks) if isinstance(n, Link)]
    assert links == ["https://example.org/a/", "https://example.org/b/"]


@pytest.mark.parametrize(("licence", "said"), [(None, False), ("CC BY 4.0", True)])
def test_the_compilations_licence_is_printed_only_when_the_editor_gives_one(
        licence: str | None, said: bool) -> None:
    page = colophon(replace(META, licence=licence), (article("a"),), EN)
    assert ("is published under CC BY 4.0" in words(page)) is said
    assert ("compilation" in words(page)) is said


def test_the_edition_its_paper_date_identifier_and_tools() -> None:
    page = colophon(META, (article("a"),), EN, date=DATE, paper="US Letter",
                    made_with=(Tool("peptidebook", "1.2"), Tool("WeasyPrint", "70.0")))
    assert paragraphs(page)[-2:] == [
        ("This edition is in English. The print edition is laid out for US Letter paper. "
         "Date of this edition: November 22, 2026. Identifier: urn:uuid:x."),
        "Made with peptidebook 1.2 and WeasyPrint 70.0.",
    ]
    assert page.kind == "copyright" and plain_text(page.title) == "Copyright and edition"


def test_an_epub_only_undated_edition_names_no_paper_and_no_date() -> None:
    page = colophon(META, (article("a"),), EN, date=UNDATED)
    assert paragraphs(page)[-1] == "This edition is in English. Identifier: urn:uuid:x."


@pytest.mark.parametrize(("book", "tag", "name"), [
    ("en", "en", "English"), ("de", "de", "Deutsch"), ("fr", "ja", "japonais"),
    ("ja", "ja", "日本語"), ("en", "zh-Hans", "Chinese (Simplified)"),
])
def test_the_edition_names_its_language_in_the_books_language(book: str, tag: str,
                                                              name: str) -> None:
    assert language_name(tag, BookText(book, Report())) == name


@pytest.mark.parametrize("language", ["de", "ar", "ja"])
def test_the_copyright_page_is_in_the_books_language(language: str) -> None:
    report = Report()
    page = colophon(replace(META, language=language, licence="CC BY 4.0"), (article("a"),),
                    BookText(language, report), date=DATE, paper="A4")
    assert "Copyright" not in plain_text(page.title)
    assert "licence" not in words(page).lower()
    assert not [d for d in report.diagnostics if d.code == "no-translation"]
