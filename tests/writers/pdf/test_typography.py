"""The print edition measured from its PDF (tests/writers/pdf/measure.py), as a typographer
would check it: the measure at every paper size, hyphenation in the book's variety, note
markers that keep the line pitch, short tables on one page, every printed note with its page."""

from __future__ import annotations

import itertools
import re
import statistics
import subprocess
import zipfile
from pathlib import Path

import pyphen
import pytest

from peptidebook.build import build
from peptidebook.writers.pdf.geometry import PAPER_WIDTHS_MM

from ...conftest import EXAMPLES
from .articles import build_pdf
from .measure import article_pages, body_lines, hyphenated_words, lines, measure, tables

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("paper", sorted(p.lower() for p in PAPER_WIDTHS_MM))
def test_body_lines_measure_60_to_75_characters(paper: str, tmp_path: Path) -> None:
    result = build(config_path=EXAMPLES / "book.toml", output_dir=tmp_path,
                   formats=("epub", "pdf"), paper=paper)
    pdf = next(p for p in result.outputs if p.suffix == ".pdf")
    epub = next(p for p in result.outputs if p.suffix == ".epub")
    pages = article_pages(epub)
    assert len(body_lines(pdf, pages)) > 100  # enough lines for a median to mean something
    assert 60 <= measure(pdf, pages) <= 75


def breaks_allowed(dictionary: pyphen.Pyphen, first: str, second: str) -> bool:
    word = (first + second).rstrip(".,;:!?)’”'").removesuffix("’s").removesuffix("'s")
    return len(first) in dictionary.positions(word.lower())


def test_an_american_book_has_no_break_only_british_patterns_allow(book_pdf: Path) -> None:
    """The sample's language is plain "en": hyphenated as en-US (writers/pdf/hyphenation.py).
    A word broken where en_GB allows it and en_US does not ("evid-ence") would show the wrong
    variety."""
    us, gb = pyphen.Pyphen(lang="en_US"), pyphen.Pyphen(lang="en_GB")
    words = [(a, b) for a, b, _ in hyphenated_words(book_pdf)
             if re.fullmatch(r"[A-Za-z]+", a) and re.match(r"[a-z]+", b)]
    assert len(words) > 20  # the sample is justified and hyphenated
    british = [(a, b) for a, b in words
               if breaks_allowed(gb, a, b) and not breaks_allowed(us, a, b)]
    assert british == []


def test_hyphenation_leaves_at_least_three_letters_on_either_side(book_pdf: Path) -> None:
    """hyphenate-limit-chars: 6 3 3 (styles/print.css): no "re-" or "-ed" alone."""
    parts = [(a, re.sub(r"\W+$", "", b)) for a, b, _ in hyphenated_words(book_pdf)]
    short = [(a, b) for a, b in parts if re.fullmatch(r"[a-z]+", a + b)
             and (len(a) < 3 or len(b) < 3)]
    assert short == []


def test_a_line_with_a_note_marker_keeps_the_line_pitch(tmp_path: Path) -> None:
    words = " ".join(f"word{i}<sup>{i}</sup>" if i % 7 == 0 else f"word{i}" for i in range(400))
    pdf = build_pdf(tmp_path, f"<p>{words}</p>")
    paragraph = [line for line in lines(pdf) if line.words[0].startswith("word")]
    found = [round(b.baseline - a.baseline, 1) for a, b in itertools.pairwise(paragraph)
             if a.page == b.page]
    marked = [line for line in paragraph if any(w.isdigit() for w in line.words)]
    assert len(found) > 20 and len(marked) > 10
    common = statistics.mode(found)
    assert all(abs(p - common) < 0.3 for p in found), sorted(set(found))


def test_no_short_table_runs_over_a_page_turn(book_pdf: Path, book_epub: Path) -> None:
    """A table split by a page turn is tagged as one Table per page (measure.tables): the sample's
    tables (at most 7 rows) each come out as one, on one page."""
    with zipfile.ZipFile(book_epub) as epub:
        in_book = sum(epub.read(n).count(b"<table") for n in epub.namelist()
                      if n.endswith(".xhtml"))
    printed = tables(book_pdf)
    assert in_book == len(printed) == 4
    assert all(len(pages) == 1 and rows <= 7 for rows, pages in printed)


def test_every_printed_note_gives_the_page_of_its_passage(book_pdf: Path,
                                                         book_epub: Path) -> None:
    with zipfile.ZipFile(book_epub) as epub:
        links = sum(epub.read(n).count(b'class="backlink"') for n in epub.namelist()
                    if n.endswith(".xhtml"))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(book_pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = [int(n) for n in re.findall(r"\(p\. (\d+)\)", text)]
    assert "Back to the passage" not in text
    assert len(pages) == links > 0
    count = int(subprocess.run(["pdfinfo", str(book_pdf)], capture_output=True, text=True,
                               check=True).stdout.split("Pages:")[1].split()[0])
    assert all(1 <= p <= count for p in pages)


def test_the_running_head_of_a_page_of_notes_gives_the_pages_they_refer_to(
        book_pdf: Path) -> None:
    """writers/pdf/runningheads.py: "Notes to pages 8–15" over notes whose passages are on
    pages 8 to 15, the first and the last of them among those pages."""
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(book_pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    headed = 0
    for page in text.split("\f"):
        head = re.search(r"Notes to pages? (\d+)(?:–(\d+))?", page.split("\n", 1)[0])
        if not head:
            continue
        headed += 1
        first, last = int(head[1]), int(head[2] or head[1])
        cited = {int(n) for n in re.findall(r"\(p\. (\d+)\)", " ".join(page.split()))}
        assert cited and min(cited) == first and max(cited) == last, (head[0], sorted(cited))
    assert headed >= 3
