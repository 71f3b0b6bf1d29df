"""Measuring a printed book from its PDF, as a typographer would with a ruler: the measure
(characters per full line of body text), the line pitch, hyphenated line ends, and which
tables run over a page turn.

Reads only what the PDF shows, through poppler's ``pdftotext -bbox-layout`` (words with their
boxes, grouped in lines and blocks) — never the layout engine's own idea of it. Body pages are
the pages of the articles, from the EPUB built with the PDF (its page list points each printed
page into a chapter file, ``chNN-…``).

Run as a script for the figures of a book::

    python -m tests.writers.pdf.measure BOOK.pdf [BOOK.epub]
"""

from __future__ import annotations

import itertools
import re
import statistics
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from lxml import etree

from .structure import struct_elements, struct_elements_under

XHTML = "http://www.w3.org/1999/xhtml"
#: A full line reaches the right edge of the text block (justified text): within this many
#: points of the widest body line on the page.
FULL_LINE_SLACK = 3.0
#: Dot leaders (the printed contents) are not text.
LEADER = re.compile(r"\.{3,}|…{2,}")


@dataclass(frozen=True)
class Line:
    page: int
    x_min: float
    x_max: float
    y_min: float
    y_max: float
    words: tuple[str, ...]
    #: Each word's box bottom and height, in the order of ``words``.
    boxes: tuple[tuple[float, float], ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def height(self) -> float:
        """The commonest word height on the line (a superscript does not change it)."""
        return statistics.mode(round(h, 1) for _, h in self.boxes)

    @property
    def baseline(self) -> float:
        """Where the line's words of its own height sit (their boxes' commonest bottom)."""
        return statistics.mode(round(b, 2) for b, h in self.boxes
                               if abs(round(h, 1) - self.height) < 0.2)


def lines(pdf: Path) -> list[Line]:
    """Every line of text in ``pdf`` (running heads and page numbers included), page by page."""
    done = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, check=True)
    root = etree.fromstring(done.stdout, etree.XMLParser(recover=True, huge_tree=True))
    found: list[Line] = []
    for number, page in enumerate(root.iter(f"{{{XHTML}}}page"), 1):
        for line in page.iter(f"{{{XHTML}}}line"):
            words = list(line.iter(f"{{{XHTML}}}word"))
            if not words:
                continue
            boxes = tuple((float(w.get("yMax", 0)), float(w.get("yMax", 0)) -
                           float(w.get("yMin", 0))) for w in words)
            found.append(Line(number, float(line.get("xMin", 0)), float(line.get("xMax", 0)),
                              float(line.get("yMin", 0)), float(line.get("yMax", 0)),
                              tuple(w.text or "" for w in words), boxes))
    return found


def article_pages(epub: Path) -> set[int]:
    """The printed pages that the EPUB's page list places in an article chapter."""
    with zipfile.ZipFile(epub) as book:
        name = next(n for n in book.namelist() if n.endswith("nav.xhtml"))
        nav = etree.fromstring(book.read(name))
    pages = set()
    for link in nav.iter(f"{{{XHTML}}}a"):
        href = link.get("href", "")
        if "#page-" in href and href.rsplit("/", 1)[-1].startswith("ch"):
            pages.add(int(href.rsplit("#page-", 1)[1]))
    return pages


def body_height(found: list[Line]) -> float:
    """The height pdftotext gives a line of body text: the commonest line height."""
    return statistics.mode(line.height for line in found)


def body_lines(pdf: Path, pages: set[int] | None = None) -> list[Line]:
    """The full lines of body text: in the body's type size, on ``pages`` (all when ``None``),
    reaching the right edge of the text block (so not a paragraph's last line, a heading, a
    table cell or a list item's ragged line), without dot leaders."""
    found = [line for line in lines(pdf) if pages is None or line.page in pages]
    if not found:
        return []
    height = body_height(found)
    body = [line for line in found if abs(line.height - height) < 0.2
            and not LEADER.search(line.text)]
    by_page: dict[int, list[Line]] = {}
    for line in body:
        by_page.setdefault(line.page, []).append(line)
    full = []
    for page_lines in by_page.values():
        left = min(line.x_min for line in page_lines)
        right = max(line.x_max for line in page_lines)
        full += [line for line in page_lines if abs(line.x_min - left) < FULL_LINE_SLACK
                 and right - line.x_max < FULL_LINE_SLACK and len(line.words) > 3]
    return full


def measure(pdf: Path, pages: set[int] | None = None) -> float:
    """The median number of characters (spaces between words included) per full body line."""
    return statistics.median(len(line.text) for line in body_lines(pdf, pages))


def pitches(pdf: Path, pages: set[int] | None = None) -> list[float]:
    """The distance from each body line to the next one of the same block of text, in points,
    baseline to baseline: lines that hold a note marker or a superscript included."""
    found = [line for line in lines(pdf) if pages is None or line.page in pages]
    height = body_height(found)
    body = [line for line in found if abs(line.height - height) < 0.2]
    return [round(b.baseline - a.baseline, 1) for a, b in itertools.pairwise(body)
            if a.page == b.page and 0 < b.baseline - a.baseline < 1.8 * height]


def line_pitch(pdf: Path, pages: set[int] | None = None) -> float:
    """The commonest line pitch of body text, in points."""
    return statistics.mode(pitches(pdf, pages))


def hyphenated_words(pdf: Path) -> list[tuple[str, str, int]]:
    """Each word the PDF breaks at a line end with a hyphen, as ``(first part, second part,
    page of the first part)``; a break at a hyphen the word has anyway is left out only when
    the whole word keeps it (``IGF-`` ``1``) — those are ambiguous and reported too."""
    found = [line for line in lines(pdf) if line.words]
    out = []
    for a, b in itertools.pairwise(found):
        last = a.words[-1]
        if last.endswith(("-", "\u2010")) and len(last) > 2 and last[-2].isalpha() \
                and b.words[0][:1].isalpha() and b.words[0][:1].islower():
            out.append((last[:-1].lstrip("“‘(\"'"), b.words[0], a.page))
    return out


def _pages_of(element: pikepdf.Dictionary, numbers: dict[tuple[int, int], int]) -> set[int]:
    """The pages an element's marked content lies on (its own ``/Pg`` and its kids')."""
    found = set()
    if "/Pg" in element:
        found.add(numbers[element.Pg.objgen])
    kids = element.get("/K")
    for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary):
            if "/Pg" in kid:
                found.add(numbers[kid.Pg.objgen])
            if "/S" in kid:
                found |= _pages_of(kid, numbers)
    return found


def tables(pdf: Path) -> list[tuple[int, list[int]]]:
    """Each ``Table`` element of the tagged PDF as ``(rows, pages)``: how many rows (``TR``) it
    has and the pages they lie on. WeasyPrint tags each page's part of a table that runs over a
    page turn as a ``Table`` of its own, its header row repeated: a split table shows as more
    ``Table`` elements than the document has tables."""
    out = []
    with pikepdf.open(pdf) as document:
        numbers = {page.obj.objgen: n for n, page in enumerate(document.pages, 1)}
        for element in struct_elements(document):
            if element.S != "/Table":
                continue
            rows = [e for e in struct_elements_under(element) if e.S == "/TR"]
            pages: set[int] = set()
            for row in rows:
                pages |= _pages_of(row, numbers)
            out.append((len(rows), sorted(pages)))
    return out


def main(argv: list[str]) -> None:
    pdf = Path(argv[0])
    pages = article_pages(Path(argv[1])) if len(argv) > 1 else None
    found = body_lines(pdf, pages)
    print(f"{pdf.name}: {len(found)} full body lines; median {measure(pdf, pages):g} characters "
          f"a line; line pitch {line_pitch(pdf, pages):g} pt; max pitch "
          f"{max(pitches(pdf, pages), default=0):g} pt; "
          f"{len(hyphenated_words(pdf))} hyphenated line ends")
    print("pitches:", sorted(set(pitches(pdf, pages))))
    print("tables (rows, pages):", tables(pdf))


if __name__ == "__main__":
    main(sys.argv[1:])
