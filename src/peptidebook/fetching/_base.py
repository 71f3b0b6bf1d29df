"""What a fetch returns, the fetchers that never reach the network, and image sniffing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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
