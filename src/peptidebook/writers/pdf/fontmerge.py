"""Step 5a - PDF, chunked: one embedded font per face in a merged book, not one per chunk.

Every chunk of a chunked book (:mod:`.chunks`) embeds its own subset of each face it uses,
under the same name (WeasyPrint names a subset after its face, not after the glyphs it holds:
``HUQPOW+Noto-Serif`` in every chunk), as a ``Type0`` font with an ``Identity-H`` encoding and
a ``CIDFontType2`` descendant whose CIDs are glyph ids (``/CIDToGIDMap /Identity``;
``weasyprint/pdf/fonts.py``). WeasyPrint subsets with retained glyph ids (HarfBuzz's
``RETAIN_GIDS``; fontTools' ``retain_gids``), so the subsets of one face in different chunks
agree on every glyph id and differ only in which glyphs are filled in. :func:`merge_font_subsets`
makes of each such group one font, as the unchunked book has:

* the font program (``/FontFile2``, TrueType ``glyf`` outlines): every glyph filled in by
  any member, with its metrics (fontTools; a composite glyph's components are the same glyph
  ids in every member);
* the widths (``/W``, ISO 32000-1 §9.7.4.3) and the ``/ToUnicode`` CMap (§9.10.3): the union
  of the members', which agree where they overlap (checked: widths that disagree leave the
  group as it is; a glyph that stands for different characters in different chunks — a
  parenthesis mirrored in right-to-left text — keeps each chunk's font dictionary with its
  own ``/ToUnicode``, all of them sharing the one merged program);
* the descriptor (§9.8): ``/FontBBox`` and ``/CapHeight`` from the union, as WeasyPrint
  computes them (``(0, descent, widest advance, ascent)``).

Every page's resources then name the one font. A group is left alone (each chunk keeps its
subset) when any member is not of that shape: another encoding (a CMap stream, for fonts with
missing glyphs), a ``/CIDSet``, a CFF program (``/FontFile3``), a ``/ToUnicode`` this module
cannot read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from pikepdf import Array, Dictionary, Name

__all__ = ["FontMergeStats", "merge_font_subsets", "page_fonts"]


@dataclass
class FontMergeStats:
    #: Faces whose subsets became one font, and how many subsets they were.
    faces: int = 0
    subsets: int = 0
    #: Faces left as they were (see the module docstring), by name.
    left: tuple[str, ...] = ()


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_PAIR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")


def merge_font_subsets(pdf: pikepdf.Pdf) -> FontMergeStats:
    """Merge, in place, the subsets of each face that several chunks embedded (module
    docstring); return what was merged."""
    groups: dict[str, list[Dictionary]] = {}
    for font in _type0_fonts(pdf):
        groups.setdefault(str(font.BaseFont), []).append(font)
    stats = FontMergeStats()
    left: list[str] = []
    replace: dict[tuple[int, int], Dictionary] = {}
    for name, fonts in groups.items():
        if len(fonts) < 2:
            continue
        merged = _merge_group(pdf, fonts)
        if merged is None:
            left.append(name)
            continue
        stats.faces += 1
        stats.subsets += len(fonts)
        for font in fonts:
            replace[font.objgen] = merged
    for page in pdf.pages:
        resources = page.obj.get("/Resources", Dictionary()).get("/Font")
        if isinstance(resources, Dictionary):
            for key in list(resources.keys()):
                used = resources[key]
                if isinstance(used, Dictionary) and used.objgen in replace:
                    resources[key] = replace[used.objgen]
    stats.left = tuple(left)
    return stats


def page_fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Every font each page's resources name, page by page (a font shared by pages comes
    once per page)."""
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font")
        if isinstance(fonts, Dictionary):
            yield from fonts.values()


def _type0_fonts(pdf: pikepdf.Pdf) -> Iterator[Dictionary]:
    seen: set[tuple[int, int]] = set()
    for font in page_fonts(pdf):
        if isinstance(font, Dictionary) and font.is_indirect and \
                font.get("/Subtype") == Name.Type0 and font.objgen not in seen:
            seen.add(font.objgen)
            yield font


def _mergeable(font: Dictionary) -> bool:
    descendants = font.get("/DescendantFonts")
    if font.get("/Encoding") != Name("/Identity-H") or not isinstance(descendants, Array) \
            or len(descendants) != 1:
        return False
    cid = descendants[0]
    descriptor = cid.get("/FontDescriptor")
    return (cid.get("/Subtype") == Name.CIDFontType2
            and cid.get("/CIDToGIDMap") == Name.Identity
            and isinstance(descriptor, Dictionary) and "/FontFile2" in descriptor
            and "/CIDSet" not in descriptor and "/ToUnicode" in font)


def _merge_group(pdf: pikepdf.Pdf, fonts: list[Dictionary]) -> Dictionary | None:
    """One font for ``fonts`` (subsets of one face), or None to keep them apart (sharing one
    program when only their ``/ToUnicode`` disagree)."""
    if not all(_mergeable(font) for font in fonts):
        return None
    widths: dict[int, object] = {}
    unicode: dict[int, bytes] = {}
    same_text = True
    for font in fonts:
        their_widths = _widths(font.DescendantFonts[0].W)
        their_unicode = _to_unicode(font.ToUnicode.read_bytes())
        if their_widths is None or their_unicode is None:
            return None
        # Members that disagree on a glyph's width are not subsets of one face: left alone.
        if any(widths.get(k, v) != v for k, v in their_widths.items()):
            return None
        # One glyph for two characters (a parenthesis mirrored in right-to-left text, ISO
        # 32000-1 §9.10.2): each chunk keeps its own /ToUnicode; only the program is shared.
        same_text = same_text and all(unicode.get(k, v) == v for k, v in their_unicode.items())
        widths.update(their_widths)
        unicode.update(their_unicode)
    program = _merge_programs([f.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()
                               for f in fonts])
    if program is None:
        return None
    stream = pdf.make_stream(program, Length1=len(program))
    if not same_text:
        for font in fonts:
            font.DescendantFonts[0].FontDescriptor.FontFile2 = stream
        return None
    first = fonts[0]
    cid = first.DescendantFonts[0]
    descriptor = cid.FontDescriptor
    descriptor.FontFile2 = stream
    cid.W = _width_array(widths)
    first.ToUnicode = pdf.make_stream(_cmap(unicode))
    widest = max((float(str(w)) for w in widths.values()), default=0.0)
    box = [float(v) for v in descriptor.FontBBox]
    # WeasyPrint: FontBBox (0, descent, widest advance, ascent), CapHeight its top.
    descriptor.FontBBox = Array([0, box[1], _number(widest), box[3]])
    return first


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _widths(array: object) -> dict[int, object] | None:
    """A ``/W`` array (``c [w …]`` and ``c_first c_last w``) as ``{cid: width}``."""
    if not isinstance(array, Array):
        return None
    items = list(array)
    out: dict[int, object] = {}
    i = 0
    while i < len(items):
        start = int(items[i])
        if i + 1 < len(items) and isinstance(items[i + 1], Array):
            for n, width in enumerate(items[i + 1]):
                out[start + n] = _scalar(width)
            i += 2
        elif i + 2 < len(items):
            for cid in range(start, int(items[i + 1]) + 1):
                out[cid] = _scalar(items[i + 2])
            i += 3
        else:
            return None
    return out


def _scalar(value: object) -> object:
    return int(value) if isinstance(value, int) else float(str(value))


def _width_array(widths: dict[int, object]) -> Array:
    """``{cid: width}`` as a ``/W`` array of runs of consecutive CIDs (as WeasyPrint writes)."""
    out: list[object] = []
    run: list[object] = []
    previous = None
    for cid in sorted(widths):
        if previous is None or cid != previous + 1:
            run = []
            out.extend([cid, run])
        run.append(widths[cid])
        previous = cid
    return Array([Array(item) if isinstance(item, list) else item for item in out])


def _to_unicode(cmap: bytes) -> dict[int, bytes] | None:
    """A ``/ToUnicode`` CMap's ``bfchar`` and ``bfrange`` entries as ``{cid: UTF-16BE}``;
    None when it holds ranges given as arrays (none are written by WeasyPrint)."""
    out: dict[int, bytes] = {}
    for block in _BFCHAR.findall(cmap):
        for src, dst in _PAIR.findall(block):
            out[int(src, 16)] = bytes.fromhex(dst.decode())
    for block in _BFRANGE.findall(cmap):
        for line in block.strip().splitlines():
            parts = re.findall(rb"<([0-9a-fA-F]*)>", line)
            if b"[" in line or len(parts) != 3:
                return None
            low, high, first = int(parts[0], 16), int(parts[1], 16), int(parts[2], 16)
            width = len(parts[2]) // 2
            for n, cid in enumerate(range(low, high + 1)):
                out[cid] = (first + n).to_bytes(width, "big")
    return out


def _cmap(unicode: dict[int, bytes]) -> bytes:
    """A ``/ToUnicode`` CMap (ISO 32000-1 §9.10.3; Adobe TN 5411) of ``{cid: UTF-16BE}``, in
    ``bfchar`` blocks of at most 100 entries."""
    entries = [f"<{cid:04x}> <{text.hex()}>" for cid, text in sorted(unicode.items())]
    blocks = "".join(
        f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
        for chunk in (entries[i:i + 100] for i in range(0, len(entries), 100)))
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo\n<< /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n"
            f"{blocks}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
            ).encode("ascii")


def _merge_programs(programs: list[bytes]) -> bytes | None:
    """One TrueType program holding every glyph any of ``programs`` (subsets of one face with
    retained glyph ids) fills in; None unless all are ``glyf`` fonts."""
    # recalcTimestamp off: same input, same bytes (head.modified stays the subset's).
    fonts = [TTFont(io.BytesIO(data), recalcTimestamp=False) for data in programs]
    if not all("glyf" in font and "loca" in font and "hmtx" in font for font in fonts):
        return None
    base = max(fonts, key=lambda font: len(font.getGlyphOrder()))
    order = base.getGlyphOrder()
    glyf, hmtx = base["glyf"], base["hmtx"]
    filled = _filled_gids(base)
    for other in fonts:
        if other is base:
            continue
        their_order = other.getGlyphOrder()
        rename = {name: order[gid] for gid, name in enumerate(their_order)}
        for gid in sorted(_filled_gids(other) - filled):
            name = their_order[gid]
            glyph = other["glyf"][name]
            if glyph.isComposite():
                for component in glyph.components:
                    component.glyphName = rename[component.glyphName]
            glyf[order[gid]] = glyph
            hmtx[order[gid]] = other["hmtx"][name]
            filled.add(gid)
    out = io.BytesIO()
    base.save(out)
    return out.getvalue()


def _filled_gids(font: TTFont) -> set[int]:
    """The glyph ids with an outline: those whose ``loca`` entry is longer than nothing (a
    glyph emptied by subsetting has no data; OpenType ``loca``)."""
    offsets = list(font["loca"])
    return {gid for gid in range(len(offsets) - 1) if offsets[gid + 1] > offsets[gid]}
