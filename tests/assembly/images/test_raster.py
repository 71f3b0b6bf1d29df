"""Raster images are decoded and re-encoded from their pixels alone, or refused."""

from __future__ import annotations

import io
import struct
import time

import pytest
from PIL import Image, ImageCms, features
from PIL.JpegImagePlugin import JpegImageFile

from peptidebook.diagnostics import Report

from .helpers import URL, encoded, package, picture, png_chunks, png_claiming, refused, with_gps


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
    original = Image.open(io.BytesIO(source))
    assert isinstance(out, JpegImageFile) and isinstance(original, JpegImageFile)
    assert out.quantization == original.quantization


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


@pytest.mark.parametrize(("fmt", "options"), [
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


@pytest.mark.parametrize(("fmt", "mode", "options"), [
    ("PNG", "RGBA", {}), ("JPEG", "RGB", {"exif": with_gps()}), ("GIF", "P", {}),
    ("WEBP", "RGB", {"quality": 70}), ("TIFF", "RGB", {}),
])
def test_reencoding_is_deterministic(fmt: str, mode: str, options: dict[str, object]) -> None:
    source = encoded(picture(mode, (32, 24)), fmt, **options)
    assert package(source).data == package(source).data


@pytest.mark.parametrize(("width", "height", "said"), [
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
        padded = data + bytes(-len(data) % 4)
        table += signature + struct.pack(">II", start + len(body), len(padded))
        body += padded
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
    pixel = Image.open(io.BytesIO(out.data)).getpixel((0, 0))
    assert isinstance(pixel, tuple) and pixel[:3] == (0, 255, 0)
    assert "sRGB from its ICC profile (Swapped)" in report.diagnostics[0].message


def test_an_unreadable_icc_profile_is_dropped_and_said() -> None:
    report = Report()
    out = package(encoded(picture(), "PNG", icc_profile=b"not a profile"), report)
    assert b"iCCP" not in png_chunks(out.data)
    assert "ICC profile that cannot be read" in report.diagnostics[0].message
