"""The print document: its paper, its printed contents, its chapters in print mode."""

from __future__ import annotations

from functools import cache

import pytest
from lxml import etree

from peptidebook.assembly import assemble
from peptidebook.build import make_book, read_articles, sample_config_path
from peptidebook.config import load_config
from peptidebook.diagnostics import Report
from peptidebook.fetching import OfflineFetcher
from peptidebook.i18n import LRI, PDI, BookText
from peptidebook.model import Book, BookMeta, Edition
from peptidebook.writers.pdf import book_document, handout_document, paper_size
from peptidebook.writers.pdf.document import PB_ATTR, page_css

from ...assembly.test_assembly import article

X = {"x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.parametrize(("language", "override", "expected"), [
    ("en", None, "letter"),       # en → likely subtags en_Latn_US
    ("en-US", None, "letter"),
    ("en-GB", None, "A4"),
    ("fr-CA", None, "letter"),
    ("es-MX", None, "letter"),
    ("es", None, "A4"),           # es → es_Latn_ES
    ("de", None, "A4"),
    ("pt-BR", None, "A4"),
    ("en", "a4", "A4"),
    ("de", "letter", "letter"),
    ("de", "A5", "A5"),
])
def test_paper_size_from_locale_or_override(language: str, override: str | None,
                                            expected: str) -> None:
    assert paper_size(language, override) == expected


@pytest.mark.parametrize(("paper", "language", "fonts"), [
    ("A4", "de", False), ("letter", "ar", True), ("A4", "zh-TW", True),
])
def test_page_css_sets_the_size_and_the_furniture_font(paper: str, language: str,
                                                      fonts: bool) -> None:
    css = page_css(paper, language).decode()
    assert css.startswith(f"@page {{ size: {paper}; }}")
    assert ("@top-left" in css) is fonts
    assert ("Noto Sans CJK TC" in css) is (language == "zh-TW")


@cache
def sample_edition(articles: int = 3) -> tuple[Edition, BookText]:
    """The sample book assembled from its first ``articles`` articles."""
    report = Report()
    config = load_config(sample_config_path(), report)
    book = make_book(config, read_articles(config, [], report)[:articles], report)
    text = BookText("en", report)
    return assemble(book, text, report, OfflineFetcher()), text


def test_the_printed_contents_follow_the_title_and_copyright_pages_in_print_mode() -> None:
    edition, text = sample_edition()
    root = etree.fromstring(book_document(edition, text, "A4").xhtml)
    body = root.find("x:body", X)
    assert body is not None
    kinds = [el.get("class") for el in body]
    assert kinds[:4] == ["chapter titlepage", "chapter copyright", "print-toc",
                         "chapter preface"]
    assert root.xpath("//x:a[contains(@class, 'shows-url')]", namespaces=X)


def test_block_elements_are_keyed_for_the_page_map() -> None:
    edition, text = sample_edition()
    document = book_document(edition, text, "A4")
    root = etree.fromstring(document.xhtml)
    keyed = root.xpath(f"//*[@{PB_ATTR}]")
    assert len(keyed) == len(document.keys) > 100
    assert not root.xpath(f"//x:a[@{PB_ATTR}] | //x:em[@{PB_ATTR}]", namespaces=X)
    assert document.keys["2.0"] == (edition.chapters[2].id, 0)  # a chapter's own section


def test_a_handout_isolates_a_title_in_the_other_direction_for_its_running_header() -> None:
    """As the book does: "What is it?" keeps its question mark at the end in the running
    header of an Arabic book's handout (before issue 9 the handouts printed "?What is it")."""
    report = Report()
    text = BookText("ar", report)
    book = Book(BookMeta("Book", "ar", "urn:x"), (article("what", title="What is it?",
                                                            lang="en"),))
    edition = assemble(book, text, report, OfflineFetcher())
    root = etree.fromstring(handout_document(edition.handouts[0], edition, text, "A4").xhtml)
    assert root.xpath("string(//x:header/x:h1)", namespaces=X) == f"{LRI}What is it?{PDI}"
