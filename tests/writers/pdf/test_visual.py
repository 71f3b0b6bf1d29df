"""Visual regression: a few chosen pages of the sample book, a handout and an Arabic edition,
rendered at low resolution and compared with reference images, so that a layout change is
seen (issue 13.6). Not a pixel-exact test: pages are compared after a small blur, and a page
passes while the pixels that differ visibly are fewer than :data:`TOLERANCE` of its inked
pixels (those printed on, in either image): a title page, mostly blank, is held to what it
prints as a full page is.

The references are ``tests/writers/pdf/visual/*.png``. When a layout change is intended
(print CSS, the preface, the title page…), look at the new pages and regenerate them in one
command::

    PEPTIDEBOOK_UPDATE_VISUAL=1 PYTHONPATH=src python -m pytest -m integration \\
        tests/writers/pdf/test_visual.py

then review the changed PNGs (``git diff --stat``, an image viewer) before committing them. A
failing page leaves the new rendering and a difference image in pytest's temporary folder,
named in the failure message.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from PIL import Image, ImageChops, ImageFilter

from peptidebook.build import BuildResult, build
from peptidebook.walk import plain_text

from ...conftest import EXAMPLES

pytestmark = pytest.mark.integration

REFERENCES = Path(__file__).parent / "visual"
UPDATE = os.environ.get("PEPTIDEBOOK_UPDATE_VISUAL") == "1"
#: Resolution of the compared images: enough to see layout (blocks, columns, rules, headings),
#: not glyph details that differ with font hinting.
DPI = 30
#: A pixel differs visibly when its grey level, after the blur, moves by more than this.
THRESHOLD = 48
#: Visibly differing pixels a page may have, as a share of its inked pixels: a heading one
#: size smaller on the title page is 10 times this, a line of text moved on a full page more.
TOLERANCE = 0.02
#: A pixel is inked when its grey level, after the blur, is below this.
INK = 224
#: The book's date: the title and copyright pages print it.
EPOCH = "1700000000"


@dataclass(frozen=True)
class Builds:
    letter: BuildResult
    arabic: BuildResult


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        letter = build(config_path=EXAMPLES / "book.toml",
                       output_dir=tmp_path_factory.mktemp("visual-letter"),
                       formats=("pdf", "handouts"), paper="letter")
        arabic = build(config_path=EXAMPLES / "book.toml",
                       output_dir=tmp_path_factory.mktemp("visual-ar"), formats=("pdf",),
                       language="ar")
        yield Builds(letter, arabic)


def book_of(result: BuildResult) -> Path:
    return next(p for p in result.outputs if p.suffix == ".pdf" and p.parent.name != "handouts")


def outline_pages(pdf_path: Path) -> dict[str, int]:
    """Each top-level bookmark's title → the page (1-based) it opens."""
    with pikepdf.open(pdf_path) as pdf:
        numbers: dict[Any, int] = {page.objgen: n
                                   for n, page in enumerate(pdf.pages, 1)}
        found = {}
        with pdf.open_outline() as outline:
            for item in outline.root:
                destination: Any = item.destination
                if destination is not None:
                    found[item.title] = numbers[destination[0].objgen]
        return found


def first_table_page(pdf_path: Path) -> int:
    """The page on which the PDF's first table begins: the page (``/Pg``) of the first
    structure element inside its first ``Table`` structure element (ISO 32000-1 §14.7.2)."""
    with pikepdf.open(pdf_path) as pdf:
        numbers: dict[Any, int] = {page.objgen: n
                                   for n, page in enumerate(pdf.pages, 1)}
        queue: list[Any] = [pdf.Root.StructTreeRoot]
        inside = False
        while queue:
            node = queue.pop(0)
            if not isinstance(node, pikepdf.Dictionary):
                continue
            if inside and "/Pg" in node:
                return numbers[node.Pg.objgen]
            if node.get("/S") == "/Table" and not inside:
                inside, queue = True, []  # from now on, only this table's descendants
            kids = node.get("/K")
            if kids is not None:
                queue.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    raise AssertionError(f"{pdf_path.name} has no table")


def render(pdf_path: Path, page: int, out: Path) -> Image.Image:
    """Page ``page`` of ``pdf_path`` as a grey image at :data:`DPI`."""
    stem = out.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(pdf_path), str(stem)], check=True, timeout=120)
    return Image.open(stem.with_suffix(".png")).convert("L")


def differing_share(new: Image.Image, reference: Image.Image) -> float:
    """Pixels that differ visibly after a small blur (1 pixel), as a share of the pixels
    inked in either image; 1 for images of different sizes."""
    if new.size != reference.size:
        return 1.0
    blur = ImageFilter.BoxBlur(1)
    new, reference = new.filter(blur), reference.filter(blur)
    differing = ImageChops.difference(new, reference).point(lambda v: 255 if v > THRESHOLD else 0)
    inked = ImageChops.darker(new, reference).point(lambda v: 255 if v < INK else 0)
    ink = inked.histogram()[255]
    return differing.histogram()[255] / ink if ink else 0.0


def chosen_pages(builds: Builds) -> dict[str, tuple[Path, int]]:
    """The pages compared: name → (PDF, page number), each found from the book, not fixed."""
    book = book_of(builds.letter)
    chapters = outline_pages(book)
    first_article = next(c for c in builds.letter.edition.chapters if c.kind == "article")
    handout = next(p for p in builds.letter.outputs if p.parent.name == "handouts")
    arabic = book_of(builds.arabic)
    preface = next(c for c in builds.arabic.edition.chapters if c.kind == "preface")
    return {
        "title-page": (book, 1),
        "copyright-page": (book, 2),
        "chapter-opening": (book, chapters[plain_text(first_article.title)]),
        "table-page": (book, first_table_page(book)),
        "handout-first-page": (handout, 1),
        "handout-second-page": (handout, 2),
        "arabic-preface": (arabic, outline_pages(arabic)[plain_text(preface.title)]),
    }


PAGES = ("title-page", "copyright-page", "chapter-opening", "table-page",
         "handout-first-page", "handout-second-page", "arabic-preface")


@pytest.mark.parametrize("name", PAGES)
def test_page_looks_as_it_did(builds: Builds, name: str, tmp_path: Path) -> None:
    pdf_path, page = chosen_pages(builds)[name]
    new = render(pdf_path, page, tmp_path / f"{name}.png")
    reference_path = REFERENCES / f"{name}.png"
    if UPDATE:
        REFERENCES.mkdir(exist_ok=True)
        new.save(reference_path, optimize=True)
        pytest.skip(f"reference written: {reference_path} (review it before committing)")
    assert reference_path.exists(), (
        f"no reference for {name}: run PEPTIDEBOOK_UPDATE_VISUAL=1 on this test "
        "(see this module's docstring)")
    reference = Image.open(reference_path).convert("L")
    share = differing_share(new, reference)
    if share > TOLERANCE:
        diff = ImageChops.difference(new, reference) if new.size == reference.size else new
        diff.save(tmp_path / f"{name}-difference.png")
    assert share <= TOLERANCE, (
        f"{name} (page {page} of {pdf_path.name}) changed: {share:.1%} of its inked pixels "
        f"differ (tolerance {TOLERANCE:.0%}); new rendering and difference in {tmp_path}. If "
        "the change is intended, regenerate the references (PEPTIDEBOOK_UPDATE_VISUAL=1)")


def test_a_moved_block_is_seen_and_an_identical_page_is_not() -> None:
    """The comparison itself: the same page passes; a page with a block moved fails."""
    page = Image.new("L", (200, 260), 255)
    moved = page.copy()
    page.paste(0, (20, 20, 180, 60))
    moved.paste(0, (20, 70, 180, 110))
    assert differing_share(page, page.copy()) == 0
    assert differing_share(moved, page) > TOLERANCE
    assert differing_share(Image.new("L", (200, 260), 255), Image.new("L", (200, 260), 255)) == 0
