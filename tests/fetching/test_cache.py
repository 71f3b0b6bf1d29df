"""The on-disk HTTP cache (fetching/_cache.py) over a scripted fetcher: what is stored, what
is asked conditionally, what a 304 serves, what is never stored, damaged entries, pruning."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from peptidebook.fetching import CachingFetcher, Fetched, HttpCache, cache_folder, open_cache
from peptidebook.fetching._cache import request_key

URL = "https://blog.example/wp-json/wp/v2/posts?page=1"
BODY = b'[{"id": 1}]'
VALIDATED = {"etag": '"v1"', "last-modified": "Tue, 05 May 2026 10:00:00 GMT",
             "content-type": "application/json", "x-wp-total": "1"}


class Server:
    """A fetcher that answers as a site would: the body with ``headers``, or a 304 when the
    request's If-None-Match names the current ETag. Records each request's headers."""

    def __init__(self, body: bytes = BODY, headers: Mapping[str, str] = VALIDATED) -> None:
        self.body = body
        self.headers = dict(headers)
        self.not_modified_headers: dict[str, str] = {}
        self.requests: list[dict[str, str]] = []

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        sent = dict(headers or {})
        self.requests.append(sent)
        etag = self.headers.get("etag")
        if etag is not None and sent.get("If-None-Match") == etag:
            return Fetched(url, b"", "text/plain", 304,
                           {"etag": etag, **self.not_modified_headers})
        return Fetched(url, self.body, "application/json", 200, dict(self.headers))


@pytest.fixture
def cache(tmp_path: Path) -> HttpCache:
    return open_cache(tmp_path / "cache")


def twice(server: Server, cache: HttpCache,
          headers: Mapping[str, str] | None = None) -> tuple[Fetched, Fetched]:
    fetcher = CachingFetcher(server, cache)
    return fetcher.fetch(URL, headers), fetcher.fetch(URL, headers)


def entry_files(cache: HttpCache) -> list[Path]:
    return sorted((cache.folder / "entries").glob("*/*.json"))


def body_files(cache: HttpCache) -> list[Path]:
    return sorted((cache.folder / "bodies").glob("*/*"))


def test_the_second_fetch_is_conditional_and_a_304_serves_the_stored_answer(
        cache: HttpCache) -> None:
    server = Server()
    first, second = twice(server, cache, {"Accept": "application/json"})
    assert server.requests == [
        {"Accept": "application/json"},
        {"Accept": "application/json", "If-None-Match": '"v1"',
         "If-Modified-Since": "Tue, 05 May 2026 10:00:00 GMT"}]
    assert (second.data, second.status, second.media_type) == (BODY, 200, "application/json")
    assert second.headers["x-wp-total"] == "1"  # the totals the REST reader needs
    assert first.data == second.data


def test_the_body_is_stored_under_its_sha256_and_the_entry_as_json(cache: HttpCache) -> None:
    twice(Server(), cache)
    [body] = body_files(cache)
    assert body.name == hashlib.sha256(BODY).hexdigest() and body.read_bytes() == BODY
    [entry] = entry_files(cache)
    assert entry.stem == request_key(URL, {})
    record = json.loads(entry.read_text(encoding="utf-8"))
    assert (record["url"], record["body"], record["headers"]["etag"]) == (
        URL, body.name, '"v1"')


def test_one_body_serves_two_urls_with_the_same_content(cache: HttpCache) -> None:
    fetcher = CachingFetcher(Server(), cache)
    fetcher.fetch(URL)
    fetcher.fetch(URL + "&again=1")
    assert (len(entry_files(cache)), len(body_files(cache))) == (2, 1)


def test_a_changed_answer_replaces_the_stored_one(cache: HttpCache) -> None:
    server = Server()
    fetcher = CachingFetcher(server, cache)
    fetcher.fetch(URL)
    server.body, server.headers["etag"] = b'[{"id": 2}]', '"v2"'
    assert fetcher.fetch(URL).data == b'[{"id": 2}]'
    assert fetcher.fetch(URL).data == b'[{"id": 2}]'
    assert server.requests[-1]["If-None-Match"] == '"v2"'


def test_a_304_freshens_the_stored_headers(cache: HttpCache) -> None:
    server = Server()
    fetcher = CachingFetcher(server, cache)
    fetcher.fetch(URL)
    server.not_modified_headers = {"x-wp-total": "2", "content-length": "0"}
    assert fetcher.fetch(URL).headers["x-wp-total"] == "2"
    assert fetcher.fetch(URL).headers["x-wp-total"] == "2"  # kept
    assert "content-length" not in fetcher.fetch(URL).headers  # RFC 9111 §3.2


def test_a_last_modified_alone_is_asked_with_if_modified_since(cache: HttpCache) -> None:
    server = Server(headers={"last-modified": "Tue, 05 May 2026 10:00:00 GMT"})
    twice(server, cache)
    assert server.requests[1] == {"If-Modified-Since": "Tue, 05 May 2026 10:00:00 GMT"}


@pytest.mark.parametrize("request_headers", [
    {"Authorization": "Basic ZWRpdG9yOnNlY3JldA=="},
    {"authorization": "Bearer token"},
    {"Cookie": "wordpress_logged_in=abc"},
    {"Cache-Control": "no-store"},
])
def test_a_private_or_no_store_request_is_neither_stored_nor_made_conditional(
        cache: HttpCache, request_headers: dict[str, str]) -> None:
    server = Server()
    twice(server, cache, request_headers)
    assert server.requests == [request_headers, request_headers]
    assert (entry_files(cache), body_files(cache)) == ([], [])


def test_a_private_request_does_not_read_what_a_public_one_stored(cache: HttpCache) -> None:
    server = Server()
    fetcher = CachingFetcher(server, cache)
    fetcher.fetch(URL)
    fetcher.fetch(URL, {"Authorization": "Basic eDp5"})
    assert server.requests[1] == {"Authorization": "Basic eDp5"}


@pytest.mark.parametrize("headers", [
    {**VALIDATED, "cache-control": "private, no-store"},
    {**VALIDATED, "vary": "Accept, *"},
    {"content-type": "application/json"},  # no validator: it could never be revalidated
])
def test_an_answer_the_cache_may_not_or_cannot_use_is_not_stored(
        cache: HttpCache, headers: dict[str, str]) -> None:
    server = Server(headers=headers)
    twice(server, cache)
    assert server.requests == [{}, {}]
    assert entry_files(cache) == []


def test_an_answer_now_marked_no_store_drops_the_stored_entry(cache: HttpCache) -> None:
    server = Server()
    fetcher = CachingFetcher(server, cache)
    fetcher.fetch(URL)
    server.body, server.headers = b"[]", {**VALIDATED, "etag": '"v2"',
                                          "cache-control": "no-store"}
    fetcher.fetch(URL)
    assert entry_files(cache) == []
    fetcher.fetch(URL)
    assert server.requests[-1] == {}


def test_the_answers_session_cookie_is_not_stored(cache: HttpCache) -> None:
    twice(Server(headers={**VALIDATED, "set-cookie": "session=1"}), cache)
    [entry] = entry_files(cache)
    assert "set-cookie" not in json.loads(entry.read_text(encoding="utf-8"))["headers"]


def test_request_headers_are_part_of_the_key(cache: HttpCache) -> None:
    server = Server()
    fetcher = CachingFetcher(server, cache)
    fetcher.fetch(URL, {"Accept": "application/json"})
    fetcher.fetch(URL, {"Accept": "text/html"})
    assert server.requests[1] == {"Accept": "text/html"}  # not conditional: another entry


# ------------------------------------------------------------------------ damaged entries
def damage_entry(cache: HttpCache, content: bytes) -> None:
    [entry] = entry_files(cache)
    entry.write_bytes(content)


@pytest.mark.parametrize("content", [
    b"", b"{", b"\xff\xfe", b"[]", b"null", b'{"format": 1}', b"[" * 100_000,
    b'{"format": 1, "url": "https://other.example/", "status": 200, "media_type": "x/y", '
    b'"headers": {}, "body": "' + b"0" * 64 + b'"}',
    b'{"format": 1, "url": "' + URL.encode() + b'", "status": "200", "media_type": "x/y", '
    b'"headers": {}, "body": "' + b"0" * 64 + b'"}',
    b'{"format": 1, "url": "' + URL.encode() + b'", "status": 200, "media_type": "x/y", '
    b'"headers": {"etag": 1}, "body": "../../etc/passwd"}',
])
def test_a_damaged_entry_is_ignored_and_fetched_again(
        cache: HttpCache, content: bytes, caplog: pytest.LogCaptureFixture) -> None:
    server = Server()
    fetcher = CachingFetcher(server, cache)
    fetcher.fetch(URL)
    damage_entry(cache, content)
    with caplog.at_level(logging.WARNING):
        assert fetcher.fetch(URL).data == BODY
    assert server.requests[1] == {}  # unconditional
    assert "HTTP cache entry unusable" in caplog.text
    assert fetcher.fetch(URL).data == BODY and "If-None-Match" in server.requests[2]


def test_a_damaged_body_is_removed_and_fetched_again(cache: HttpCache) -> None:
    server = Server()
    fetcher = CachingFetcher(server, cache)
    fetcher.fetch(URL)
    [body] = body_files(cache)
    body.write_bytes(b"[]")
    assert fetcher.fetch(URL).data == BODY
    assert server.requests[1] == {}
    assert body.read_bytes() == BODY  # stored again


def test_a_missing_body_is_a_miss(cache: HttpCache) -> None:
    server = Server()
    fetcher = CachingFetcher(server, cache)
    fetcher.fetch(URL)
    [body] = body_files(cache)
    body.unlink()
    assert fetcher.fetch(URL).data == BODY and server.requests[1] == {}


def test_an_unreadable_entry_is_a_miss(cache: HttpCache) -> None:
    server = Server()
    fetcher = CachingFetcher(server, cache)
    fetcher.fetch(URL)
    [entry] = entry_files(cache)
    entry.unlink()
    entry.mkdir()  # reading it fails with an OSError that is not "not found"
    assert fetcher.fetch(URL).data == BODY and server.requests[1] == {}


def test_a_cache_that_cannot_be_written_is_logged_once_and_the_fetch_goes_on(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    fetcher = CachingFetcher(Server(), HttpCache(blocker))
    with caplog.at_level(logging.WARNING):
        assert fetcher.fetch(URL).data == BODY
        assert fetcher.fetch(URL + "&2").data == BODY
    assert caplog.text.count("HTTP cache not written") == 1


# ------------------------------------------------------------------------ folder and size
def test_the_folder_is_peptidebook_cache_dir_when_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEPTIDEBOOK_CACHE_DIR", str(tmp_path / "c"))
    assert cache_folder() == tmp_path / "c"
    assert open_cache().folder == tmp_path / "c" / "http" / "v1"


def test_else_the_platforms_user_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEPTIDEBOOK_CACHE_DIR")
    assert "peptidebook" in cache_folder().parts


def test_prune_removes_the_least_recently_used_bodies_first(tmp_path: Path) -> None:
    cache = HttpCache(tmp_path)
    fetcher = CachingFetcher(Server(), cache)
    for n, body in enumerate([b"a" * 100, b"b" * 100, b"c" * 100]):
        server = Server(body=body)
        CachingFetcher(server, cache).fetch(f"{URL}&n={n}")
    paths = {p.read_bytes()[:1]: p for p in body_files(cache)}
    for age, name in enumerate([b"c", b"a", b"b"]):  # a used after c, b most recently
        os.utime(paths[name], (1000 + age, 1000 + age))
    cache.prune(200)
    assert sorted(p.read_bytes()[:1] for p in body_files(cache)) == [b"a", b"b"]
    assert fetcher.fetch(f"{URL}&n=2").data == BODY  # its body gone: a miss, fetched again
