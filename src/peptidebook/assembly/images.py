"""Step 3 - Assembly: make a fetched image safe to package, or refuse it.

:func:`package_image` is the only door from a fetched file to the book's ``images/`` folder:

* **Raster** images (PNG, JPEG, GIF, WebP, and BMP, TIFF, ICO, AVIF) are decoded with Pillow
  and re-encoded from their pixels alone, so nothing of the fetched file but its picture
  reaches the book: no EXIF (GPS position, camera), XMP, IPTC, comments or text chunks, no bytes
  after the image, no malformed chunk aimed at a reading system's decoder. The EXIF orientation
  is applied first; an ICC profile is applied (the pixels converted to sRGB) and dropped; an
  animation keeps its first frame. PNG stays PNG, JPEG stays JPEG (with its own quantisation
  tables), WebP stays WebP (WeasyPrint 70 draws it); GIF becomes PNG, and what EPUB does not
  allow becomes PNG (lossless sources) or JPEG (AVIF without transparency). At most
  :data:`MAX_PIXELS` pixels are decoded.
* **SVG** is parsed without entities from other files, DTDs or the network, and passed through
  an allowlist: graphics, structure, text, gradients, patterns, clip paths, masks, markers,
  filters; local ``#fragment`` references only; raster images only as ``data:`` URIs that pass
  the raster path; style sheets and ``style`` attributes keep only declarations whose ``url()``
  is local. Scripts, event handlers, ``foreignObject``, animations, links (unwrapped, their
  content kept), external references and ``@import`` are removed and counted; comments and the
  DOCTYPE go (entities the file declares itself are expanded first). At most
  :data:`MAX_SVG_ELEMENTS` elements are drawn, counting each ``<use>`` as what it repeats.

Re-encoding is deterministic (no timestamps, no randomness): the same fetched bytes give the
same packaged bytes, so a build with ``SOURCE_DATE_EPOCH`` is reproducible.

What is refused raises :class:`ImageRefused`, whose ``code`` is the diagnostic to report
(``fetch-refused``, or ``input-limit`` for what is too large); the caller then uses the alt
text and a link to the original, as for an image that could not be fetched.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import struct
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import tinycss2  # type: ignore[import-untyped]  # WeasyPrint's CSS tokenizer
from lxml import etree
from PIL import Image, ImageCms, JpegImagePlugin, UnidentifiedImageError

from ..diagnostics import Report
from ..errors import FetchError
from ..fetching import Fetched

__all__ = ["MAX_PIXELS", "MAX_SVG_ELEMENTS", "ImageRefused", "PackagedImage", "package_image"]

#: The most pixels an image (or all the images embedded in one SVG) may have: 40 megapixels,
#: more than a full-frame camera's 36 (WordPress scales uploads down to 2560 px, 6.6 MP). Measured
#: at 40 MP: a JPEG re-encodes in 1.5 s and a PNG in 1 s, peaking at 390 MB of memory. Pillow's
#: own bomb check only warns from 89 MP and refuses from 179 MP.
MAX_PIXELS = 40_000_000
#: The most elements an SVG may draw, each ``<use>`` counted as what it repeats. WeasyPrint 70
#: draws about 2,000 SVG elements a second: 50,000 is 25 s of layout; a "billion laughs" of
#: nested ``<use>`` would be days.
MAX_SVG_ELEMENTS = 50_000

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


class ImageRefused(FetchError):
    """A fetched file that is not packaged; ``code`` is the diagnostic to report it with."""

    def __init__(self, message: str, code: str = "fetch-refused") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class PackagedImage:
    data: bytes = field(repr=False)
    media_type: str


def package_image(fetched: Fetched, report: Report, where: str) -> PackagedImage:
    """The bytes and media type to package for ``fetched``, its changes reported (at most one
    ``image-converted`` and one ``svg-sanitised`` line); :class:`ImageRefused` if it is not
    packaged."""
    url = fetched.url
    if _looks_like_xml(fetched.data):
        return _package_svg(fetched.data, url, report, where)
    raster = _reencode(fetched.data, url, MAX_PIXELS, served_as=fetched.media_type)
    if raster.changes or raster.source != raster.target:
        report.info("image-converted", where, f"{url}: {raster.summary}")
    return PackagedImage(raster.data, MEDIA_TYPES[raster.target.upper()])


def _looks_like_xml(data: bytes) -> bool:
    head = data[:3].removeprefix(b"\xef\xbb\xbf") + data[3:64]
    return head.lstrip(b" \t\r\n").startswith(b"<") or data[:2] in (b"\xff\xfe", b"\xfe\xff")


# ------------------------------------------------------------------------------- raster


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


def _reencode(data: bytes, what: str, max_pixels: int, served_as: str | None = None) -> _Raster:
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
            target, encoded = _encode(picture, source, what, tables, _webp_is_lossless(data),
                                      changes)
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
                           f"({_shown(str(error), 100)})") from None
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
        found.append("text (" + _shown(", ".join(sorted(text))) + ")")
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
        removed.append(f"an ICC profile that cannot be read ({_shown(str(error))})")
        return image.convert("RGB") if image.mode == "CMYK" else image
    assert converted is not None
    changes.append(f"colours converted to sRGB from its ICC profile ({_shown(name) or 'unnamed'})")
    return converted


def _encode(image: Image.Image, source: str, what: str, tables: dict[str, object] | None,
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
                           f"({_shown(str(error))})") from None
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
    return isinstance(low, int) and isinstance(high, int) and 0 <= low and high <= 0xFFFF


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


# ---------------------------------------------------------------------------------- SVG

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

#: SVG 2 elements kept (structure, shapes, text, paint servers, clipping and masking, markers,
#: filter primitives); ``a`` is unwrapped, its content kept; ``image`` and ``feImage`` keep only
#: a ``data:`` raster that passes the raster path (``feImage`` also a local reference).
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "image",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
    "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
    "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur",
    "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
    "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
})
#: Elements that run code, show another document, animate (SMIL can set ``href`` to a
#: ``javascript:`` URL; and the book claims no flashing hazard, WCAG 2.2 2.2.2 and 2.3.1) or
#: fetch: their removal is a warning. Others removed (``metadata``, editors' elements) are inert.
SVG_ACTIVE = frozenset({
    "script", "foreignObject", "animate", "animateMotion", "animateTransform", "animateColor",
    "set", "discard", "mpath", "handler", "listener", "iframe", "object", "embed", "video",
    "audio", "canvas", "font-face-uri", "tref", "cursor", "link", "include",
})
#: Attributes kept (no namespace): geometry and structure (SVG 2), filter primitive attributes
#: (Filter Effects 1), presentation attributes (SVG 2 §6.6); also ``aria-*`` and ``data-*``.
SVG_ATTRIBUTES = frozenset({
    "id", "class", "lang", "role", "version", "baseProfile", "viewBox", "preserveAspectRatio",
    "zoomAndPan", "systemLanguage", "requiredFeatures", "type", "media",
    "x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx",
    "fy", "fr", "d", "points", "pathLength", "transform",
    "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing",
    "side", "refX", "refY", "markerWidth", "markerHeight", "markerUnits", "orient",
    "patternUnits", "patternContentUnits", "patternTransform", "gradientUnits",
    "gradientTransform", "spreadMethod", "offset", "clipPathUnits", "maskUnits",
    "maskContentUnits", "filterUnits", "primitiveUnits",
    "in", "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4",
    "values", "tableValues", "slope", "intercept", "amplitude", "exponent", "scale",
    "xChannelSelector", "yChannelSelector", "baseFrequency", "numOctaves", "seed",
    "stitchTiles", "radius", "order", "kernelMatrix", "divisor", "bias", "targetX", "targetY",
    "edgeMode", "kernelUnitLength", "preserveAlpha", "surfaceScale", "diffuseConstant",
    "specularConstant", "specularExponent", "azimuth", "elevation", "z", "pointsAtX",
    "pointsAtY", "pointsAtZ", "limitingConeAngle",
    "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color",
    "color-interpolation", "color-interpolation-filters", "color-rendering", "direction",
    "display", "dominant-baseline", "enable-background", "fill", "fill-opacity", "fill-rule",
    "filter", "flood-color", "flood-opacity", "font", "font-family", "font-size",
    "font-size-adjust", "font-stretch", "font-style", "font-variant", "font-weight",
    "glyph-orientation-horizontal", "glyph-orientation-vertical", "image-rendering",
    "isolation", "kerning", "letter-spacing", "lighting-color", "marker", "marker-end",
    "marker-mid", "marker-start", "mask", "mask-type", "mix-blend-mode", "opacity", "overflow",
    "paint-order", "pointer-events", "shape-rendering", "stop-color", "stop-opacity",
    "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor", "text-decoration",
    "text-overflow", "text-rendering", "transform-box", "transform-origin", "unicode-bidi",
    "vector-effect", "visibility", "white-space", "word-spacing", "writing-mode",
})
#: Attributes whose removal is a warning besides ``on*``: a base for relative URLs, and those
#: that name resources to fetch.
SVG_ACTIVE_ATTRIBUTES = frozenset({"src", "externalResourcesRequired", "requiredExtensions",
                                   "cursor", "color-profile", "base"})
#: CSS functions that fetch or draw another resource (CSS Images 4, CSS Values 4 ``src()``,
#: the Paint API, IE's ``expression()``); ``url()`` is kept when it names a local ``#fragment``.
CSS_FETCHING = frozenset({"image", "image-set", "-webkit-image-set", "cross-fade", "element",
                          "src", "paint", "expression"})
CSS_ACTIVE_PROPERTIES = frozenset({"behavior", "-moz-binding"})
DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,(.*)", re.IGNORECASE | re.DOTALL)


def _package_svg(data: bytes, url: str, report: Report, where: str) -> PackagedImage:
    root, prolog = _parse_svg(data, url)
    sanitiser = _SvgSanitiser(url)
    sanitiser.removed.update(prolog)
    sanitiser.clean(root)
    sanitiser.limit_drawing(root)
    etree.cleanup_namespaces(root)
    out = b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8",
                                                                       xml_declaration=False)
    if sanitiser.removed:
        kinds = sorted(sanitiser.removed.items(), key=lambda kind: (-kind[1], kind[0]))
        listed = ", ".join(f"{kind} ×{n}" for kind, n in kinds[:8])
        more = f" and {len(kinds) - 8} more kinds" if len(kinds) > 8 else ""
        report.add("svg-sanitised", "warning" if sanitiser.active else "info", where,
                   f"{url}: removed {listed}{more}")
    if sanitiser.embedded:
        report.info("image-converted", where, f"{url}: " + "; ".join(sanitiser.embedded))
    return PackagedImage(out, "image/svg+xml")


def _parse_svg(data: bytes, url: str) -> tuple[etree._Element, Counter[str]]:
    """The root ``<svg>`` of ``data`` and what of its prolog is dropped. No DTD is loaded and
    nothing is fetched; entities declared in the document itself are expanded (libxml2 refuses
    an expansion past 5 times the input: "billion laughs"), one that names a file is refused."""
    options = {"no_network": True, "load_dtd": False, "huge_tree": False,
               "remove_comments": True, "remove_pis": False}
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, **options))
        docinfo = root.getroottree().docinfo
        dtd = docinfo.internalDTD
        entities = list(dtd.iterentities()) if dtd is not None else []
        if any(entity.system_url for entity in entities):
            raise ImageRefused(f"{url}: not packaged: the SVG declares an entity that reads "
                               "another file")
        if entities:
            root = etree.fromstring(data, etree.XMLParser(resolve_entities="internal",
                                                          **options))
    except etree.XMLSyntaxError as error:
        code = ("input-limit" if error.code == etree.ErrorTypes.ERR_RESOURCE_LIMIT
                else "fetch-refused")
        raise ImageRefused(f"{url}: not packaged: not well-formed XML "
                           f"({_shown(str(error), 100)})", code) from None
    if root.tag != f"{{{SVG}}}svg":
        raise ImageRefused(f"{url}: not packaged: not an SVG image (its root element is "
                           f"{_shown(etree.QName(root).localname)!r} in namespace "
                           f"{_shown(etree.QName(root).namespace or 'none')})")
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        raise ImageRefused(f"{url}: not packaged: the SVG uses an entity it does not declare")
    prolog: Counter[str] = Counter()
    if docinfo.doctype:
        prolog["DOCTYPE (its entities expanded)" if entities else "DOCTYPE"] += 1
    for node in root.itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction):
            prolog[_shown(f"<?{node.target}?>")] += 1
    return root, prolog


class _SvgSanitiser:
    """Walks an SVG tree, removing what the allowlist does not name, counting it by kind."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.removed: Counter[str] = Counter()
        self.active = False  # something that runs, fetches or animates was removed
        self.embedded: list[str] = []  # what re-encoding embedded rasters changed
        self.pixels_left = MAX_PIXELS

    def drop(self, kind: str, active: bool) -> None:
        self.removed[_shown(kind)] += 1
        self.active |= active

    # -- elements

    def clean(self, element: etree._Element) -> None:
        """Clean ``element``'s attributes and, recursively, its content (the tree is at most
        256 levels deep: libxml2's limit without ``huge_tree``)."""
        for child in list(element):
            if isinstance(child, etree._ProcessingInstruction):
                self.drop(f"<?{child.target}?>", child.target == "xml-stylesheet")
                _remove(child)
                continue
            if not isinstance(child.tag, str):
                continue  # a comment
            name = etree.QName(child)
            local = name.localname
            if name.namespace != SVG:
                self.drop(f"<{child.prefix + ':' if child.prefix else ''}{local}>",
                          local in SVG_ACTIVE)
                _remove(child)
            elif local == "a":
                self.unwrap_link(child)
            elif local not in SVG_ELEMENTS:
                self.drop(f"<{local}>", local in SVG_ACTIVE)
                _remove(child)
            elif local == "style":
                self.clean_style_element(child)
            elif self.clean_attributes(child, local):
                self.clean(child)
            else:
                _remove(child)
        if element.getparent() is None:
            self.clean_attributes(element, "svg")

    def unwrap_link(self, link: etree._Element) -> None:
        """``<a>``: its content stays in its place, the link goes (an image links nowhere)."""
        href = (link.get("href") or link.get(f"{{{XLINK}}}href") or "").strip()
        if href.lower().startswith("javascript:"):
            self.drop("javascript: link <a> (unwrapped)", True)
        elif href and not href.startswith("#"):
            self.drop("link <a> to another document (unwrapped)", True)
        else:
            self.drop("<a> (unwrapped)", False)
        self.clean(link)
        _unwrap(link)

    def clean_style_element(self, style: etree._Element) -> None:
        kind = (style.get("type") or "text/css").strip().lower()
        if kind != "text/css" or len(style):
            self.drop(f"<style type={kind!r}>" if kind != "text/css" else "<style> with markup",
                      True)
            _remove(style)
            return
        self.clean_attributes(style, "style")
        css = style.text or ""
        cleaned = self.clean_stylesheet(css)
        if cleaned is not None and cleaned.strip():
            style.text = cleaned
        elif cleaned is not None:
            _remove(style)

    def clean_attributes(self, element: etree._Element, local: str) -> bool:
        """Remove the attributes the allowlist does not name; False if ``element`` has lost
        what it draws (a ``<use>``, ``<image>`` or ``<feImage>`` whose reference went)."""
        keep = True
        for name, value in list(element.attrib.items()):
            qname = etree.QName(name)
            attr, namespace = qname.localname, qname.namespace
            if attr == "href" and namespace in (None, XLINK):
                new = self.reference(local, value)
                if new is None:
                    del element.attrib[name]
                    keep = local not in ("use", "image", "feImage")
                elif new != value:
                    element.set(name, new)
            elif namespace is None and attr.lower().startswith("on"):
                self.drop(f"{attr}=", True)
                del element.attrib[name]
            elif namespace is None and attr == "style":
                cleaned = self.clean_declarations(value)
                if cleaned is not None and cleaned.strip():
                    element.set(name, cleaned)
                elif cleaned is not None:
                    del element.attrib[name]
            elif namespace is None and (attr in SVG_ATTRIBUTES
                                        or attr.startswith(("aria-", "data-"))):
                if ("(" in value or "\\" in value) and not _css_safe(
                        tinycss2.parse_component_value_list(value)):
                    self.drop(f"{attr}= with a url() to another file", True)
                    del element.attrib[name]
            elif namespace == XML and attr in ("space", "lang"):
                pass
            else:
                prefix = _prefix(element, namespace)
                self.drop(f"{prefix}{attr}=", attr in SVG_ACTIVE_ATTRIBUTES)
                del element.attrib[name]
        return keep

    def reference(self, local: str, value: str) -> str | None:
        """What an ``href`` may stay as: a local ``#fragment``; for ``image`` and ``feImage``
        a ``data:`` raster, re-encoded; else None (removed and counted)."""
        href = value.strip()
        if href.startswith("#") and local != "image":
            return value
        data = DATA_IMAGE.fullmatch(href)
        if data and local in ("image", "feImage"):
            return self.embedded_raster(data[1], local)
        if href.lower().startswith("javascript:"):
            self.drop(f"javascript: URL on <{local}>", True)
        elif local == "image" or href.lower().startswith("data:"):
            self.drop(f"<{local}> not holding a PNG, JPEG, GIF or WebP image", True)
        else:
            self.drop(f"<{local}> referring to another file", True)
        return None

    def embedded_raster(self, payload: str, local: str) -> str | None:
        """A ``data:`` image re-encoded like a fetched one, within what is left of the SVG's
        pixel budget (past it, the whole SVG is refused)."""
        n = len(self.embedded) + 1
        what = f"{self.url} (embedded image)"
        try:
            raw = base64.b64decode("".join(payload.split()), validate=True)
            raster = _reencode(raw, what, self.pixels_left)
        except binascii.Error:
            self.drop(f"<{local}> with data that is not base64", True)
            return None
        except ImageRefused as refused:
            if refused.code == "input-limit":
                raise
            self.drop(f"<{local}> whose embedded image cannot be decoded", True)
            return None
        self.pixels_left -= raster.pixels
        if raster.changes or raster.source != raster.target:
            self.embedded.append(f"embedded image {n}: {raster.summary}")
        media_type = MEDIA_TYPES[raster.target.upper()]
        return f"data:{media_type};base64,{base64.b64encode(raster.data).decode('ascii')}"

    # -- CSS

    def clean_stylesheet(self, css: str) -> str | None:
        """``css`` without at-rules (``@import``, ``@font-face``, ``@keyframes`` …) and without
        declarations that fetch; None when nothing had to go (the text is kept as it was)."""
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        out, changed = [], False
        for rule in rules:
            if rule.type == "qualified-rule":
                declarations = self.clean_declarations(rule.content)
                changed |= declarations is not None
                body = declarations if declarations is not None else tinycss2.serialize(
                    rule.content)
                out.append(f"{tinycss2.serialize(rule.prelude).strip()}{{{body}}}")
            elif rule.type == "at-rule":
                self.drop(f"@{rule.lower_at_keyword} rule",
                          rule.lower_at_keyword in ("import", "font-face", "keyframes"))
                changed = True
            else:  # a parse error: readers skip it too
                self.drop("unreadable CSS", False)
                changed = True
        return "\n".join(out) if changed else None

    def clean_declarations(self, css: str | list[object]) -> str | None:
        """A declaration list without what fetches or binds behaviour; None when unchanged."""
        items = tinycss2.parse_declaration_list(css, skip_comments=True, skip_whitespace=True)
        kept, changed = [], False
        for item in items:
            if item.type != "declaration":
                self.drop("unreadable CSS" if item.type == "error" else
                          f"@{item.lower_at_keyword} rule", False)
                changed = True
            elif item.lower_name in CSS_ACTIVE_PROPERTIES or not _css_safe(item.value):
                self.drop(f"CSS {item.lower_name} with a url() to another file", True)
                changed = True
            else:
                kept.append(item.serialize())
        return ";".join(kept) if changed else None

    # -- drawing cost

    def limit_drawing(self, root: etree._Element) -> None:
        """Remove each ``<use>`` that repeats its own ancestor (it draws nothing: SVG 2
        §5.6.4); refuse the SVG when it draws more than :data:`MAX_SVG_ELEMENTS` elements, each
        ``<use>`` counted as the elements it repeats."""
        drawn, circular = _drawn_elements(root, MAX_SVG_ELEMENTS)
        for use in circular:
            self.drop("<use> that repeats itself", False)
            _remove(use)
        if drawn > MAX_SVG_ELEMENTS:
            raise ImageRefused(f"{self.url}: not packaged: the SVG draws more than "
                               f"{MAX_SVG_ELEMENTS:,} elements (counting what each <use> "
                               "repeats)", "input-limit")


def _css_safe(tokens: Iterable[object]) -> bool:
    """Whether CSS component values fetch nothing: every ``url()`` names a local ``#fragment``
    and no function of :data:`CSS_FETCHING` is used (escapes are already resolved by the
    tokenizer, so ``u\\72l(`` is a url)."""
    for token in tokens:
        kind = getattr(token, "type", "")
        if kind == "url":
            if not str(getattr(token, "value", "")).strip().startswith("#"):
                return False
        elif kind == "function":
            name = getattr(token, "lower_name", "")
            arguments = getattr(token, "arguments", [])
            if name == "url":
                values = [a for a in arguments if a.type not in ("whitespace", "comment")]
                if not (len(values) == 1 and values[0].type == "string"
                        and values[0].value.strip().startswith("#")):
                    return False
            elif name in CSS_FETCHING or not _css_safe(arguments):
                return False
        elif kind in ("() block", "[] block", "{} block") and not _css_safe(
                getattr(token, "content", [])):
            return False
    return True


def _drawn_elements(root: etree._Element, cap: int) -> tuple[int, list[etree._Element]]:
    """How many elements ``root`` draws, each ``<use>`` counted as what it repeats (at most
    ``cap + 1``), and the ``<use>`` elements that repeat their own ancestor. Iterative, each
    element counted once (a depth-first walk with memo: no recursion, no exponential time)."""
    ids: dict[str, etree._Element] = {}
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("id"):
            ids.setdefault(element.get("id"), element)
    use_tag = f"{{{SVG}}}use"

    def successors(element: etree._Element) -> Iterator[etree._Element]:
        yield from (child for child in element if isinstance(child.tag, str))
        if element.tag == use_tag:
            href = (element.get("href") or element.get(f"{{{XLINK}}}href") or "").strip()
            target = ids.get(href[1:]) if href.startswith("#") else None
            if target is not None:
                yield target

    total: dict[etree._Element, int] = {}
    on_path = {root}
    circular: list[etree._Element] = []
    stack: list[tuple[etree._Element, Iterator[etree._Element], int]] = [
        (root, successors(root), 1)]
    while stack:
        element, rest, count = stack[-1]
        following = next(rest, None)
        if following is None:
            stack.pop()
            on_path.discard(element)
            total[element] = count
            if stack:
                parent, parent_rest, parent_count = stack[-1]
                stack[-1] = (parent, parent_rest, min(parent_count + count, cap + 1))
        elif following in total:
            stack[-1] = (element, rest, min(count + total[following], cap + 1))
        elif following in on_path:
            circular.append(element)  # only a <use> edge can lead back up the path
        else:
            on_path.add(following)
            stack.append((following, successors(following), 1))
    return total[root], circular


def _prefix(element: etree._Element, namespace: str | None) -> str:
    if namespace is None:
        return ""
    for prefix, uri in element.nsmap.items():
        if uri == namespace and prefix:
            return f"{prefix}:"
    return "xml:" if namespace == XML else f"{{{namespace}}}"


def _remove(node: etree._Element) -> None:
    """Remove ``node`` and what it holds, keeping the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    _add_text(parent, parent.index(node), node.tail)
    parent.remove(node)


def _unwrap(element: etree._Element) -> None:
    """Replace ``element`` by its content (text and children), in place."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    _add_text(parent, index, element.text)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    _remove(element)


def _add_text(parent: etree._Element, index: int, text: str | None) -> None:
    """Add ``text`` where ``parent``'s child at ``index`` begins."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text


def _shown(text: str, limit: int = 60) -> str:
    """A name from the file, fit for a one-line message: no control characters, at most
    ``limit`` characters."""
    printable = "".join(c if c.isprintable() else "?" for c in text)
    return printable if len(printable) <= limit else printable[:limit - 1] + "…"
