"""The chunked PDF: the sample book laid out a chapter at a time and merged is the book.

The same edition is written unchunked (one WeasyPrint document) and chunked (every chapter a
document of its own, the most merging a book can need), and the two files compared: pages,
page labels, outline, links, named destinations, structure tree and text per page; the merged
file passes check-pdf.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name
from PIL import Image, ImageChops

from peptidebook.diagnostics import Report
from peptidebook.writers.pdf import book, write_pdf
from peptidebook.writers.pdf.chunks import lay_out_in_chunks

from ..conftest import check_pdf
from .structure import struct_elements
from .test_document import sample_edition

pytestmark = pytest.mark.integration

PAPER = "letter"


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any, Any]:
    """(unchunked, chunked) PDFs of the sample book, and their build results."""
    edition, text = sample_edition(3)
    out = tmp_path_factory.mktemp("chunked")
    # The chunked layout does not yet write the running heads of the pages of notes ("Notes to
    # pages 4–11", a second layout of the whole book: writers/pdf/runningheads.py): the plain
    # book it is compared with is made without them too.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(book, "add_notes_running_heads", lambda *_args: False)
        plain = write_pdf(edition, out / "plain.pdf", text, Report(), PAPER, chunked=False)
    report = Report()
    merged = lay_out_in_chunks(edition, text, report, paper=PAPER, where="chunked.pdf",
                               chunk_bytes=1)
    (out / "chunked.pdf").write_bytes(merged.data)
    assert report.count("pdf-log") == 0, [str(d) for d in report.diagnostics]
    return out / "plain.pdf", out / "chunked.pdf", plain, merged


def page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: n for n, page in enumerate(pdf.pages)}


def dest_page(pdf: pikepdf.Pdf, dest: Any, pages: dict[tuple[int, int], int]) -> int:
    """The page index a destination (an explicit array or a name) leads to."""
    if isinstance(dest, pikepdf.String):
        names = pdf.Root.Names.Dests.Names
        found = {bytes(names[i]): names[i + 1] for i in range(0, len(names), 2)}
        dest = found[bytes(dest)]
    return pages[dest[0].objgen]


def outline(pdf: pikepdf.Pdf) -> list[tuple[int, str, int, int]]:
    """(level, title, target page, /Count) of every outline item, in order."""
    pages = page_index(pdf)
    out: list[tuple[int, str, int, int]] = []

    def walk(item: Any, level: int) -> None:
        while isinstance(item, Dictionary):
            out.append((level, str(item.Title), dest_page(pdf, item.Dest, pages),
                        int(item.get("/Count", 0))))
            walk(item.get("/First"), level + 1)
            item = item.get("/Next")

    walk(pdf.Root.Outlines.get("/First"), 1)
    return out


def links(pdf: pikepdf.Pdf) -> list[tuple[int, str, str, int | str]]:
    """(source page, /Contents, rectangle, target page or URI) of every link annotation."""
    pages = page_index(pdf)
    out: list[tuple[int, str, str, int | str]] = []
    for n, page in enumerate(pdf.pages):
        for annotation in page.obj.get("/Annots", Array()):
            if annotation.get("/Subtype") != Name.Link:
                continue
            target: int | str = dest_page(pdf, annotation.Dest, pages) \
                if "/Dest" in annotation else str(annotation.A.URI)
            rect = ",".join(f"{float(v):.2f}" for v in annotation.Rect)
            out.append((n, str(annotation.get("/Contents", "")), rect, target))
    return out


def structure(pdf: pikepdf.Pdf) -> list[tuple[str, str, str, str, int | None]]:
    """(type, /Alt, /Lang, /ActualText, page) of every structure element, in tree order."""
    pages = page_index(pdf)
    return [(str(e.S), str(e.get("/Alt", "")), str(e.get("/Lang", "")),
             str(e.get("/ActualText", "")),
             pages.get(e.Pg.objgen) if "/Pg" in e else None)
            for e in struct_elements(pdf)]


def parent_tree_is_whole(pdf: pikepdf.Pdf) -> bool:
    """Every page's and link's key is in the parent tree, every key below ParentTreeNextKey."""
    tree = pdf.Root.StructTreeRoot
    nums = tree.ParentTree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    wanted = [int(p.obj.StructParents) for p in pdf.pages] + [
        int(a.StructParent) for p in pdf.pages for a in p.obj.get("/Annots", Array())
        if "/StructParent" in a]
    return (keys == sorted(set(keys)) and set(wanted) <= set(keys)
            and len(wanted) == len(set(wanted))
            and int(tree.get("/ParentTreeNextKey", max(keys) + 1)) > max(keys))


def text_per_page(path: Path) -> list[str]:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return done.stdout.split("\f")


def test_the_merged_book_has_as_many_pages_from_several_chunks(books: Any) -> None:
    plain_path, chunked_path, plain, merged = books
    assert merged.chunks > 5
    with pikepdf.open(plain_path) as a, pikepdf.open(chunked_path) as b:
        assert len(a.pages) == len(b.pages) == plain.pages == merged.pages


def test_the_merged_book_begins_its_pages_where_the_unchunked_one_does(books: Any) -> None:
    _, _, plain, merged = books
    assert merged.page_breaks == plain.page_breaks


@pytest.mark.parametrize("read", [outline, links, structure], ids=lambda f: f.__name__)
def test_the_merged_book_has_the_same(books: Any, read: Any) -> None:
    plain_path, chunked_path, _, _ = books
    with pikepdf.open(plain_path) as a, pikepdf.open(chunked_path) as b:
        expected, found = read(a), read(b)
    assert len(found) > 10
    assert found == expected


def test_the_same_page_labels_and_catalog(books: Any) -> None:
    plain_path, chunked_path, _, _ = books
    with pikepdf.open(plain_path) as a, pikepdf.open(chunked_path) as b:
        for key in ("/PageLabels", "/Lang", "/MarkInfo", "/ViewerPreferences"):
            assert repr(a.Root.get(key)) == repr(b.Root.get(key)), key
        assert a.open_metadata().get("dc:title") == b.open_metadata().get("dc:title")


def test_the_merged_parent_tree_is_whole(books: Any) -> None:
    _, chunked_path, _, _ = books
    with pikepdf.open(chunked_path) as pdf:
        assert parent_tree_is_whole(pdf)
        assert len(pdf.Root.StructTreeRoot.K) == 1  # one Document element


def test_the_merged_book_has_the_same_text_on_every_page(books: Any) -> None:
    plain_path, chunked_path, _, _ = books
    assert text_per_page(chunked_path) == text_per_page(plain_path)


def test_the_merged_book_looks_the_same(books: Any, tmp_path: Path) -> None:
    plain_path, chunked_path, _, _ = books
    for path in (plain_path, chunked_path):
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / path.stem)],
                       check=True)
    plain = sorted(tmp_path.glob("plain-*.png"))
    chunked = sorted(tmp_path.glob("chunked-*.png"))
    assert len(plain) == len(chunked) > 10
    different = [a.name for a, b in zip(plain, chunked, strict=True)
                 if ImageChops.difference(Image.open(a).convert("RGB"),
                                          Image.open(b).convert("RGB")).getbbox()]
    assert different == []


def fonts(pdf: pikepdf.Pdf) -> list[str]:
    """The /BaseFont of every distinct font object the pages use."""
    found = {font.objgen: str(font.BaseFont) for page in pdf.pages
             for font in page.obj.Resources.get("/Font", Dictionary()).values()}
    return sorted(found.values())


def test_the_merged_book_embeds_each_face_once(books: Any) -> None:
    plain_path, chunked_path, _, merged = books
    with pikepdf.open(plain_path) as a, pikepdf.open(chunked_path) as b:
        assert fonts(b) == fonts(a)
    assert merged.merge.fonts.left == ()
    # Not larger than a few percent for the chunks: each face's glyphs are written once.
    assert chunked_path.stat().st_size < 1.05 * plain_path.stat().st_size


@pytest.mark.checker
def test_the_merged_book_passes_check_pdf(books: Any, tmp_path: Path) -> None:
    _, chunked_path, _, _ = books
    result = check_pdf(chunked_path, tmp_path)
    assert result["failed"] == 0
