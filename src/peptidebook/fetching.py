"""All network I/O goes through one injectable fetcher that denies by default.

:class:`OfflineFetcher` refuses everything; :class:`HttpsFetcher` fetches only ``https://`` URLs
on public addresses, with a size and a time limit, and no redirects to anything else;
:class:`MemoryFetcher` serves a fixed mapping (tests, and the PDF writer's asset store). Every
refusal is a :class:`~peptidebook.errors.FetchError` with one line saying why, which callers turn
into a ``fetch-refused`` diagnostic: a malformed address (``https://[::1``, ``https://exa
mple.com``, a port past 65535, a host name IDNA cannot encode) is refused like any other, never
raised as the ``ValueError`` or ``UnicodeError`` urllib and the resolver would raise.
"""

from __future__ import annotations

import ipaddress
import re
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


#: A label of a host name once IDNA-encoded (RFC 1123 §2.1; "_" occurs in real names).
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?", re.IGNORECASE)
#: What no URL may hold anywhere (WHATWG URL: spaces and C0 controls are not URL code points).
_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def address_problem(url: str) -> str | None:
    """What makes ``url`` a malformed network address (``"invalid port 99999"``), or None when
    it is well-formed. Whether its scheme is allowed and its host public is checked apart."""
    if _NOT_IN_URL.search(url):
        return "it contains a space or a control character"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:  # "Invalid IPv6 URL", "Port out of range 0-65535"
        return _lower_first(str(error))
    host = parts.hostname
    if not host:
        return "it names no host"
    if port == 0:
        return "port 0 is not a port one can connect to"
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError as error:
        # "encoding with 'idna' codec failed (UnicodeError: label empty or too long)"
        found = re.search(r"\(UnicodeError: (.*)\)$", str(error))
        return f"host name {host!r} cannot be encoded (IDNA: {found[1] if found else error})"
    labels = ascii_host.removesuffix(".").split(".")
    if len(ascii_host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return f"{host!r} is not a host name"
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _check_public(url: str, host: str) -> None:
    """Raise :class:`FetchError` unless every address ``host`` resolves to is a public one (no
    loopback, private, link-local …)."""
    try:
        infos = socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        raise FetchError(f"{url}: not fetched: host is not a public address "
                         f"(it cannot be resolved: {error})") from None
    if not infos or not all(ipaddress.ip_address(info[4][0]).is_global for info in infos):
        raise FetchError(f"{url}: not fetched: host is not a public address")


def _check_address(url: str, shown: str | None = None) -> str:
    """The host of ``url``, a well-formed https address; else :class:`FetchError` naming
    ``shown`` (by default ``url``)."""
    shown = shown or url
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise FetchError(
            f"{shown}: not fetched: not a valid address: {_lower_first(str(error))}"
        ) from None
    if parts.scheme != "https":
        raise FetchError(f"{shown}: not fetched: only https:// URLs are fetched")
    problem = address_problem(url)
    if problem is not None or not parts.hostname:
        raise FetchError(f"{shown}: not fetched: not a valid address: {problem}")
    return parts.hostname


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        try:
            host = _check_address(newurl, req.full_url)
        except FetchError as error:
            raise FetchError(f"{error} (redirected to {newurl})") from None
        _check_public(req.full_url, host)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpsFetcher:
    """Fetches public ``https://`` URLs, at most ``max_bytes`` each, within ``timeout`` seconds."""

    def __init__(self, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self._opener = urllib.request.build_opener(_NoRedirect())

    def fetch(self, url: str) -> Fetched:
        _check_public(url, _check_address(url))
        try:
            request = urllib.request.Request(url, headers={"User-Agent": "peptidebook"})
            with self._opener.open(request, timeout=self.timeout) as response:
                data = response.read(self.max_bytes + 1)
                media_type = response.headers.get_content_type()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise FetchError(f"{url}: not fetched: {exc}") from None
        if len(data) > self.max_bytes:
            raise FetchError(f"{url}: not fetched: larger than {self.max_bytes} bytes")
        return Fetched(url, data, media_type)
