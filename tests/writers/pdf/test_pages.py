"""The printed pages of the sample (issue 13.4–13.5): the title and copyright pages, running
heads absent from chapter openings, metadata naming the editors and never the software as
author, and handouts that are compact, headed by their own article and at most 60% of their
chapter's pages in the book."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from peptidebook.build import BuildResult
from peptidebook.walk import plain_text

from ..conftest import HANDOUTS

pytestmark = pytest.mark.integration

#: A handout takes at most this share of its chapter's pages in the book (issue 13.5).
HANDOUT_SHARE = 0.6


def page_texts(path: Path) -> list[str]:
    """The text of every page, white space collapsed (pages split at form feeds)."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return [" ".join(page.split()) for page in done.stdout.split("\f")[:-1]]


def chapter_pages(path: Path) -> dict[str, tuple[int, int]]:
    """Each top-level bookmark's title → (first page, number of pages) in the book."""
    with pikepdf.open(path) as pdf:
        numbers: dict[Any, int] = {page.objgen: n for n, page in enumerate(pdf.pages, 1)}
        starts = []
        with pdf.open_outline() as outline:
            for item in outline.root:
                destination: Any = item.destination
                starts.append((item.title, numbers[destination[0].objgen]))
        total = len(pdf.pages)
    ends = [start for _, start in starts[1:]] + [total + 1]
    return {title: (start, end - start) for (title, start), end in zip(starts, ends, strict=True)}


def handout(full_build: BuildResult, slug: str) -> Path:
    return next(p for p in full_build.outputs if p.parent.name == "handouts" and p.stem == slug)


def test_the_title_page_then_the_copyright_page(book_pdf: Path) -> None:
    title, copyright_page = page_texts(book_pdf)[:2]
    assert title.startswith("Peptides, Read Closely Three web articles")
    assert "With articles from trimrx.com" in title and "Compiled by" not in title
    assert copyright_page.startswith("Copyright and edition")
    assert "all rights are reserved by its publisher" in copyright_page
    assert "Made with peptidebook" in copyright_page and "WeasyPrint" in copyright_page


def test_no_running_head_on_a_chapters_first_page_and_one_on_the_others(
        book_pdf: Path, full_build: BuildResult) -> None:
    book_title = full_build.edition.meta.title
    texts = page_texts(book_pdf)
    openings = {start for start, _ in chapter_pages(book_pdf).values()}
    for number, text in enumerate(texts, 1):
        if number == 1:
            continue  # the title page: the book's title is its content
        assert (book_title in text) is (number not in openings), number


def test_the_software_is_the_creator_tool_never_the_author(book_pdf: Path,
                                                           full_build: BuildResult) -> None:
    assert full_build.edition.meta.authors == ()  # the sample names no editor
    with pikepdf.open(book_pdf) as pdf:
        assert "/Author" not in pdf.docinfo
        assert str(pdf.docinfo["/Creator"]).startswith("peptidebook")
        assert str(pdf.docinfo["/Producer"]).startswith("WeasyPrint")
        assert "dc:creator" not in pdf.open_metadata()


@pytest.mark.parametrize("slug", HANDOUTS)
def test_a_handout_is_at_most_sixty_percent_of_its_chapter(book_pdf: Path,
                                                           full_build: BuildResult,
                                                           slug: str) -> None:
    chapter = next(h.chapter for h in full_build.edition.handouts if h.name == slug)
    _start, in_book = chapter_pages(book_pdf)[plain_text(chapter.title)]
    with pikepdf.open(handout(full_build, slug)) as pdf:
        pages = len(pdf.pages)
    assert pages <= HANDOUT_SHARE * in_book, f"{slug}: {pages} pages, its chapter {in_book}"


@pytest.mark.parametrize("slug", HANDOUTS)
def test_a_handouts_running_head_is_its_article_never_the_book(full_build: BuildResult,
                                                                slug: str) -> None:
    chapter = next(h.chapter for h in full_build.edition.handouts if h.name == slug)
    texts = page_texts(handout(full_build, slug))
    assert len(texts) > 1
    for text in texts[1:]:
        assert text.startswith(plain_text(chapter.title))
    assert not any(full_build.edition.meta.title in text for text in texts)


def test_doses_are_marked_by_a_rule_not_a_highlight_and_the_caveat_says_so(
        full_build: BuildResult) -> None:
    texts = page_texts(handout(full_build, "sermorelin-skin-health-anti-aging"))
    assert "In this handout a thin rule runs under every dose amount." in texts[0]
    assert "highlighted" not in " ".join(texts)
