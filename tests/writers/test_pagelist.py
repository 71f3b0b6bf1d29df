"""The EPUB's page numbers are the print edition's: markers, page list, metadata, position."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from peptidebook.build import build

from ..conftest import EXAMPLES
from ..helpers import NS, EpubFile
from ..test_end_to_end import run_checker

pytestmark = pytest.mark.integration

WORD = re.compile(r"[^\W_]+")
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def words(text: str | None) -> list[str]:
    return [w.casefold() for w in WORD.findall(text or "")]


def pdf_pages_words(path: Path) -> list[list[str]]:
    """The words of each PDF page (poppler's pdftotext; pages end with a form feed)."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return [words(page) for page in done.stdout.split("\f")[:-1]]


def epub_stream(epub: EpubFile) -> list[str | int]:
    """The EPUB in reading order as words, with an ``int`` N where page-break marker N sits."""
    out: list[str | int] = []

    def walk(el: etree._Element) -> None:
        if el.get(EPUB_TYPE) == "pagebreak":
            out.append(int(el.get("aria-label", "0")))
        else:
            out.extend(words(el.text))
            for child in el:
                if isinstance(child.tag, str):
                    walk(child)
                out.extend(words(child.tail))

    for href in epub.spine_hrefs():
        body = epub.tree(epub.root + href).find("{http://www.w3.org/1999/xhtml}body")
        walk(body)
    return out


@pytest.fixture(scope="module")
def sample(book_epub: Path) -> EpubFile:
    return EpubFile(book_epub)


def test_one_marker_per_printed_page_in_order(sample: EpubFile, book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as pdf:
        pages = len(pdf.pages)
    markers = [t for t in epub_stream(sample) if isinstance(t, int)]
    assert markers == list(range(1, pages + 1))


def test_each_marker_sits_before_the_first_text_of_its_page(sample: EpubFile,
                                                            book_pdf: Path) -> None:
    """The words right after EPUB marker N are the words PDF page N begins with (after its
    running header); a page that begins inside a hyphenated word has the marker before the
    whole word. The printed contents are print-only: the EPUB has its own navigation
    document there, so for those pages only the heading ("Contents") is compared, on the first
    of them."""
    stream = epub_stream(sample)
    pages = pdf_pages_words(book_pdf)
    in_nav = {int(n) for n in sample.doc("text/nav.xhtml",
                                         "//*[@epub:type='pagebreak']/@aria-label")}
    assert min(in_nav) == 3 and in_nav == set(range(3, 3 + len(in_nav)))  # after the title
    # and copyright pages, on consecutive pages
    for number, page_words in enumerate(pages, 1):
        at = stream.index(number)
        following = [t for t in stream[at + 1:at + 12] if isinstance(t, str)][:3]
        assert len(following) == 3, number
        if number in in_nav - {2}:
            continue  # the printed contents run on: the EPUB's navigation is not that list
        if number in in_nav:
            following = following[:1]
        # Compared without word boundaries: the PDF hyphenates (Exogen-ous), the EPUB does not.
        window = "".join(page_words[:80])
        wanted = "".join(following)
        # A page may begin inside the first word, even at its very end ("middle-|aged"), and a
        # word joined by hyphens is several tokens here ("out-of-|pocket").
        found = any(wanted[cut:] in window
                    for cut in range(len("".join(following[:-1])) + 1))
        assert found, f"page {number}: EPUB marker before {following}, PDF page {window[:20]}"


def test_page_list_nav_links_every_marker(sample: EpubFile, book_pdf: Path) -> None:
    hrefs = sample.doc("text/nav.xhtml", "//x:nav[@epub:type='page-list']//x:a/@href")
    labels = sample.doc("text/nav.xhtml", "//x:nav[@epub:type='page-list']//x:a/text()")
    with pikepdf.open(book_pdf) as pdf:
        assert labels == [str(n) for n in range(1, len(pdf.pages) + 1)]
    for href in hrefs:
        doc, frag = str(href).split("#")
        assert sample.doc(f"text/{doc}", f"count(//*[@id='{frag}'])") == 1.0


@pytest.mark.parametrize(("expr", "expected"), [
    ("count(//opf:meta[@property='schema:accessibilityFeature'][.='pageBreakMarkers'])", 1.0),
    ("count(//opf:meta[@property='schema:accessibilityFeature'][.='pageNavigation'])", 1.0),
    ("string(//opf:meta[@property='pageBreakSource'])",
     "Print edition (PDF, US Letter): peptides-read-closely.pdf"),
])
def test_package_names_the_print_edition(sample: EpubFile, expr: str, expected: object) -> None:
    assert sample.opf(expr) == expected


def test_markers_are_labelled_page_breaks(sample: EpubFile) -> None:
    for href in sample.spine_hrefs():
        for span in sample.doc(href, "//*[@epub:type='pagebreak']"):
            assert span.get("role") == "doc-pagebreak"
            assert span.get("id") == f"page-{span.get('aria-label')}"
            assert span.tag == "{http://www.w3.org/1999/xhtml}span" and not len(span)


def test_no_marker_inside_a_link_or_heading(sample: EpubFile) -> None:
    for href in sample.spine_hrefs():
        assert sample.doc(href, "count(//x:a//*[@epub:type='pagebreak'])") == 0.0
        assert sample.doc(href, "count(//*[self::x:h1 or self::x:h2 or self::x:h3 or "
                                "self::x:h4]//*[@epub:type='pagebreak'])") == 0.0


@pytest.mark.checker
def test_epub_with_page_list_passes_epubcheck_and_ace(book_epub: Path, tmp_path: Path) -> None:
    result = run_checker("check-epub", book_epub, tmp_path)
    assert result["passed"] == 8 and result["failed"] == 0


def test_epub_without_pdf_has_no_page_list(tmp_path: Path) -> None:
    epub = EpubFile(build(config_path=EXAMPLES / "book.toml", output_dir=tmp_path).outputs[0])
    assert epub.doc("text/nav.xhtml", "count(//x:nav[@epub:type='page-list'])") == 0.0
    assert epub.opf("count(//opf:meta[@property='pageBreakSource'])") == 0.0
    assert NS["epub"]
