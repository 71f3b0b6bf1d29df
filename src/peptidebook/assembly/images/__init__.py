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

from ...diagnostics import Report
from ...fetching import Fetched
from ._common import ImageRefused, PackagedImage
from ._raster import MAX_PIXELS, MEDIA_TYPES, reencode
from ._svg import MAX_SVG_ELEMENTS, package_svg

__all__ = ["MAX_PIXELS", "MAX_SVG_ELEMENTS", "ImageRefused", "PackagedImage", "package_image"]


def package_image(fetched: Fetched, report: Report, where: str) -> PackagedImage:
    """The bytes and media type to package for ``fetched``, its changes reported (at most one
    ``image-converted`` and one ``svg-sanitised`` line); :class:`ImageRefused` if it is not
    packaged."""
    url = fetched.url
    if _looks_like_xml(fetched.data):
        return package_svg(fetched.data, url, report, where)
    raster = reencode(fetched.data, url, MAX_PIXELS, served_as=fetched.media_type)
    if raster.changes or raster.source != raster.target:
        report.info("image-converted", where, f"{url}: {raster.summary}")
    return PackagedImage(raster.data, MEDIA_TYPES[raster.target.upper()])


def _looks_like_xml(data: bytes) -> bool:
    head = data[:3].removeprefix(b"\xef\xbb\xbf") + data[3:64]
    return head.lstrip(b" \t\r\n").startswith(b"<") or data[:2] in (b"\xff\xfe", b"\xfe\xff")
