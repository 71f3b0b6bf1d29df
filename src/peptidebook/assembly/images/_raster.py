"""Step 3 - Assembly: re-encode a raster image from its pixels alone (:mod:`..images` says
what is kept and what goes), or refuse it."""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageCms, JpegImagePlugin, UnidentifiedImageError

from ._common import ImageRefused, shown

__all__ = ["MAX_PIXELS", "MEDIA_TYPES", "reencode"]

#: The most pixels an image (or all the images embedded in one SVG) may have: 40 megapixels,
#: more than a full-frame camera's 36 (WordPress scales uploads down to 2560 px, 6.6 MP). Measured
#: at 40 MP: a JPEG re-encodes in 1.5 s and a PNG in 1 s, peaking at 390 MB of memory. Pillow's
#: own bomb check only warns from 89 MP and refuses from 179 MP.
MAX_PIXELS = 40_000_000

#: The Pillow decoders tried, by Pillow format name: the web's image formats. Not EPS (Pillow runs
#: Ghostscript for it), nor the dozens of other formats Pillow reads and no web page serves.
DECODERS = ("PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF", "ICO", "AVIF")
#: What Pillow raises for a file it cannot decode: its fuzzers' list (Tests/oss-fuzz/
#: test_fuzzers.py: OSError incl. UnidentifiedImageError, SyntaxError, ValueError,
#: NotImplementedError, OverflowError), what ImageFile turns into SyntaxError while opening
#: (IndexError, TypeError, KeyError, EOFError, struct.error: they can surface later, as they
#: did here on 20,000 mutated files) and RuntimeError (libavif).
UNDECODABLE: tuple[type[Exception], ...] = (
    OSError, SyntaxError, ValueError, NotImplementedError, OverflowError, RuntimeError,
    IndexError, TypeError, KeyError, EOFError, struct.error)

#: How to turn an image upright for each EXIF orientation (as ``ImageOps.exif_transpose``).
ORIENTATIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90,
}
#: What ImageCms raises for an ICC profile it cannot read or apply.
UNREADABLE_PROFILE: tuple[type[Exception], ...] = (ImageCms.PyCMSError, *UNDECODABLE)

# EPUB 3.3 §3.2 core media types for images: GIF, JPEG, PNG, SVG, WebP.
MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
#: Format names as readers know them (Pillow calls a JPEG with a Multi-Picture index ``MPO``).
FORMAT_NAMES = {"JPEG": "JPEG", "MPO": "JPEG", "WEBP": "WebP"}
#: What keeping only the first frame means, by Pillow format (an MPO is a camera's JPEG with a
#: depth map or preview after it; a TIFF may hold pages).
FIRST_FRAME = {
    "GIF": "kept the first frame of the animation (a book does not animate: WCAG 2.2.2, 2.3.1)",
    "MPO": "kept its main picture (an MPO holds more)",
    "TIFF": "kept its first page",
}
JPEG_QUALITY = 90
WEBP_QUALITY = 90
#: Pillow modes each encoder writes as they are; others are converted (16-bit PNG stays 16-bit).
PNG_MODES = frozenset({"1", "L", "LA", "P", "RGB", "RGBA", "I;16", "I;16B"})
JPEG_MODES = frozenset({"L", "RGB"})
WEBP_MODES = frozenset({"RGB", "RGBA"})


@dataclass
class _Raster:
    data: bytes
    source: str  # the format fetched, as readers name it ("JPEG", "WebP")
    target: str  # the format packaged: "PNG", "JPEG" or "WebP"
    pixels: int
    changes: list[str]

    @property
    def summary(self) -> str:
        """``GIF → PNG: kept the first frame …``: what became of the image."""
        return f"{self.source} → {self.target}" + (
            ": " + "; ".join(self.changes) if self.changes else "")


def reencode(data: bytes, what: str, max_pixels: int, served_as: str | None = None) -> _Raster:
    """Decode ``data`` (its first frame, at most ``max_pixels``) and encode its pixels alone."""
    changes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        image, animated = _decode(data, what, max_pixels, served_as)
        with image:
            source = FORMAT_NAMES.get(image.format or "", image.format or "?")
            tables = _jpeg_tables(image) if source == "JPEG" else None
            removed = _metadata(image)
            if animated:
                changes.append(FIRST_FRAME.get(image.format or "", FIRST_FRAME["GIF"]))
            picture = _upright(image, changes)
            picture = _in_srgb(picture, removed, changes)
            target, encoded = _encode(picture, source, what, tables=tables,
                                      lossless_webp=_webp_is_lossless(data), changes=changes)
            pixels = picture.width * picture.height
    if removed:
        changes.insert(0, "removed " + ", ".join(removed))
    # Pillow's warnings ("Corrupt EXIF data", …) concern what was dropped; say them all the same.
    changes += sorted({f"Pillow: {w.message}" for w in caught
                       if not issubclass(w.category, Image.DecompressionBombWarning)})
    return _Raster(encoded, source, target, pixels, changes)


def _decode(data: bytes, what: str, max_pixels: int,
            served_as: str | None) -> tuple[Image.Image, bool]:
    """The first frame of ``data``, loaded, and whether it is an animation;
    :class:`ImageRefused` unless one of :data:`DECODERS` decodes it within ``max_pixels``."""
    Image.init()
    decoders = [name for name in DECODERS if name in Image.OPEN]
    limit = (f"the {MAX_PIXELS // 1_000_000} megapixels an image may have"
             if max_pixels == MAX_PIXELS else f"the {MAX_PIXELS // 1_000_000} megapixels the "
             "images embedded in one SVG may have together")
    try:
        with Image.open(io.BytesIO(data), formats=decoders) as probe:
            _check_size(probe.size, what, max_pixels, limit)
            probe.verify()  # PNG: every chunk's CRC
        image = Image.open(io.BytesIO(data), formats=decoders)
        _check_size(image.size, what, max_pixels, limit)
        animated = bool(getattr(image, "is_animated", False))
        image.seek(0)
        image.load()
    except Image.DecompressionBombError:  # past twice Pillow's MAX_IMAGE_PIXELS: size unsaid
        raise ImageRefused(f"{what}: not packaged: more than {limit}", "input-limit") from None
    except UnidentifiedImageError:
        served = f" (served as {served_as})" if served_as else ""
        raise ImageRefused(f"{what}: not packaged: not an image a book can hold{served}"
                           ) from None
    except UNDECODABLE as error:
        raise ImageRefused(f"{what}: not packaged: the image cannot be decoded "
                           f"({shown(str(error), 100)})") from None
    return image, animated


def _check_size(size: tuple[int, int], what: str, max_pixels: int, limit: str) -> None:
    width, height = size
    if width * height > max_pixels:
        raise ImageRefused(f"{what}: not packaged: {width}×{height} pixels is more than {limit}",
                           "input-limit")


def _metadata(image: Image.Image) -> list[str]:
    """What of ``image``'s metadata the packaged file will not carry, named for the report."""
    info = image.info
    found = []
    if info.get("exif"):
        try:
            gps = bool(image.getexif().get_ifd(0x8825))  # EXIF 2.3 §4.6.6 GPS IFD pointer
        except UNDECODABLE:
            gps = False
        found.append("EXIF with a GPS position" if gps else "EXIF")
    if info.get("xmp") or info.get("XML:com.adobe.xmp"):
        found.append("XMP")
    if info.get("photoshop"):
        found.append("IPTC")
    if info.get("comment"):
        found.append("a comment")
    text = getattr(image, "text", None) if image.format == "PNG" else None
    if text:
        found.append("text (" + shown(", ".join(sorted(text))) + ")")
    return found


def _upright(image: Image.Image, changes: list[str]) -> Image.Image:
    """``image`` turned as its EXIF orientation says (EXIF 2.3 §4.6.4 tag 274). Not with
    ``ImageOps.exif_transpose``: it writes the EXIF back, and raises on a malformed one."""
    try:
        orientation = image.getexif().get(0x0112, 1)
    except UNDECODABLE:
        return image
    if orientation not in ORIENTATIONS:
        return image
    changes.append(f"turned upright (EXIF orientation {orientation})")
    return image.transpose(ORIENTATIONS[orientation])


def _in_srgb(image: Image.Image, removed: list[str], changes: list[str]) -> Image.Image:
    """``image`` in sRGB, its ICC profile applied and dropped. A reading system may ignore a
    profile (and print through WeasyPrint does): a Display P3 or Adobe RGB photo would look
    washed out; converted, it looks the same everywhere and carries no profile (a profile is
    also one more parser a hostile file can aim at)."""
    icc = image.info.get("icc_profile")
    if image.mode in ("CMYK", "YCbCr", "LAB", "HSV") and not icc:
        changes.append(f"converted from {image.mode} to RGB")
        return image.convert("RGB")
    if not icc:
        return image
    if image.mode not in ("RGB", "RGBA", "CMYK"):
        removed.append("an ICC profile")
        return image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        name = (ImageCms.getProfileDescription(profile) or "").strip()
        if "srgb" in name.lower().replace(" ", "") and image.mode != "CMYK":
            removed.append("an sRGB ICC profile")
            return image
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(image, profile, ImageCms.createProfile("sRGB"),
                                              outputMode=mode)
    except UNREADABLE_PROFILE as error:
        removed.append(f"an ICC profile that cannot be read ({shown(str(error))})")
        return image.convert("RGB") if image.mode == "CMYK" else image
    assert converted is not None
    changes.append(f"colours converted to sRGB from its ICC profile ({shown(name) or 'unnamed'})")
    return converted


def _encode(image: Image.Image, source: str, what: str, *, tables: dict[str, object] | None,
            lossless_webp: bool, changes: list[str]) -> tuple[str, bytes]:
    """The packaged format and bytes: the pixels alone, nothing of ``image.info`` but
    transparency. JPEG stays JPEG (its own quantisation ``tables`` when it keeps its mode), WebP
    stays WebP (lossless if it was), AVIF without transparency becomes JPEG; the rest, lossless
    or palette formats, becomes PNG."""
    alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if source == "JPEG" or (source == "AVIF" and not alpha):
        target = "JPEG"
    elif source == "WebP":
        target = "WebP"
    else:
        target = "PNG"
    if image.mode == "I" and _fits_16_bits(image):
        image = image.convert("I;16")  # a 16-bit TIFF: PNG keeps all 16 bits
    modes = {"PNG": PNG_MODES, "JPEG": JPEG_MODES, "WebP": WEBP_MODES}[target]
    if image.mode in ("I", "F"):
        raise ImageRefused(f"{what}: not packaged: its pixels are 32-bit numbers "
                           f"(mode {image.mode}), which no reading system shows")
    if image.mode not in modes:
        wanted = "RGBA" if alpha and target != "JPEG" else "L" if image.mode == "1" else "RGB"
        changes.append(f"converted from {image.mode} to {wanted}")
        image = image.convert(wanted)
        tables = None
    # The encoders write what image.info holds (PNG: the ICC profile; JPEG: the comment).
    image.info = {key: value for key, value in image.info.items() if key == "transparency"}
    out = io.BytesIO()
    try:
        if target == "JPEG":
            image.save(out, "JPEG", optimize=True, **(tables or {"quality": JPEG_QUALITY}))
        elif target == "WebP" and lossless_webp:
            image.save(out, "WEBP", lossless=True, exact=True)
        elif target == "WebP":
            image.save(out, "WEBP", quality=WEBP_QUALITY)
        else:
            image.save(out, "PNG", optimize=True)
    except UNDECODABLE as error:
        raise ImageRefused(f"{what}: not packaged: the image cannot be re-encoded as {target} "
                           f"({shown(str(error))})") from None
    # A JPEG re-encoded with its own tables is not reported: measured on photos saved at
    # quality 60, 85 and 95, the pixels stay identical or within 62 dB PSNR (at quality 90
    # they would drift to 35-51 dB). Where a quality had to be chosen, it is said.
    if target == "JPEG" and not tables:
        changes.append(f"encoded at quality {JPEG_QUALITY}")
    elif target == "WebP" and not lossless_webp:
        changes.append(f"re-encoded at quality {WEBP_QUALITY}")
    return target, out.getvalue()


def _fits_16_bits(image: Image.Image) -> bool:
    low, high = image.getextrema()
    return isinstance(low, int) and isinstance(high, int) and low >= 0 and high <= 0xFFFF


def _jpeg_tables(image: Image.Image) -> dict[str, object] | None:
    """A JPEG's own quantisation tables and chroma subsampling, so that re-encoding neither
    degrades a fine JPEG (as a fixed quality below its own would) nor inflates a coarse one (as
    one above would)."""
    tables = getattr(image, "quantization", None)
    if (not tables or image.mode not in JPEG_MODES or set(tables) != set(range(len(tables)))
            or len(tables) > 2 or any(len(table) != 64 for table in tables.values())):
        return None  # CMYK (converted to RGB), or odd tables: encoded at JPEG_QUALITY
    sampling = JpegImagePlugin.get_sampling(image)
    return {"qtables": tables, "subsampling": sampling} if sampling >= 0 else {"qtables": tables}


def _webp_is_lossless(data: bytes) -> bool:
    """Whether a WebP's (first) image is VP8L, lossless (RFC 9649 §2.5, §2.7)."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return False
    for fourcc, start, end in _riff_chunks(data, 12, len(data)):
        if fourcc == b"ANMF":  # an animation frame: 16 bytes of frame header, then chunks
            return any(c == b"VP8L" for c, _, _ in _riff_chunks(data, start + 16, end))
        if fourcc in (b"VP8 ", b"VP8L"):
            return fourcc == b"VP8L"
    return False


def _riff_chunks(data: bytes, offset: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """``(fourcc, payload start, payload end)`` of the RIFF chunks from ``offset`` to ``end``."""
    while offset + 8 <= end:
        size = int.from_bytes(data[offset + 4:offset + 8], "little")
        yield data[offset:offset + 4], offset + 8, min(offset + 8 + size, end)
        offset += 8 + size + (size & 1)
