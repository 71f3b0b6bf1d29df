"""The fetcher denies by default: only public https URLs, never files or internal hosts.

No test here touches the network: every refusal happens before a connection is made.
"""

from __future__ import annotations

import pytest

from peptidebook.errors import FetchError
from peptidebook.fetching import HttpsFetcher, MemoryFetcher, OfflineFetcher, sniff_image_type


@pytest.mark.parametrize("url, reason", [
    ("file:///etc/passwd", "only https"),
    ("http://example.org/a.png", "only https"),
    ("ftp://example.org/a.png", "only https"),
    ("data:image/png;base64,AAAA", "only https"),
    ("https://localhost/a.png", "not a public address"),
    ("https://127.0.0.1/a.png", "not a public address"),
    ("https://10.0.0.8/a.png", "not a public address"),
    ("https://192.168.1.1/a.png", "not a public address"),
    ("https://[::1]/a.png", "not a public address"),
    ("https://169.254.169.254/latest/meta-data", "not a public address"),
])
def test_https_fetcher_refuses_before_connecting(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        HttpsFetcher().fetch(url)


def test_offline_fetcher_refuses_everything() -> None:
    with pytest.raises(FetchError, match="offline"):
        OfflineFetcher().fetch("https://example.org/a.png")


def test_memory_fetcher_serves_only_its_files() -> None:
    fetcher = MemoryFetcher({"https://example.org/a.png": b"\x89PNG\r\n\x1a\n..."})
    assert fetcher.fetch("https://example.org/a.png").media_type == "image/png"
    with pytest.raises(FetchError):
        fetcher.fetch("https://example.org/b.png")


@pytest.mark.parametrize("data, media_type", [
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff\xe0", "image/jpeg"),
    (b"GIF89a", "image/gif"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
    (b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"),
    (b"<html><body>not an image", None),
])
def test_sniff_image_type(data: bytes, media_type: str | None) -> None:
    assert sniff_image_type(data) == media_type
