"""The PDF book: PDF/UA-1 by the checker, its structure, its furniture as artifacts, paper."""

from __future__ import annotations

import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import Dictionary, Name

from peptidebook.build import BuildResult
from peptidebook.cli import main

from ..conftest import check_pdf
from .structure import marked_sequences, orphan_mcids, struct_elements, struct_elements_under

pytestmark = pytest.mark.integration


# ------------------------------------------------------------------------------ conformance


@pytest.mark.checker
def test_book_pdf_passes_check_pdf(book_pdf: Path, tmp_path: Path) -> None:
    result = check_pdf(book_pdf, tmp_path)
    assert result["failed"] == 0 and result["passed"] == 15


def test_build_reports_no_weasyprint_problems_or_refusals(full_build: BuildResult) -> None:
    codes = full_build.report.by_code()
    assert codes["pdf-log"] == 0, [str(d) for d in full_build.report.diagnostics
                                   if d.code == "pdf-log"]
    assert codes["fetch-refused"] == 0


def test_outputs_are_epub_pdf_then_handouts(full_build: BuildResult) -> None:
    names = [p.relative_to(full_build.outputs[0].parent).as_posix() for p in full_build.outputs]
    assert names[:2] == ["peptides-read-closely.epub", "peptides-read-closely.pdf"]
    assert all(n.startswith("handouts/") for n in names[2:]) and len(names) == 5


# ------------------------------------------------------------------------------ structure


def test_catalog_lang_is_the_book_language(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as pdf:
        assert str(pdf.Root.Lang) == "en"


def test_headings_start_at_h1_and_never_skip(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as pdf:
        levels = [int(str(e.S)[2]) for e in struct_elements(pdf)
                  if re.fullmatch(r"/H[1-6]", str(e.S))]
    assert levels[0] == 1 and len(levels) > 20
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    # One H1 per chapter: title page, copyright page, printed contents, preface, 3 articles,
    # glossary, related articles not included, references.
    assert levels.count(1) == 10


def test_every_table_has_header_cells(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as pdf:
        elements = list(struct_elements(pdf))
        tables = [e for e in elements if Name.Table == e.S]
        assert tables
        for table in tables:
            roles = {str(e.S) for e in struct_elements_under(table)}
            assert "/TH" in roles and "/TD" in roles


def test_outline_has_every_chapter_and_section(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as pdf, pdf.open_outline() as outline:
        top = [item.title for item in outline.root]
        assert top[:4] == ["Peptides, Read Closely", "Copyright and edition", "Contents",
                           "About this book"]
        assert top[-3:] == ["Glossary", "Related articles not included", "References"]
        assert all(item.children for item in outline.root
                   if item.title not in {"Peptides, Read Closely", "Copyright and edition",
                                         "Contents", "Glossary", "Related articles not included"})


def test_link_descriptions_are_link_text(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as pdf:
        contents = [str(a.Contents) for page in pdf.pages for a in page.obj.get("/Annots", [])
                    if a.Subtype == Name.Link]
    assert "About this book" in contents  # a contents entry, not "#preface-title"
    assert not any(c.startswith("#") for c in contents)


# ------------------------------------------------------------------------------ furniture


def test_running_headers_and_page_numbers_are_pagination_artifacts(book_pdf: Path,
                                                                   book_epub: Path) -> None:
    contents = contents_pages(book_epub)
    with pikepdf.open(book_pdf) as pdf:
        assert orphan_mcids(pdf) == 0
        numbers: dict[Any, int] = {page.objgen: n for n, page in enumerate(pdf.pages, 1)}
        with pdf.open_outline() as outline:
            destinations: list[Any] = [item.destination for item in outline.root]
            openings = {numbers[destination[0].objgen] for destination in destinations}
        for number, page in enumerate(pdf.pages, 1):
            artifacts = [p for tag, p in marked_sequences(pdf, page)
                         if tag == "/Artifact" and isinstance(p, Dictionary)
                         and p.get("/Type") == Name.Pagination]
            if number == 1:
                assert not artifacts  # the title page has no furniture
            elif number in openings:
                assert len(artifacts) == 1, number  # a chapter's first page: its number only
            else:
                # Book title, chapter title (after the printed contents) and page number.
                assert len(artifacts) >= (2 if number in contents else 3), number


def contents_pages(epub: Path) -> set[int]:
    """The pages of the printed contents: the EPUB's page list puts them in its navigation
    document."""
    with zipfile.ZipFile(epub) as book:
        nav = book.read("EPUB/text/nav.xhtml").decode()
    return {int(n) for n in re.findall(r'href="nav\.xhtml#page-(\d+)"', nav)}


# ------------------------------------------------------------------------------ paper


def test_pdf_page_size_is_letter_for_the_english_sample(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as pdf:
        box = [round(float(v)) for v in pdf.pages[0].mediabox]
    assert box == [0, 0, 612, 792]


def test_cli_rejects_an_unknown_paper_size(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--paper", "b5", "--format", "pdf"]) == 2
    assert "--paper" in capsys.readouterr().err
