"""All network I/O goes through one injectable fetcher that denies by default.

:class:`OfflineFetcher` refuses everything; :class:`HttpsFetcher` fetches only ``https://`` URLs
on public addresses, with a size and a time limit, and no redirects to anything else;
:class:`MemoryFetcher` serves a fixed mapping (tests, and the PDF writer's asset store). Every
refusal is a :class:`~peptidebook.errors.FetchError` with one line saying why, which callers turn
into a ``fetch-refused`` diagnostic.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from .errors import FetchError

MAX_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 20.0

#: Magic numbers of the image types EPUB 3 allows as core media types (EPUB 3.3 §3.2).
IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    media_type: str


class Fetcher(Protocol):
    def fetch(self, url: str) -> Fetched: ...


def sniff_image_type(data: bytes) -> str | None:
    """The media type of an image from its first bytes, or None if it is not one we package."""
    for magic, media_type in IMAGE_SIGNATURES:
        if data.startswith(magic):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:512].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "image/svg+xml"
    return None


class OfflineFetcher:
    """Refuses every URL: the book is built from what is on disk only."""

    def fetch(self, url: str) -> Fetched:
        raise FetchError(f"{url}: not fetched: working offline")


class MemoryFetcher:
    """Serves a fixed ``{url: bytes}`` mapping and refuses everything else."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files = dict(files)

    def fetch(self, url: str) -> Fetched:
        try:
            data = self.files[url]
        except KeyError:
            raise FetchError(f"{url}: not fetched: not one of the book's own files") from None
        return Fetched(url, data, sniff_image_type(data) or "application/octet-stream")


def _public_host(host: str) -> bool:
    """True when every address ``host`` resolves to is a public one (no loopback, private…)."""
    try:
        infos = socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)
    except OSError:
        return False
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return False
    return bool(infos)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        target = urlsplit(newurl)
        if target.scheme != "https":
            raise FetchError(f"{req.full_url}: not fetched: redirect to non-https {newurl}")
        if not target.hostname or not _public_host(target.hostname):
            raise FetchError(f"{req.full_url}: not fetched: redirect to a non-public host")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpsFetcher:
    """Fetches public ``https://`` URLs, at most ``max_bytes`` each, within ``timeout`` seconds."""

    def __init__(self, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self._opener = urllib.request.build_opener(_NoRedirect())

    def fetch(self, url: str) -> Fetched:
        parts = urlsplit(url)
        if parts.scheme != "https":
            raise FetchError(f"{url}: not fetched: only https:// URLs are fetched")
        if not parts.hostname or not _public_host(parts.hostname):
            raise FetchError(f"{url}: not fetched: host is not a public address")
        request = urllib.request.Request(url, headers={"User-Agent": "peptidebook"})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                data = response.read(self.max_bytes + 1)
                media_type = response.headers.get_content_type()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise FetchError(f"{url}: not fetched: {exc}") from None
        if len(data) > self.max_bytes:
            raise FetchError(f"{url}: not fetched: larger than {self.max_bytes} bytes")
        return Fetched(url, data, media_type)
