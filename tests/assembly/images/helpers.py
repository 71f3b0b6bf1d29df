"""What the image tests share: packaging bytes as if fetched, and making images and SVGs."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from peptidebook.assembly.images import ImageRefused, PackagedImage, package_image
from peptidebook.diagnostics import Report
from peptidebook.fetching import Fetched

URL = "https://example.org/picture"
NS = {"s": "http://www.w3.org/2000/svg", "xlink": "http://www.w3.org/1999/xlink"}


def package(data: bytes, report: Report | None = None) -> PackagedImage:
    return package_image(Fetched(URL, data, "application/octet-stream"),
                         report if report is not None else Report(), "ch01")


def refused(data: bytes) -> ImageRefused:
    with pytest.raises(ImageRefused) as caught:
        package(data)
    return caught.value


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


def png_claiming(width: int, height: int) -> bytes:
    """A valid PNG header claiming ``width``×``height``, with almost no pixel data."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b""))


def svg(body: str, root: str = "", prolog: str = "") -> bytes:
    return (f'{prolog}<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" {root}>'
            f"{body}</svg>").encode()
