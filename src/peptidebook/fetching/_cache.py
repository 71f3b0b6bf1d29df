"""An on-disk HTTP cache that makes every repeated request a conditional one.

:class:`CachingFetcher` wraps the fetcher that reaches the network. It keeps each answer that
carries a validator (``ETag``, ``Last-Modified``) in an :class:`HttpCache`, and asks for the
same URL again with ``If-None-Match`` / ``If-Modified-Since`` (RFC 9110 §13.1.2, §13.1.3); a
``304 Not Modified`` is answered with the stored body, its stored headers freshened by the
304's (RFC 9111 §4.3.4, §3.2). ``peptidebook fetch`` (REST pages) and the build (images) share
one cache folder: :func:`cache_folder`, ``PEPTIDEBOOK_CACHE_DIR`` or else the platform's
(``platformdirs.user_cache_dir("peptidebook")``: ``~/.cache/peptidebook`` on Linux).

**The cache never answers on its own.** Every fetch reaches the wrapped fetcher (a conditional
request when something is stored), so its policy — https only, public hosts unless allowed,
size and time limits — holds for every URL, and a post changed on the site is always seen.
What the cache saves is the body: a second run transfers only 304s.

**What is never stored.** An answer to a request that carried ``Authorization`` or
``Cookie`` (an application-password login, a site's session): such a request bypasses the
cache entirely, neither reading nor writing it, so no private page reaches the disk. A fetcher
that adds credentials must therefore wrap a :class:`CachingFetcher`, never be wrapped by it.
Nor is an answer marked ``Cache-Control: no-store`` (RFC 9111 §5.2.2.5; a stored entry for
that URL is then dropped), one with ``Vary: *`` (§4.1), one without a validator (it could
never be revalidated) or one that is not ``200``.

**Layout** (``<folder>/http/v1/``): ``bodies/ab/<sha256 of the body>`` — content-addressed,
so an image used by many articles, or a page fetched by two URLs, is kept once — and
``entries/cd/<sha256 of the request>.json``, a small JSON record per URL and request headers
(validators, status, media type, the answer's headers, the body's hash). Every file is
written atomically (:func:`~peptidebook.files.written_atomically`): a crash leaves the old
file or the new, never half of one. An entry that cannot be read, is not valid JSON of the
expected shape, names another URL, or whose body is missing or does not hash to its name is
ignored (and removed): the URL is fetched again unconditionally, never a crash. A cache that
cannot be written is logged once and the fetch goes on without it.

**Bounded size.** :meth:`HttpCache.prune` (run when ``peptidebook`` opens the cache) removes
the least recently used bodies until they take at most :data:`MAX_CACHE_BYTES`; an entry whose
body was removed is then a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs

from ..errors import OutputError
from ..files import written_atomically
from ._base import Fetched, HttpFetcher

__all__ = ["MAX_CACHE_BYTES", "CachingFetcher", "HttpCache", "cache_folder", "open_cache"]

log = logging.getLogger(__name__)

#: The environment variable naming the cache folder (tests, CI, a shared cache).
CACHE_DIR_VARIABLE = "PEPTIDEBOOK_CACHE_DIR"
#: The most bytes of bodies kept; the least recently used go first.
MAX_CACHE_BYTES = 1024 * 1024 * 1024
#: Request headers that make an answer private: such a request bypasses the cache.
PRIVATE_HEADERS = frozenset({"authorization", "cookie"})
#: Answer headers not stored: hop-by-hop (RFC 9110 §7.6.1), a session's cookie, and
#: Content-Length, which a 304 must not change (RFC 9111 §3.2) and the body itself tells.
_UNSTORED_HEADERS = frozenset({"connection", "keep-alive", "proxy-connection", "te",
                               "trailer", "transfer-encoding", "upgrade", "set-cookie",
                               "content-length"})
#: An entry is a few kilobytes of JSON; a larger file is not one the cache wrote.
_MAX_ENTRY_BYTES = 1024 * 1024
_FORMAT = 1
_SHA256 = re.compile(r"[0-9a-f]{64}")


def cache_folder() -> Path:
    """``PEPTIDEBOOK_CACHE_DIR`` when set, else the platform's user cache folder for
    peptidebook."""
    given = os.environ.get(CACHE_DIR_VARIABLE)
    return Path(given) if given else Path(platformdirs.user_cache_dir("peptidebook"))


def open_cache(folder: Path | None = None, max_bytes: int = MAX_CACHE_BYTES) -> HttpCache:
    """The HTTP cache in ``folder`` (default :func:`cache_folder`), pruned to ``max_bytes``."""
    cache = HttpCache((folder or cache_folder()) / "http" / f"v{_FORMAT}")
    cache.prune(max_bytes)
    return cache


@dataclass(frozen=True)
class Entry:
    """What is stored of one answer: the URL asked, its status, media type, headers (names in
    lower case, as :attr:`Fetched.headers`) and body."""

    url: str
    status: int
    media_type: str
    headers: Mapping[str, str]
    body: bytes

    def conditions(self) -> dict[str, str]:
        """The conditional request headers its validators allow (RFC 9110 §13.1): both when
        both are known; a server that understands ``If-None-Match`` ignores the other."""
        conditions = {}
        if etag := self.headers.get("etag"):
            conditions["If-None-Match"] = etag
        if modified := self.headers.get("last-modified"):
            conditions["If-Modified-Since"] = modified
        return conditions


class HttpCache:
    """The entries and bodies kept in ``folder`` (see the module docstring for the layout)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._write_failed = False
        # One writer at a time: two threads of the fetch pool storing one body (two addresses,
        # one picture) would write the same partial file (files.written_atomically).
        self._writing = threading.Lock()

    # ------------------------------------------------------------------------ reading
    def load(self, key: str, url: str) -> Entry | None:
        """The entry stored under ``key`` for ``url``, or None: nothing stored, or what is
        stored is unusable (then removed)."""
        path = self._entry_path(key)
        try:
            with path.open("rb") as file:
                raw = file.read(_MAX_ENTRY_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as error:
            log.warning("%s: HTTP cache entry not read (%s); fetching %s again", path, error, url)
            return None
        record = _record(raw, url)
        if record is None:
            log.warning("%s: HTTP cache entry unusable; fetching %s again", path, url)
            self._remove(path)
            return None
        stored, digest = record
        body_path = self._body_path(digest)
        try:
            body = body_path.read_bytes()
        except OSError:  # pruned, or removed by hand
            self._remove(path)
            return None
        if hashlib.sha256(body).hexdigest() != digest:
            log.warning("%s: HTTP cache body damaged; fetching %s again", body_path, url)
            self._remove(body_path)
            self._remove(path)
            return None
        with contextlib.suppress(OSError):
            os.utime(body_path)  # recently used: pruned last
        return replace(stored, body=body)

    # ------------------------------------------------------------------------ writing
    def store(self, key: str, entry: Entry) -> None:
        """Keep ``entry`` under ``key`` (body first: an entry never names a missing body)."""
        digest = hashlib.sha256(entry.body).hexdigest()
        body_path = self._body_path(digest)
        record = {"format": _FORMAT, "url": entry.url, "status": entry.status,
                  "media_type": entry.media_type, "headers": dict(entry.headers),
                  "body": digest}
        with self._writing:
            self._stored(key, body_path, entry.body, record)

    def _stored(self, key: str, body_path: Path, body: bytes, record: dict[str, object]) -> None:
        try:
            if not body_path.is_file():
                with written_atomically(body_path, "an HTTP cache body") as partial:
                    partial.write_bytes(body)
            with written_atomically(self._entry_path(key), "an HTTP cache entry") as partial:
                partial.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        except OutputError as error:
            self._not_written(error)

    def forget(self, key: str) -> None:
        """Remove the entry under ``key``, if any (its body may serve others; prune ends it)."""
        self._remove(self._entry_path(key))

    def prune(self, max_bytes: int) -> None:
        """Remove the least recently used bodies until those left take at most ``max_bytes``."""
        bodies = []
        for path in (self.folder / "bodies").glob("*/*"):
            with contextlib.suppress(OSError):
                stat = path.stat()
                bodies.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _mtime, size, _path in bodies)
        for _mtime, size, path in sorted(bodies):
            if total <= max_bytes:
                break
            self._remove(path)
            total -= size

    # ------------------------------------------------------------------------ helpers
    def _entry_path(self, key: str) -> Path:
        return self.folder / "entries" / key[:2] / f"{key}.json"

    def _body_path(self, digest: str) -> Path:
        return self.folder / "bodies" / digest[:2] / digest

    def _remove(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            path.unlink()

    def _not_written(self, error: OutputError) -> None:
        if not self._write_failed:  # once: a read-only cache would say it for every URL
            log.warning("HTTP cache not written, fetching without it: %s", error)
            self._write_failed = True


def _record(raw: bytes, url: str) -> tuple[Entry, str] | None:
    """An entry file's record for ``url`` (its body still to be read) and its body's hash,
    checked field by field; None when it is not one."""
    if len(raw) > _MAX_ENTRY_BYTES:
        return None
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or record.get("format") != _FORMAT:
        return None
    status, media_type = record.get("status"), record.get("media_type")
    headers, body = record.get("headers"), record.get("body")
    if not (record.get("url") == url and type(status) is int and isinstance(media_type, str)
            and isinstance(headers, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in headers.items())
            and isinstance(body, str) and _SHA256.fullmatch(body)):
        return None
    return Entry(url, status, media_type, headers, b""), body


def request_key(url: str, headers: Mapping[str, str]) -> str:
    """The sha256 naming the entry of ``url`` asked with ``headers`` (``Accept`` and the
    like: an answer may vary with them), names compared in lower case."""
    canonical = json.dumps([url, sorted((name.lower(), value) for name, value in headers.items())],
                           ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _directives(headers: Mapping[str, str], name: str) -> set[str]:
    """The directives of a comma-separated header (``Cache-Control``), names lower-cased,
    arguments dropped (``max-age=0`` → ``max-age``)."""
    return {part.split("=", 1)[0].strip().lower()
            for part in headers.get(name, "").split(",") if part.strip()}


def _private(headers: Mapping[str, str]) -> bool:
    return any(name.lower() in PRIVATE_HEADERS for name in headers)


class CachingFetcher:
    """``fetcher`` with ``cache``: answers kept with their validators, fetched again
    conditionally, a 304 served from the cache. Never stores an answer to a request that
    carried ``Authorization`` or ``Cookie``: such a request is passed on untouched."""

    def __init__(self, fetcher: HttpFetcher, cache: HttpCache) -> None:
        self.fetcher = fetcher
        self.cache = cache

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        given = dict(headers or {})
        if _private(given) or "no-store" in _directives(
                {k.lower(): v for k, v in given.items()}, "cache-control"):
            return self.fetcher.fetch(url, given)
        key = request_key(url, given)
        entry = self.cache.load(key, url)
        conditions = entry.conditions() if entry is not None else {}
        fetched = self.fetcher.fetch(url, {**given, **conditions})
        if fetched.status == 304 and entry is not None and conditions:
            return self._revalidated(key, entry, fetched)
        if _storable(fetched):
            self.cache.store(key, Entry(url, fetched.status, fetched.media_type,
                                        _stored_headers(fetched.headers), fetched.data))
        elif entry is not None:
            self.cache.forget(key)  # no-store now, or changed to something not kept
        return fetched

    def _revalidated(self, key: str, entry: Entry, answer: Fetched) -> Fetched:
        """The stored answer, its headers freshened by the 304's (RFC 9111 §4.3.4)."""
        headers = {**entry.headers, **_stored_headers(answer.headers)}
        if "no-store" in _directives(answer.headers, "cache-control"):
            self.cache.forget(key)
        elif headers != dict(entry.headers):
            self.cache.store(key, Entry(entry.url, entry.status, entry.media_type, headers,
                                        entry.body))
        return Fetched(entry.url, entry.body, entry.media_type, entry.status, headers)


def _storable(fetched: Fetched) -> bool:
    headers = fetched.headers
    return (fetched.status == 200
            and "no-store" not in _directives(headers, "cache-control")
            and "*" not in {v.strip() for v in headers.get("vary", "").split(",")}
            and bool(headers.get("etag") or headers.get("last-modified")))


def _stored_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {name: value for name, value in headers.items() if name not in _UNSTORED_HEADERS}
