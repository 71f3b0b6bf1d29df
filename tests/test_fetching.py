"""The fetcher denies by default: only public https URLs, never files or internal hosts.

No test here touches the network: every refusal happens before a connection is made (a guard
fails a test that resolves or connects).
"""

from __future__ import annotations

import socket

import pytest

from peptidebook.errors import FetchError
from peptidebook.fetching import (
    HttpsFetcher,
    MemoryFetcher,
    OfflineFetcher,
    address_problem,
    sniff_image_type,
)


@pytest.mark.parametrize(("url", "reason"), [
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
    # Issue #10 item 2: forms Python 3.11's ipaddress calls global, and other hidden ones.
    ("https://[::127.0.0.1]:8443/", "not a public address: ::127.0.0.1 is the deprecated"),
    ("https://[64:ff9b::7f00:1]/a.png", "not a public address: 64:ff9b::7f00:1 is NAT64"),
    ("https://[::ffff:10.0.0.1]/a.png", "not a public address: ::ffff:10.0.0.1 is IPv4-mapped"),
    ("https://[2002:7f00:1::]/a.png", "not a public address: 2002:7f00:1:: is 6to4"),
    ("https://[2001:0:5db8:d822::80ff:fffe]/", "not a public address: .* is Teredo"),
    ("https://[fec0::1]/a.png", "not a public address: fec0::1 is site-local"),
    ("https://[ff02::1]/a.png", "not a public address: ff02::1 is multicast"),
    ("https://224.0.0.1/a.png", "not a public address: 224.0.0.1 is multicast"),
    ("https://100.64.0.1/a.png", "not a public address: 100.64.0.1 is shared address space"),
    ("https://198.18.0.1/a.png", "not a public address: 198.18.0.1 is benchmarking"),
])
def test_https_fetcher_refuses_before_connecting(url: str, reason: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError(f"{url} was resolved or connected to")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
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


@pytest.mark.parametrize(("data", "media_type"), [
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff\xe0", "image/jpeg"),
    (b"GIF89a", "image/gif"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
    (b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"),
    (b"<html><body>not an image", None),
])
def test_sniff_image_type(data: bytes, media_type: str | None) -> None:
    assert sniff_image_type(data) == media_type


@pytest.mark.parametrize(("url", "problem"), [
    ("https://[::1", "invalid IPv6 URL"),
    ("https://[::1/a.png", "invalid IPv6 URL"),
    ("https://exa mple.com/a.png", "contains a space"),
    ("https://example.org/a\x00.png", "control character"),
    ("https://:80/a.png", "names no host"),
    ("https://", "names no host"),
    ("https://host:99999/a.png", "port out of range 0-65535"),
    ("https://host:x/a.png", "could not be cast to integer"),
    ("https://example.org:0/a.png", "port 0"),
    ("https://a..b/a.png", "IDNA: label empty or too long"),
    ("https://" + "a" * 64 + ".org/a.png", "IDNA: label empty or too long"),
    ("https://%zz/a.png", "'%zz' is not a host name"),
    ("https://xn--/a.png", "'xn--' is not a host name"),
])
def test_a_malformed_address_is_refused_naming_it(url: str, problem: str) -> None:
    with pytest.raises(FetchError) as raised:
        HttpsFetcher().fetch(url)
    message = str(raised.value)
    assert message.startswith(f"{url}: not fetched: not a valid address: ")
    assert problem in message
    assert address_problem(url) is not None


@pytest.mark.parametrize("url", [
    "https://example.org/a.png",
    "https://example.org./a.png",
    "https://bücher.example/a.png",
    "https://[2001:db8::1]:8443/a.png",
    "https://203.0.113.9/a.png",
    "https://my_host.example.org/",
])
def test_a_well_formed_address_has_no_problem(url: str) -> None:
    assert address_problem(url) is None
