"""Merging the subsets of one face that several chunks embedded."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from pikepdf import Array, Dictionary, Name

from peptidebook.writers.pdf.fontmerge import (
    _cmap,
    _merge_programs,
    _to_unicode,
    _width_array,
    _widths,
    merge_font_subsets,
)

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_widths_read_both_forms_and_are_written_in_runs() -> None:
    found = _widths(Array([3, Array([260, 270]), 10, 12, 500]))
    assert found == {3: 260, 4: 270, 10: 500, 11: 500, 12: 500}
    assert _widths(_width_array(found)) == found
    assert next(iter(_width_array({1: 5, 2: 6, 9: 7}))) == 1


def test_to_unicode_round_trips_and_reads_ranges() -> None:
    mapping = {3: "\x20".encode("utf-16-be"), 0x855: "→".encode("utf-16-be"),
               **{n: chr(0x41 + n).encode("utf-16-be") for n in range(150, 260)}}
    assert _to_unicode(_cmap(mapping)) == mapping
    ranged = b"1 beginbfrange\n<0010> <0012> <0041>\nendbfrange"
    assert _to_unicode(ranged) == {16: b"\x00A", 17: b"\x00B", 18: b"\x00C"}
    assert _to_unicode(b"1 beginbfrange\n<0010> <0011> [<0041> <0042>]\nendbfrange") is None


def subset_of(text: str) -> tuple[bytes, set[int]]:
    """A subset of DejaVu Sans with the glyphs of ``text``, glyph ids retained."""
    font = TTFont(FONT, recalcTimestamp=False)
    cmap = font.getBestCmap()
    gids = {font.getGlyphID(cmap[ord(c)]) for c in text}
    options = subset.Options(retain_gids=True, notdef_outline=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(gids))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), gids


@pytest.mark.skipif(not FONT.exists(), reason="DejaVu Sans is not installed")
def test_subsets_become_one_font_with_every_glyph() -> None:
    first, gids_a = subset_of("abc")
    second, gids_b = subset_of("xyzé")
    merged = TTFont(io.BytesIO(_merge_programs([first, second]) or b""))
    order = merged.getGlyphOrder()
    filled = {gid for gid, name in enumerate(order)
              if merged["glyf"][name].numberOfContours != 0}
    assert gids_a | gids_b <= filled
    assert merged["hmtx"][order[max(gids_b)]][0] > 0


@pytest.mark.skipif(not FONT.exists(), reason="DejaVu Sans is not installed")
def test_the_merged_font_keeps_the_subsets_date() -> None:
    first, _ = subset_of("abc")
    second, _ = subset_of("xyz")
    merged = TTFont(io.BytesIO(_merge_programs([first, second]) or b""))
    assert merged["head"].modified == TTFont(FONT)["head"].modified


def pdf_with_subsets(texts: list[str], unicodes: list[dict[int, bytes]]) -> pikepdf.Pdf:
    """A PDF of one page per subset of DejaVu Sans, each with its own Type0 font named alike
    (as the chunks of a chunked book have them)."""
    pdf = pikepdf.new()
    for text, unicode in zip(texts, unicodes, strict=True):
        program, gids = subset_of(text)
        descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name("/AAAAAA+DejaVu"),
                                FontBBox=Array([0, -200, 600, 900]),
                                FontFile2=pdf.make_stream(program))
        cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2,
                         BaseFont=Name("/AAAAAA+DejaVu"), CIDToGIDMap=Name.Identity,
                         W=Array([g for gid in sorted(gids) for g in (gid, Array([600]))]),
                         FontDescriptor=pdf.make_indirect(descriptor))
        font = pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/AAAAAA+DejaVu"),
            Encoding=Name("/Identity-H"), DescendantFonts=Array([pdf.make_indirect(cid)]),
            ToUnicode=pdf.make_stream(_cmap(unicode))))
        pdf.add_blank_page()
        pdf.pages[-1].obj.Resources = Dictionary(Font=Dictionary(F1=font))
    return pdf


def page_fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    return [page.obj.Resources.Font.F1 for page in pdf.pages]


@pytest.mark.skipif(not FONT.exists(), reason="DejaVu Sans is not installed")
def test_subsets_that_agree_become_one_font_dictionary() -> None:
    pdf = pdf_with_subsets(["ab", "cd"], [{68: b"\x00a"}, {70: b"\x00c"}])
    stats = merge_font_subsets(pdf)
    first, second = page_fonts(pdf)
    assert (stats.faces, stats.subsets, stats.left) == (1, 2, ())
    assert first.objgen == second.objgen
    assert _to_unicode(first.ToUnicode.read_bytes()) == {68: b"\x00a", 70: b"\x00c"}


@pytest.mark.skipif(not FONT.exists(), reason="DejaVu Sans is not installed")
def test_subsets_whose_text_disagrees_share_only_the_program() -> None:
    # Glyph 11 stands for ")" in one chunk and for a mirrored "(" in the other.
    pdf = pdf_with_subsets(["()", "()"], [{11: b"\x00)"}, {11: b"\x00("}])
    stats = merge_font_subsets(pdf)
    first, second = page_fonts(pdf)
    assert stats.left == ("/AAAAAA+DejaVu",)
    assert first.objgen != second.objgen
    programs = {font.DescendantFonts[0].FontDescriptor.FontFile2.objgen
                for font in (first, second)}
    assert len(programs) == 1
