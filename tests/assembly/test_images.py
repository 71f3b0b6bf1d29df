"""Images are decoded and re-encoded (rasters) or passed through an allowlist (SVG) before they
are packaged; what cannot be is refused, and the book falls back to alt text and a link."""

from __future__ import annotations

import io
import json
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageCms, features

from peptidebook.assembly import assemble
from peptidebook.assembly.images import (
    MAX_SVG_ELEMENTS,
    ImageRefused,
    PackagedImage,
    package_image,
)
from peptidebook.build import build
from peptidebook.diagnostics import Report
from peptidebook.fetching import Fetched, MemoryFetcher
from peptidebook.i18n import BookText
from peptidebook.model import Article, Book, BookMeta, Figure, Paragraph, Source, Text
from peptidebook.model import Image as ImageNode
from peptidebook.walk import iter_blocks

from ..helpers import EpubFile

URL = "https://example.org/picture"
NS = {"s": "http://www.w3.org/2000/svg", "xlink": "http://www.w3.org/1999/xlink"}


def package(data: bytes, report: Report | None = None) -> PackagedImage:
    return package_image(Fetched(URL, data, "application/octet-stream"),
                         report if report is not None else Report(), "ch01")


def refused(data: bytes) -> ImageRefused:
    with pytest.raises(ImageRefused) as caught:
        package(data)
    return caught.value


# ------------------------------------------------------------------------------- raster


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def picture(mode: str = "RGB", size: tuple[int, int] = (6, 4)) -> Image.Image:
    image = Image.linear_gradient("L").resize(size).convert(mode)
    image.putpixel((0, 0), 0 if mode in ("1", "L", "P") else (200, 10, 10, 255)[:len(mode)])
    return image


def with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif.get_ifd(0x8825)[2] = (48.0, 51.0, 24.0)  # GPSLatitude
    return exif


def png_chunks(data: bytes) -> list[bytes]:
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        chunks.append(data[offset + 4:offset + 8])
        offset += 12 + length
    return chunks


def jpeg_markers(data: bytes) -> list[int]:
    """The markers before the image data (SOS ends the header)."""
    markers, offset = [], 2
    while data[offset] == 0xFF and data[offset + 1] != 0xDA:
        markers.append(data[offset + 1])
        offset += 2 + int.from_bytes(data[offset + 2:offset + 4], "big")
    return markers


def test_png_loses_its_exif_and_gps_position() -> None:
    report = Report()
    out = package(encoded(picture(), "PNG", exif=with_gps()), report)
    assert out.media_type == "image/png"
    assert set(png_chunks(out.data)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
    (line,) = report.diagnostics
    assert (line.code, line.severity) == ("image-converted", "info")
    assert "EXIF with a GPS position" in line.message


def test_jpeg_is_turned_upright_and_loses_its_metadata() -> None:
    source = encoded(picture(size=(6, 4)), "JPEG", exif=with_gps(orientation=6), quality=80,
                     comment=b"shot at home", icc_profile=ImageCms.ImageCmsProfile(
                         ImageCms.createProfile("sRGB")).tobytes())
    report = Report()
    out = package(source, report)
    assert out.media_type == "image/jpeg"
    assert Image.open(io.BytesIO(out.data)).size == (4, 6)  # EXIF orientation 6: turned 90°
    assert set(jpeg_markers(out.data)) <= {0xE0, 0xDB, 0xC0, 0xC4}  # JFIF, tables, frame
    (line,) = report.diagnostics
    for said in ("EXIF with a GPS position", "a comment", "sRGB ICC profile", "upright"):
        assert said in line.message


def test_jpeg_keeps_its_own_quantisation_tables() -> None:
    source = encoded(picture(size=(64, 48)), "JPEG", quality=60)
    out = Image.open(io.BytesIO(package(source).data))
    assert out.quantization == Image.open(io.BytesIO(source)).quantization


def test_a_jpeg_with_nothing_to_remove_is_reencoded_without_a_diagnostic() -> None:
    report = Report()
    assert package(encoded(picture("L", (16, 16)), "JPEG"), report).media_type == "image/jpeg"
    assert report.diagnostics == []


def test_lossy_webp_says_its_new_quality() -> None:
    report = Report()
    assert package(encoded(picture(), "WEBP", quality=70), report).media_type == "image/webp"
    assert report.diagnostics[0].message == f"{URL}: WebP → WebP: re-encoded at quality 90"


def test_a_jpeg_whose_tables_pillow_cannot_write_back_is_encoded_at_quality_90() -> None:
    """Regression (found by mutating files): a JPEG whose only table is number 1."""
    data = bytearray(encoded(picture("L", (8, 8)), "JPEG"))
    data[data.index(b"\xff\xdb") + 4] = 1  # DQT: the table is number 1
    data[data.index(b"\xff\xc0") + 12] = 1  # SOF: the component uses table 1
    report = Report()
    assert package(bytes(data), report).media_type == "image/jpeg"
    assert report.diagnostics[0].message == f"{URL}: JPEG → JPEG: encoded at quality 90"


def test_a_malformed_exif_is_dropped_and_its_orientation_still_applied() -> None:
    def entry(tag: int, kind: int, count: int, value: bytes) -> bytes:
        return struct.pack(">HHI", tag, kind, count) + value
    ifd = (struct.pack(">H", 2) + entry(0x0112, 3, 1, struct.pack(">HH", 8, 0))
           + entry(0x0131, 2, 40, struct.pack(">I", 4096)) + bytes(4))  # text past the end
    exif = b"Exif\0\0MM\0*" + struct.pack(">I", 8) + ifd
    jpeg = encoded(picture(size=(6, 4)), "JPEG")
    data = jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + jpeg[2:]
    report = Report()
    out = package(data, report)
    assert Image.open(io.BytesIO(out.data)).size == (4, 6)
    assert 0xE1 not in jpeg_markers(out.data)
    assert "removed EXIF" in report.diagnostics[0].message


def test_cmyk_jpeg_becomes_rgb() -> None:
    out = package(encoded(picture("CMYK"), "JPEG"))
    assert Image.open(io.BytesIO(out.data)).mode == "RGB"


@pytest.mark.parametrize("fmt, options", [
    ("BMP", {}), ("TIFF", {"compression": "tiff_lzw"}), ("ICO", {"sizes": [(6, 6)]}),
])
def test_formats_epub_does_not_allow_become_png(fmt: str, options: dict[str, object]) -> None:
    report = Report()
    out = package(encoded(picture(size=(6, 6)), fmt, **options), report)
    assert out.media_type == "image/png"
    assert Image.open(io.BytesIO(out.data)).format == "PNG"
    (line,) = report.diagnostics
    assert line.code == "image-converted" and f"{fmt} → PNG" in line.message


@pytest.mark.skipif(not features.check("avif"), reason="Pillow built without AVIF")
def test_avif_without_transparency_becomes_jpeg() -> None:
    report = Report()
    assert package(encoded(picture(), "AVIF"), report).media_type == "image/jpeg"
    assert "AVIF → JPEG: encoded at quality 90" in report.diagnostics[0].message


def test_animated_gif_becomes_its_first_frame_as_png() -> None:
    frames = [Image.new("P", (4, 4), colour) for colour in (1, 2, 3)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255])
    source = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=50)
    report = Report()
    out = Image.open(io.BytesIO(package(source, report).data))
    assert (out.format, out.convert("RGB").getpixel((0, 0))) == ("PNG", (255, 0, 0))
    assert not getattr(out, "is_animated", False)
    assert "GIF → PNG" in report.diagnostics[0].message
    assert "first frame" in report.diagnostics[0].message


def test_lossless_webp_stays_lossless_webp() -> None:
    source = encoded(picture("RGBA"), "WEBP", lossless=True)
    out = package(source)
    assert out.media_type == "image/webp"
    assert Image.open(io.BytesIO(out.data)).tobytes() == Image.open(io.BytesIO(source)).tobytes()


def test_a_bare_png_is_reencoded_without_a_diagnostic() -> None:
    report = Report()
    out = package(encoded(picture("P"), "PNG"), report)
    assert out.media_type == "image/png" and not report.diagnostics


@pytest.mark.parametrize("fmt, mode, options", [
    ("PNG", "RGBA", {}), ("JPEG", "RGB", {"exif": with_gps()}), ("GIF", "P", {}),
    ("WEBP", "RGB", {"quality": 70}), ("TIFF", "RGB", {}),
])
def test_reencoding_is_deterministic(fmt: str, mode: str, options: dict[str, object]) -> None:
    source = encoded(picture(mode, (32, 24)), fmt, **options)
    assert package(source).data == package(source).data


def png_claiming(width: int, height: int) -> bytes:
    """A valid PNG header claiming ``width``×``height``, with almost no pixel data."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("width, height, said", [
    (50_000, 50_000, "more than the 40 megapixels"),  # past Pillow's own bomb error
    (10_000, 10_000, "10000×10000 pixels is more than"),  # where Pillow only warns
    (7_000, 7_000, "7000×7000 pixels is more than the 40 megapixels"),  # past ours only
])
def test_decompression_bomb_is_refused_quickly(width: int, height: int, said: str) -> None:
    start = time.perf_counter()
    error = refused(png_claiming(width, height))
    assert time.perf_counter() - start < 1
    assert error.code == "input-limit" and said in str(error)


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 16,  # a signature and nothing
    encoded(picture(), "PNG")[:-30],  # truncated
    encoded(picture(), "PNG").replace(b"IDAT", b"IDAt"),  # a broken chunk
    encoded(picture(), "JPEG")[:40],
    b"GIF89a\x01\x00",
    b"\x00\x01\x02 not an image at all",
])
def test_corrupt_or_unknown_bytes_are_refused(data: bytes) -> None:
    error = refused(data)
    assert error.code == "fetch-refused" and str(error).startswith(f"{URL}: not packaged: ")


def rgb_profile(name: str, red: tuple[float, float, float], green: tuple[float, float, float],
                blue: tuple[float, float, float]) -> bytes:
    """A minimal ICC v2 display profile: linear curves, the primaries given (D50 XYZ)."""
    def s15(x: float) -> bytes:
        return struct.pack(">i", round(x * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + bytes(4) + s15(x) + s15(y) + s15(z)

    desc = name.encode() + b"\0"
    linear = b"curv" + bytes(8)
    tags = {b"desc": b"desc" + bytes(4) + struct.pack(">I", len(desc)) + desc + bytes(78),
            b"cprt": b"text" + bytes(4) + b"none\0", b"wtpt": xyz(0.9642, 1.0, 0.8249),
            b"rXYZ": xyz(*red), b"gXYZ": xyz(*green), b"bXYZ": xyz(*blue),
            b"rTRC": linear, b"gTRC": linear, b"bTRC": linear}
    table, body, start = b"", b"", 128 + 4 + 12 * len(tags)
    for signature, data in tags.items():
        data += bytes(-len(data) % 4)
        table += signature + struct.pack(">II", start + len(body), len(data))
        body += data
    header = (struct.pack(">I", start + len(body)) + b"lcms" + bytes([2, 0x10, 0, 0])
              + b"mntrRGB XYZ " + bytes(12) + b"acsp" + bytes(28)
              + s15(0.9642) + s15(1.0) + s15(0.8249) + bytes(48))
    return header + struct.pack(">I", len(tags)) + table + body


SRGB_RED, SRGB_GREEN, SRGB_BLUE = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (
    0.1431, 0.0606, 0.7141)


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_pixels_are_converted_to_srgb_through_their_icc_profile(mode: str) -> None:
    """A profile whose red is sRGB's green: a red pixel in it is green in sRGB."""
    profile = rgb_profile("Swapped", SRGB_GREEN, SRGB_RED, SRGB_BLUE)
    source = encoded(Image.new(mode, (2, 2), (255, 0, 0, 255)[:len(mode)]), "PNG",
                     icc_profile=profile)
    report = Report()
    out = package(source, report)
    assert b"iCCP" not in png_chunks(out.data)
    assert Image.open(io.BytesIO(out.data)).getpixel((0, 0))[:3] == (0, 255, 0)
    assert "sRGB from its ICC profile (Swapped)" in report.diagnostics[0].message


def test_an_unreadable_icc_profile_is_dropped_and_said() -> None:
    report = Report()
    out = package(encoded(picture(), "PNG", icc_profile=b"not a profile"), report)
    assert b"iCCP" not in png_chunks(out.data)
    assert "ICC profile that cannot be read" in report.diagnostics[0].message


# ---------------------------------------------------------------------------------- SVG


def svg(body: str, root: str = "", prolog: str = "") -> bytes:
    return (f'{prolog}<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" {root}>'
            f"{body}</svg>").encode()


def sanitised(data: bytes, report: Report | None = None) -> etree._Element:
    out = package(data, report)
    assert out.media_type == "image/svg+xml"
    assert out.data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    root = etree.fromstring(out.data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


HOSTILE = [
    ('<script>alert(1)</script>', "", "//s:script"),
    ("", 'onload="alert(1)"', "//@*[starts-with(local-name(), 'on')]"),
    ('<rect width="1" height="1" onclick="x()"/>', "", "//@onclick"),
    ('<a xlink:href="javascript:alert(1)"><text>t</text></a>', "", "//s:a"),
    ('<a href="https://evil.example/"><text>t</text></a>', "", "//s:a"),
    ('<image href="https://evil.example/x.png" width="1" height="1"/>', "", "//s:image"),
    ('<image xlink:href="file:///etc/passwd" width="1" height="1"/>', "", "//s:image"),
    ('<use href="https://evil.example/s.svg#a"/>', "", "//s:use"),
    ('<use xlink:href="other.svg#a"/>', "", "//s:use"),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>', "",
     "//s:foreignObject | //*[namespace-uri() != 'http://www.w3.org/2000/svg']"),
    ('<style>@import url(http://x.example/a.css); rect{fill:red}</style>', "",
     "//s:style[contains(., 'import') or contains(., 'x.example')]"),
    ('<style>rect{fill:u\\72l(https://x.example/p)}</style>', "",
     "//s:style[contains(., 'x.example')]"),
    ('<rect width="1" height="1" style="fill:url(https://x.example/p)"/>', "",
     "//@style[contains(., 'x.example')]"),
    ('<rect width="1" height="1" fill="url(https://x.example/p#g)"/>', "", "//@fill"),
    ('<set attributeName="href" to="javascript:alert(1)"/><animate attributeName="x"/>', "",
     "//s:set | //s:animate"),
    ('<?xml-stylesheet href="https://x.example/a.css"?><g/>', "", "//processing-instruction()"),
    ('<linearGradient id="g" xlink:href="https://x.example/g.svg#h"/>', "", "//@xlink:href"),
    ('<image href="data:image/svg+xml;base64,PHN2Zy8+" width="1" height="1"/>', "",
     "//s:image"),
]


@pytest.mark.parametrize("body, root, leftover", HOSTILE)
def test_hostile_svg_content_is_removed_and_reported(body: str, root: str,
                                                     leftover: str) -> None:
    report = Report()
    tree = sanitised(svg(body, root), report)
    assert tree.xpath(leftover, namespaces=NS) == []
    assert [(d.code, d.severity) for d in report.diagnostics] == [("svg-sanitised", "warning")]


def test_links_are_unwrapped_keeping_their_text() -> None:
    tree = sanitised(svg('<text>see <a href="https://x.example/">the <tspan>site</tspan></a>.'
                         "</text>"))
    assert "".join(tree.itertext()) == "see the site."
    assert tree.xpath("//s:text/s:tspan", namespaces=NS)


BENIGN = svg(
    '<title>A chart</title><desc>Doses by week</desc>'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
    '<clipPath id="c"><rect width="5" height="5"/></clipPath>'
    '<filter id="f"><feGaussianBlur stdDeviation="1"/></filter>'
    '<symbol id="s"><circle r="1"/></symbol></defs>'
    '<style>.a{fill:url(#g)} .b{stroke:#000;stroke-width:.5}</style>'
    '<g class="a" transform="rotate(45 5 5)" clip-path="url(#c)" filter="url(#f)">'
    '<path d="M0 0L10 10" style="stroke: red; fill: none"/><use href="#s" x="2"/>'
    '<text x="1" y="9" font-family="sans-serif">Week <tspan dy="1">1</tspan></text></g>',
    root='role="img" aria-label="A chart"')


def test_benign_svg_keeps_every_element_and_attribute_without_a_diagnostic() -> None:
    report = Report()
    tree = sanitised(BENIGN, report)
    original = etree.fromstring(BENIGN)
    assert [(e.tag, dict(e.attrib), e.text) for e in tree.iter()] == [
        (e.tag, dict(e.attrib), e.text) for e in original.iter()]
    assert report.diagnostics == []


def test_editor_metadata_is_removed_as_info() -> None:
    report = Report()
    tree = sanitised(svg('<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
                         'syntax-ns#"/></metadata><sodipodi:namedview/><g inkscape:label="L1"/>',
                         'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
                         'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"'),
                     report)
    assert tree.xpath("//s:metadata | //@*[contains(name(), 'label')]", namespaces=NS) == []
    assert "inkscape" not in etree.tostring(tree).decode()
    (line,) = report.diagnostics
    assert (line.code, line.severity) == ("svg-sanitised", "info")
    assert "inkscape:label= ×1" in line.message


def test_embedded_png_is_reencoded_without_its_exif() -> None:
    import base64

    data = base64.b64encode(encoded(picture(), "PNG", exif=with_gps())).decode()
    report = Report()
    tree = sanitised(svg(f'<image href="data:image/png;base64,{data}" width="6" height="4"/>'),
                     report)
    (href,) = tree.xpath("//s:image/@href", namespaces=NS)
    kept = base64.b64decode(href.removeprefix("data:image/png;base64,"))
    assert b"eXIf" not in png_chunks(kept)
    assert [d.code for d in report.diagnostics] == ["image-converted"]


LAUGHS = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "lol"}">' for n in range(10))


@pytest.mark.parametrize("prolog, code", [
    (f"<!DOCTYPE svg [{LAUGHS}]>", "input-limit"),  # "billion laughs": libxml2's limit
    ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "fetch-refused"),
    ('<!DOCTYPE svg [<!ENTITY % p SYSTEM "https://x.example/p.dtd"> %p;]>', "fetch-refused"),
])
def test_entities_from_files_or_past_the_amplification_limit_are_refused(prolog: str,
                                                                           code: str) -> None:
    error = refused(svg("<text>&l9;</text>" if "l9" in prolog else "<g/>", prolog=prolog))
    assert error.code == code


def test_entities_the_svg_declares_itself_are_expanded_and_the_doctype_dropped() -> None:
    data = (b'<!DOCTYPE svg [<!ENTITY ns_svg "http://www.w3.org/2000/svg">'
            b'<!ENTITY c "red">]><svg xmlns="&ns_svg;"><rect fill="&c;"/><text>&c;</text></svg>')
    out = package(data).data
    assert b"DOCTYPE" not in out and b"ENTITY" not in out and b"&" not in out
    tree = etree.fromstring(out)
    assert tree.xpath("string(//s:rect/@fill)", namespaces=NS) == "red"


def test_an_external_doctype_is_dropped() -> None:
    prolog = ('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
              '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">')
    assert b"DOCTYPE" not in package(svg("<g/>", prolog=prolog)).data


@pytest.mark.parametrize("data", [
    b"<svg",  # not well-formed
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&nbsp;</text></svg>',  # undeclared entity
    b"<svg><rect/></svg>",  # no SVG namespace: no reader draws it
    b"<html><body>a page</body></html>",
])
def test_what_is_not_a_well_formed_svg_is_refused(data: bytes) -> None:
    assert refused(data).code == "fetch-refused"


def use_bomb(levels: int) -> bytes:
    """``levels`` groups, each repeating the one before ten times: 10**levels elements."""
    groups = ['<g id="g0"><rect width="1" height="1"/></g>'] + [
        f'<g id="g{n}">' + f'<use href="#g{n - 1}"/>' * 10 + "</g>" for n in range(1, levels)]
    return svg("<defs>" + "".join(groups) + f'</defs><use href="#g{levels - 1}"/>')


def test_nested_use_that_draws_too_much_is_refused_quickly() -> None:
    start = time.perf_counter()
    error = refused(use_bomb(9))
    assert time.perf_counter() - start < 1
    assert error.code == "input-limit" and f"{MAX_SVG_ELEMENTS:,}" in str(error)


def test_nested_use_within_the_limit_is_kept() -> None:
    assert len(sanitised(use_bomb(3)).xpath("//s:use", namespaces=NS)) == 21


def test_use_that_repeats_its_ancestor_is_removed() -> None:
    report = Report()
    tree = sanitised(svg('<g id="a"><rect width="1" height="1"/><use href="#a"/></g>'), report)
    assert tree.xpath("//s:use", namespaces=NS) == []
    assert "<use> that repeats itself ×1" in report.diagnostics[0].message


# ------------------------------------------------------------------------- through the book

HOSTILE_SVG = svg(
    '<script>alert(1)</script><style>@import url(http://x.example/a.css);</style>'
    '<a xlink:href="javascript:alert(2)"><text>&c;</text></a>'
    '<image href="https://evil.example/x.png" width="1" height="1"/>'
    '<use href="https://evil.example/s.svg#x"/>'
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>',
    root='onload="alert(3)"', prolog='<!DOCTYPE svg [<!ENTITY c "text">]>')


def test_hostile_svg_reaches_the_epub_sanitised(tmp_path: Path) -> None:
    post = {"title": {"rendered": "Pictures"}, "slug": "pictures",
            "link": "https://example.org/p/", "date_gmt": "2026-01-01T00:00:00",
            "content": {"rendered": '<p>Intro.</p><figure><img src="https://example.org/a.svg"'
                                    ' alt="A chart"/></figure>'}}
    (tmp_path / "post.json").write_text(json.dumps(post), encoding="utf-8")
    report = Report()
    result = build([tmp_path / "post.json"], output_dir=tmp_path / "out", report=report,
                   fetcher=MemoryFetcher({"https://example.org/a.svg": HOSTILE_SVG}))
    epub = EpubFile(result.outputs[0])
    (name,) = [n for n in epub.zip.namelist() if n.endswith(".svg")]
    data = epub.zip.read(name)
    tree = etree.fromstring(data)
    assert tree.xpath("//s:script | //s:foreignObject | //s:image | //s:use | //s:a | //@onload",
                      namespaces=NS) == []
    for gone in (b"DOCTYPE", b"ENTITY", b"javascript", b"evil", b"x.example", b"xhtml"):
        assert gone not in data
    assert "".join(tree.itertext()) == "text"  # the link's text stays
    assert epub.opf("//opf:item[@media-type='image/svg+xml']/@href") == [
        name.removeprefix(epub.root)]
    assert report.count("svg-sanitised") == 1


def book_with(*sources: str) -> Book:
    figures = tuple(Figure(ImageNode(src, f"Picture {n}")) for n, src in enumerate(sources))
    article = Article(title="A", slug="a", blocks=(Paragraph((Text("Body."),)), *figures),
                      source=Source("wordpress-rest", "a.json", url="https://example.org/a/"))
    return Book(BookMeta("Book", "en", "urn:x"), (article,))


def test_the_same_picture_at_two_addresses_is_one_file() -> None:
    data = encoded(picture(), "PNG")
    fetcher = MemoryFetcher({"https://example.org/1.png": data, "https://example.org/2.png":
                             encoded(picture(), "PNG", exif=with_gps())})
    report = Report()
    edition = assemble(book_with("https://example.org/1.png", "https://example.org/2.png"),
                       BookText("en", report), report, fetcher)
    assert len(edition.assets) == 1
    srcs = {b.image.src for c in edition.chapters for b in iter_blocks(c.blocks)
            if isinstance(b, Figure)}
    assert srcs == {edition.assets[0].name}


def test_a_refused_image_becomes_its_alt_text_with_the_limit_reported() -> None:
    report = Report()
    url = "https://example.org/bomb.png"
    edition = assemble(book_with(url), BookText("en", report), report,
                       MemoryFetcher({url: png_claiming(50_000, 50_000)}))
    assert not edition.assets
    assert not [b for c in edition.chapters for b in iter_blocks(c.blocks)
                if isinstance(b, Figure)]
    assert [d.code for d in report.diagnostics if d.code != "no-author"] == ["input-limit"]


def test_packaged_files_carry_no_zip_duplicates(tmp_path: Path) -> None:
    """Regression: two addresses with one picture wrote one zip member twice."""
    post = {"title": {"rendered": "P"}, "slug": "p", "link": "https://example.org/p/",
            "date_gmt": "2026-01-01T00:00:00",
            "content": {"rendered": '<p>I.</p><img src="https://example.org/1.png" alt="a"/>'
                                    '<img src="https://example.org/2.png" alt="b"/>'}}
    (tmp_path / "post.json").write_text(json.dumps(post), encoding="utf-8")
    data = encoded(picture(), "PNG")
    out = build([tmp_path / "post.json"], output_dir=tmp_path / "out",
                fetcher=MemoryFetcher({"https://example.org/1.png": data,
                                       "https://example.org/2.png": data})).outputs[0]
    names = zipfile.ZipFile(out).namelist()
    assert len(names) == len(set(names))
