"""Book assembly: the "About this book" preface says only what is true of the book in hand."""

from __future__ import annotations

import re
import subprocess
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from peptidebook.assembly import assemble
from peptidebook.assembly.frontmatter import SOURCES_ID
from peptidebook.build import build
from peptidebook.diagnostics import Report
from peptidebook.fetching import OfflineFetcher
from peptidebook.i18n import BookText
from peptidebook.model import (
    Article,
    Book,
    BookMeta,
    Chapter,
    Dose,
    Emph,
    Heading,
    Link,
    Paragraph,
    Source,
    Text,
)
from peptidebook.walk import iter_blocks, iter_inlines, plain_text

#: Sentences of a real patient-information page (wxr/site-paralisiafacial-pt.xml, translated):
#: two kinds of health term in each, the language of a health claim.
HEALTH = ("The treatment should be adapted to each patient and to the stage of the disease.",
          "Patients with diabetes recover more slowly after the infection.")
#: A travel paragraph: no claim at all.
TRAVEL = ("The ferry leaves the harbour at nine and reaches the island by noon.",)


def article(slug: str, *sentences: str, url: str | None = "https://example.org/{slug}/",
            published: datetime | None = datetime(2026, 5, 5, tzinfo=UTC),
            retrieved: datetime | None = None, **kw: object) -> Article:
    source = Source("wordpress-rest", f"{slug}.json",
                    url=url.format(slug=slug) if url else None, retrieved=retrieved)
    return Article(title=slug.title(), slug=slug, source=source, published=published,
                   blocks=tuple(Paragraph((Text(s),)) for s in sentences or TRAVEL),
                   **kw)  # type: ignore[arg-type]


def preface_of(*articles: Article, lang: str = "en", **meta: object) -> Chapter:
    report = Report()
    book = Book(replace(BookMeta("Book", lang, "urn:x"), **meta),  # type: ignore[arg-type]
                tuple(articles))
    chapters = assemble(book, BookText(lang, report), report, OfflineFetcher()).chapters
    return next(c for c in chapters if c.kind == "preface")


def text_of(chapter: Chapter) -> str:
    return " ".join(plain_text(b.children) for b in iter_blocks(chapter.blocks)
                    if isinstance(b, (Paragraph, Heading)))


def test_without_a_subject_none_is_named() -> None:
    text = text_of(preface_of(article("a"), article("b"), article("c")))
    assert "This book collects 3 articles, reproduced from the web" in text
    assert "about" not in text.split("reproduced")[0]


def test_the_subject_is_the_editors() -> None:
    text = text_of(preface_of(article("a"), subject="island ferries"))
    assert "This book collects 1 article about island ferries, reproduced" in text


def test_the_editors_paragraphs_come_first_and_are_marked() -> None:
    blocks = preface_of(article("a"), preface=("Why I made this book.", "Second.")).blocks
    assert [plain_text(b.children) for b in blocks[:2]
            if isinstance(b, Paragraph)] == ["Why I made this book.", "Second."]
    marker = blocks[2]
    assert isinstance(marker, Paragraph) and isinstance(marker.children[0], Emph)
    assert "the editor's" in plain_text(marker.children)


def test_articles_without_health_claims_get_the_general_caveat() -> None:
    text = text_of(preface_of(article("a"), article("b")))
    assert "not medical advice" not in text
    assert "claims about health" not in text
    assert "The articles are reproduced as they were published" in text
    assert "dose" not in text  # no dose sentence in a book without doses or health claims


def test_health_claims_bring_the_medical_caveat() -> None:
    text = text_of(preface_of(article("a", *HEALTH), article("b")))
    assert "Some of the articles make claims about health, illness or treatments." in text
    assert "This book is not medical advice." in text
    assert "The articles give no doses." in text


def test_doses_alone_bring_the_medical_caveat() -> None:
    dosed = article("a", doses=(Dose("Take 200 mcg daily.", ("200 mcg",)),))
    text = text_of(preface_of(dosed))
    assert "This book is not medical advice." in text
    assert "claims about health" not in text  # what the detector did not find is not said


@pytest.mark.parametrize(("caveat", "medical"), [("medical", True), ("general", False)])
def test_book_toml_chooses_the_caveat(caveat: str, medical: bool) -> None:
    articles = (article("a", *HEALTH),) if not medical else (article("a"),)
    text = text_of(preface_of(*articles, caveat=caveat))
    assert ("not medical advice" in text) is medical


def test_the_edits_are_not_hidden() -> None:
    assert "with the edits made for this edition listed at the end of each chapter" in text_of(
        preface_of(article("a"), article("b")))


def test_sites_and_missing_addresses_are_counted_exactly() -> None:
    text = text_of(preface_of(article("a"), article("b"), article("c", url=None)))
    assert "2 of the articles were published on example.org." in text
    assert "1 article has no recorded address." in text
    assert "every article" not in text
    assert "the address of each article that has one recorded" in text


def test_every_article_only_when_true() -> None:
    text = text_of(preface_of(article("a"), article("b")))
    assert "The articles were published on example.org." in text
    assert "gives the address of every article" in text


def test_no_address_at_all() -> None:
    text = text_of(preface_of(article("a", url=None), article("b", url=None)))
    assert "No address was recorded for any of the articles." in text
    assert "published on" not in text.split("Where the articles come from")[1].split(".")[0]


def test_dates_say_what_is_recorded() -> None:
    text = text_of(preface_of(
        article("a", retrieved=datetime(2026, 11, 20, tzinfo=UTC)),
        article("b", published=None)))
    assert "1 of the articles was published on May 5, 2026." in text
    assert "1 article has no recorded date of publication." in text
    assert "1 of the articles was retrieved from the web on November 20, 2026." in text
    assert "1 article has no recorded date of retrieval." in text


def test_every_count_links_to_the_list_of_articles() -> None:
    preface = preface_of(article("a"), article("b"), article("c", url=None, published=None))
    (heading,) = [b for b in preface.blocks
                  if isinstance(b, Heading) and b.id and b.id.endswith(SOURCES_ID)]
    counts = [n for n in iter_inlines(preface.blocks)
              if isinstance(n, Link) and n.href.startswith("#")]
    assert [plain_text(n.children) for n in counts] == ["3", "2", "1", "2", "1"]
    assert {n.href for n in counts} == {f"#{heading.id}"}


def test_a_non_health_book_in_german_says_nothing_of_peptides() -> None:
    text = text_of(preface_of(article("a"), article("b"), lang="de"))
    assert "Peptid" not in text and "Behandlung" not in text
    assert "Dieses Buch versammelt 2 Artikel, aus dem Internet übernommen" in text


#: Real pages about other things than health (tests/corpus): fr news, de technology, en
#: programming, pt-BR sport, a pt race report without address or date.
NON_HEALTH_PAGES = ("html/readability-lemonde-1.html", "html/trafilatura-heise.de.lithium.html",
                    "html/trafilatura-stackoverflow.com.rust.html", "html/readability-folha.html",
                    "markdown/arzebiu-pt-2014-03-23-triatlo-sprint-alpiarca.markdown")


@pytest.mark.integration
def test_a_book_of_non_health_pages_says_nothing_of_medicine_or_peptides(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    result = build([corpus / p for p in NON_HEALTH_PAGES], output_dir=tmp_path,
                   formats=("epub", "pdf"), metadata={"title": ["Reading list"]})
    epub = next(p for p in result.outputs if p.suffix == ".epub")
    pdf = next(p for p in result.outputs if p.suffix == ".pdf")
    with zipfile.ZipFile(epub) as zf:
        texts = [zf.read(n).decode("utf-8") for n in zf.namelist()
                 if n.endswith((".xhtml", ".opf"))]
    printed = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                             text=True, check=True).stdout
    for text in (*texts, printed):
        # "peptidebook" is the product's name (the generator); no word of peptides besides.
        assert not re.search(r"(?i)peptid(?!ebook)", text)
        assert "medical advice" not in text
    preface = text_of(next(c for c in result.edition.chapters if c.kind == "preface"))
    assert "This book collects 5 articles, reproduced from the web" in preface
    assert "4 of the articles were published on" in preface
    assert "1 article has no recorded address." in preface
