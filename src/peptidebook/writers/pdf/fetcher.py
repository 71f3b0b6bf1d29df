"""Step 5a - PDF: the one fetcher WeasyPrint may use, which denies by default.

WeasyPrint's default URL fetcher reads ``file:`` and every other protocol
(``../shared/NOTES-weasyprint.md``, Security): untrusted HTML could embed local files into a
PDF. :class:`AssetFetcher` serves the stylesheets and the Edition's assets under the
``peptidebook-asset:`` scheme, and the ``data:`` pictures a packaged SVG holds, and refuses
every other URL (``file:``, ``http(s):``, other ``data:``) with a ``fetch-refused`` diagnostic.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ...diagnostics import Report
from ...errors import FetchError
from .document import ASSET_SCHEME

__all__ = ["ASSET_SCHEME", "AssetFetcher"]


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """WeasyPrint's URL fetcher for one document: serves ``peptidebook-asset:<name>`` from
    ``files`` and refuses everything else (``fetch-refused``). Deny by default."""

    def __init__(self, files: Mapping[str, tuple[bytes, str]], report: Report,
                 where: str) -> None:
        super().__init__(allowed_protocols=(ASSET_SCHEME,), allow_redirects=False)
        self.files = dict(files)
        self.report = report
        self.where = where
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        prefix = f"{ASSET_SCHEME}:"
        if url.startswith(prefix) and url[len(prefix):] in self.files:
            data, media_type = self.files[url[len(prefix):]]
            return URLFetcherResponse(url, data, {"Content-Type": media_type})
        embedded = _embedded_picture(url)
        if embedded is not None:
            return URLFetcherResponse("data:", embedded[0], {"Content-Type": embedded[1]})
        self.refused.append(url)
        shown = url if len(url) <= 120 else url[:117] + "…"
        self.report.warning("fetch-refused", self.where,
                            f"{shown}: not fetched: not one of the book's own files")
        # WeasyPrint catches this, logs it and leaves the resource out.
        raise FetchError(f"{shown}: not fetched: not one of the book's own files")


#: ``data:`` pictures a packaged SVG may hold (assembly.images re-encoded each one): the only
#: URLs besides the book's own files that the print document may read. RFC 2397.
_EMBEDDED = re.compile(r"data:(image/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/=\s]*)\Z")
#: The largest embedded picture served (base64 characters): the image limit of a fetch.
_EMBEDDED_MAX = 14 * 1024 * 1024


def _embedded_picture(url: str) -> tuple[bytes, str] | None:
    """The bytes and type of a ``data:`` PNG, JPEG, GIF or WebP picture, else None."""
    if len(url) > _EMBEDDED_MAX:
        return None
    match = _EMBEDDED.match(url)
    if match is None:
        return None
    try:
        return base64.b64decode(match.group(2), validate=False), match.group(1)
    except (binascii.Error, ValueError):
        return None
