"""The PDF book: PDF/UA-1 by the checker, its structure, its furniture as artifacts, paper size."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from peptidebook.build import BuildResult
from peptidebook.diagnostics import Report
from peptidebook.i18n import BookText
from peptidebook.writers.pdf import book_document, paper_size, render
from peptidebook.writers.pdfua import finish

from .conftest import check_pdf

pytestmark = pytest.mark.integration

# ------------------------------------------------------------------------------ helpers


def struct_elements(pdf: pikepdf.Pdf) -> Iterator[Dictionary]:
    """Structure elements in logical (depth-first) order."""
    stack = list(reversed(list(pdf.Root.StructTreeRoot.K))) \
        if isinstance(pdf.Root.StructTreeRoot.K, Array) else [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, Dictionary) and "/S" in node:
            yield node
            kids = node.get("/K")
            if isinstance(kids, Array):
                stack.extend(reversed(list(kids)))
            elif kids is not None:
                stack.append(kids)


def reachable_ids(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    return {e.objgen for e in struct_elements(pdf) if e.is_indirect}


def marked_sequences(pdf: pikepdf.Pdf,
                     page: pikepdf.Page) -> Iterator[tuple[str, pikepdf.Object]]:
    """(tag, properties) of every BDC on ``page``: a dictionary, or the name of one."""
    for instruction in pikepdf.parse_content_stream(page):
        if str(instruction.operator) == "BDC":
            tag, props = instruction.operands
            yield str(tag), props


def orphan_mcids(pdf: pikepdf.Pdf) -> int:
    """Marked content with an MCID whose structure element is outside the tree."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    reachable = reachable_ids(pdf)
    count = 0
    for page in pdf.pages:
        parents = tree.get(int(page.obj.get("/StructParents", -1)))
        for _tag, props in marked_sequences(pdf, page):
            if isinstance(props, Dictionary) and "/MCID" in props:
                elem = parents[int(props.MCID)] if isinstance(parents, Array) else None
                if not isinstance(elem, Dictionary) or elem.objgen not in reachable:
                    count += 1
    return count


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
    # One H1 per chapter: title page, printed contents, preface, 3 articles, glossary, references.
    assert levels.count(1) == 8


def test_every_table_has_header_cells(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as pdf:
        elements = list(struct_elements(pdf))
        tables = [e for e in elements if e.S == Name.Table]
        assert tables
        for table in tables:
            roles = {str(e.S) for e in struct_elements_under(table)}
            assert "/TH" in roles and "/TD" in roles


def struct_elements_under(elem: Dictionary) -> Iterator[Dictionary]:
    kids = elem.get("/K")
    for kid in (list(kids) if isinstance(kids, Array) else [kids]):
        if isinstance(kid, Dictionary) and "/S" in kid:
            yield kid
            yield from struct_elements_under(kid)


def test_outline_has_every_chapter_and_section(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as pdf, pdf.open_outline() as outline:
        top = [item.title for item in outline.root]
        assert top[:3] == ["Peptides, Read Closely", "Contents", "About this book"]
        assert top[-2:] == ["Glossary", "References"]
        assert all(item.children for item in outline.root
                   if item.title not in {"Peptides, Read Closely", "Contents", "Glossary"})


def test_link_descriptions_are_link_text(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as pdf:
        contents = [str(a.Contents) for page in pdf.pages for a in page.obj.get("/Annots", [])
                    if a.Subtype == Name.Link]
    assert "About this book" in contents  # a contents entry, not "#preface-title"
    assert not any(c.startswith("#") for c in contents)


# ------------------------------------------------------------------------------ furniture


def test_running_headers_and_page_numbers_are_pagination_artifacts(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as pdf:
        assert orphan_mcids(pdf) == 0
        for number, page in enumerate(pdf.pages, 1):
            artifacts = [p for tag, p in marked_sequences(pdf, page)
                         if tag == "/Artifact" and isinstance(p, Dictionary)
                         and p.get("/Type") == Name.Pagination]
            if number == 1:
                assert not artifacts  # the title page has no furniture
            else:
                # Book title, chapter title (from page 3 on) and page number.
                assert len(artifacts) >= (2 if number == 2 else 3), number


def test_post_processing_is_what_turns_the_furniture_into_artifacts() -> None:
    """WeasyPrint alone leaves the margin boxes outside the tree; finish() fixes exactly that."""
    from peptidebook.assembly import assemble
    from peptidebook.build import make_book, read_articles, sample_config_path
    from peptidebook.config import load_config
    from peptidebook.fetching import OfflineFetcher

    report = Report()
    config = load_config(sample_config_path(), report)
    book = make_book(config, read_articles(config, [], report)[:1], report)
    text = BookText("en", report)
    edition = assemble(book, text, report, OfflineFetcher())
    laid_out, _ = render(book_document(edition, text, "A4"), report, "test")
    raw = laid_out.write_pdf(pdf_variant="pdf/ua-1")
    with pikepdf.open(__import__("io").BytesIO(raw)) as pdf:
        before = orphan_mcids(pdf)
    fixed, stats = finish(raw)
    with pikepdf.open(__import__("io").BytesIO(fixed)) as pdf:
        after = orphan_mcids(pdf)
        pages = len(pdf.pages)
    assert before == stats.artifacts > 0 and after == 0 and stats.pages == pages


# ------------------------------------------------------------------------------ paper


@pytest.mark.parametrize("language, override, expected", [
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


def test_pdf_page_size_is_letter_for_the_english_sample(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as pdf:
        box = [round(float(v)) for v in pdf.pages[0].mediabox]
    assert box == [0, 0, 612, 792]


def test_cli_rejects_an_unknown_paper_size(capsys: pytest.CaptureFixture[str]) -> None:
    from peptidebook.cli import main

    assert main(["build", "--paper", "b5", "--format", "pdf"]) == 2
    assert "--paper" in capsys.readouterr().err
