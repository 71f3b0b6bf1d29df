"""What a fetch returns, how it fails, the fetchers that never reach the network, and image
sniffing.

A fetch that fails raises :class:`~peptidebook.errors.FetchError`; two kinds of it tell a caller
that may try again (``peptidebook fetch``) what happened: :class:`StatusError` (the server
answered with a status that is neither success nor redirection, e.g. 429 or 503, with its
headers, e.g. ``Retry-After``) and :class:`TransientError` (no whole answer: timed out, cut
short, dropped). Every other refusal (policy, size, TLS) is a plain ``FetchError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ..errors import FetchError

#: Magic numbers of the image types EPUB 3 allows as core media types (EPUB 3.3 §3.2).
IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


@dataclass(frozen=True)
class Fetched:
    """A fetched resource. ``headers`` are the final answer's, names in lower case (RFC 9110
    §5.1: they are case-insensitive), a repeated field's values joined by ``", "`` (§5.3)."""

    url: str
    data: bytes
    media_type: str
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)


class Fetcher(Protocol):
    """What the build asks of a fetcher: a URL's bytes (images)."""

    def fetch(self, url: str) -> Fetched: ...


class HttpFetcher(Protocol):
    """A fetcher that also sends request headers a caller gives (``Accept``); every fetcher
    here is one, so it is a :class:`Fetcher` too."""

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched: ...


class StatusError(FetchError):
    """The server answered ``status`` (not 2xx, not a redirection), with ``headers`` (as
    :attr:`Fetched.headers`) and the start of its body (an API's error object)."""

    def __init__(self, message: str, status: int, headers: Mapping[str, str],
                 body: bytes = b"") -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers
        self.body = body


class TransientError(FetchError):
    """No whole answer came: a timeout, an answer cut short, a connection dropped. The same
    request may succeed later."""


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

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        raise FetchError(f"{url}: not fetched: working offline")


class MemoryFetcher:
    """Serves a fixed ``{url: bytes}`` mapping and refuses everything else."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files = dict(files)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """The file at ``url``; request headers change nothing here."""
        try:
            data = self.files[url]
        except KeyError:
            raise FetchError(f"{url}: not fetched: not one of the book's own files") from None
        return Fetched(url, data, sniff_image_type(data) or "application/octet-stream")
