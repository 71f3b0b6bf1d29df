"""The HTTP cache against the real local HTTPS server of test_live_site.py: a second
``peptidebook fetch`` of a 250-post site makes only conditional requests, each answered 304,
and saves the same files; the second build of a book with an image asks for it conditionally
and takes it from the cache (``build --allow-host 127.0.0.1``; without it the image is
refused, as before); ``--no-cache`` asks again for everything; ``--header``.

The server here answers as a site with validators does: each page with an ``ETag`` and a
``Last-Modified``, a 304 when ``If-None-Match`` names the ETag; the image with a
``Last-Modified`` alone, a 304 when ``If-Modified-Since`` names it.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from peptidebook.cli import main
from peptidebook.fetching import HttpsFetcher, StatusError
from peptidebook.fetching import wordpress_site as site_module
from peptidebook.fetching.site_options import PASSWORD_VARIABLE

from .test_live_site import NOW, TOTAL, Site, _Handler, posts_of, send, site
from .test_selection_live import PASSWORD, USER, Wp, _WordPress, wp

__all__ = ["site", "wp"]  # the fixtures, imported to be used here

IMAGE_PATH = "/images/square.png"
MODIFIED = "Tue, 05 May 2026 10:00:00 GMT"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


PNG = _png()


@dataclass(frozen=True)
class Request:
    path: str
    if_none_match: str | None
    if_modified_since: str | None
    status: int
    extra: str | None  # the X-Site-Key header, if sent


@pytest.fixture
def validating(site: Site, monkeypatch: pytest.MonkeyPatch) -> list[Request]:
    """``site`` answering with validators and 304s; the requests it was sent, in order."""
    requests: list[Request] = []

    def do_get(handler: _Handler) -> None:
        parts = urlsplit(handler.path)
        match_etag = handler.headers.get("If-None-Match")
        since = handler.headers.get("If-Modified-Since")
        if parts.path == IMAGE_PATH:
            fresh = since == MODIFIED
            status = 304 if fresh else 200
            send(handler, status, b"" if fresh else PNG, ("Content-Type", "image/png"),
                 ("Last-Modified", MODIFIED))
        else:
            page = int(parse_qs(parts.query)["page"][0])
            etag = f'"page-{page}"'
            if match_etag == etag:
                status = 304
                send(handler, 304, b"", ("ETag", etag))
            else:
                status = 200
                send(handler, 200, json.dumps(posts_of(page)).encode(),
                     ("Content-Type", "application/json; charset=UTF-8"),
                     ("X-WP-Total", str(TOTAL)), ("X-WP-TotalPages", str(-(-TOTAL // 100))),
                     ("ETag", etag), ("Last-Modified", MODIFIED))
        requests.append(Request(parts.path, match_etag, since, status,
                                handler.headers.get("X-Site-Key")))

    monkeypatch.setattr(_Handler, "do_GET", do_get)
    return requests


class _FrozenClock(datetime):
    @classmethod
    def now(cls, tz: object = None) -> _FrozenClock:
        return cls.fromtimestamp(NOW.timestamp(), NOW.tzinfo)


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fetch's retrieval stamp at :data:`NOW`: two runs save the same bytes."""
    monkeypatch.setattr(site_module, "datetime", _FrozenClock)


def fetch(site: Site, output: Path, *options: str) -> int:
    return main(["fetch", site.url, "--allow-host", "127.0.0.1", "-o", str(output), *options])


def saved(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.json"))}


# ------------------------------------------------------------------------ the done-when check
def test_a_second_fetch_makes_only_conditional_requests_and_saves_the_same_files(
        site: Site, validating: list[Request], frozen: None, tmp_path: Path) -> None:
    assert fetch(site, tmp_path / "first") == 0
    first_run = list(validating)
    assert [(r.if_none_match, r.if_modified_since, r.status) for r in first_run] == [
        (None, None, 200)] * 3
    validating.clear()
    assert fetch(site, tmp_path / "second") == 0
    # Pages 2 and 3 are fetched together (fetching/_pool.py): in either order.
    assert sorted((r.if_none_match, r.if_modified_since, r.status) for r in validating) == [
        (f'"page-{page}"', MODIFIED, 304) for page in (1, 2, 3)]
    first, second = saved(tmp_path / "first"), saved(tmp_path / "second")
    assert len(first) == TOTAL
    assert first == second


def test_no_cache_fetches_everything_again(site: Site, validating: list[Request],
                                           tmp_path: Path) -> None:
    assert fetch(site, tmp_path / "out") == 0
    assert fetch(site, tmp_path / "out", "--no-cache") == 0
    assert [r.status for r in validating] == [200] * 6
    assert {r.if_none_match for r in validating} == {None}


def test_a_damaged_cache_is_fetched_again_whole(site: Site, validating: list[Request],
                                                tmp_path: Path) -> None:
    assert fetch(site, tmp_path / "out") == 0
    cache = Path(os.environ["PEPTIDEBOOK_CACHE_DIR"])
    for entry in cache.glob("http/v1/entries/*/*.json"):
        entry.write_bytes(b"{not json")
    validating.clear()
    assert fetch(site, tmp_path / "out") == 0
    assert [r.status for r in validating] == [200] * 3
    assert len(saved(tmp_path / "out")) == TOTAL


def test_a_header_is_sent_with_every_request(site: Site, validating: list[Request],
                                             tmp_path: Path) -> None:
    assert fetch(site, tmp_path / "out", "--header", "X-Site-Key: k1") == 0
    assert [r.extra for r in validating] == ["k1"] * 3


def test_an_authorization_header_keeps_answers_out_of_the_cache(
        site: Site, validating: list[Request], tmp_path: Path) -> None:
    for _ in range(2):
        assert fetch(site, tmp_path / "out", "--header", "Authorization: Basic eDp5") == 0
    assert [r.status for r in validating] == [200] * 6
    cache = Path(os.environ["PEPTIDEBOOK_CACHE_DIR"])
    assert list(cache.glob("http/v1/entries/*/*.json")) == []


# ------------------------------------------------------------------------ the build's images
def build(site: Site, tmp_path: Path, out: str, *options: str) -> bytes:
    article = tmp_path / "article.md"
    article.write_text(f"# A square\n\nIt is red.\n\n![A red square]({site.url}{IMAGE_PATH})\n",
                       encoding="utf-8")
    assert main(["build", str(article), "-o", str(tmp_path / out), "-f", "epub", "-q",
                 "--allow-host", "127.0.0.1", *options]) == 0
    [book] = (tmp_path / out).glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        [image] = [name for name in epub.namelist() if name.endswith(".png")]
        return epub.read(image)


def test_the_second_build_takes_the_image_from_the_cache(
        site: Site, validating: list[Request], tmp_path: Path) -> None:
    first = build(site, tmp_path, "first")
    second = build(site, tmp_path, "second")
    assert [(r.path, r.if_modified_since, r.status) for r in validating] == [
        (IMAGE_PATH, None, 200), (IMAGE_PATH, MODIFIED, 304)]
    assert first == second


def test_a_build_with_no_cache_downloads_the_image_again(
        site: Site, validating: list[Request], tmp_path: Path) -> None:
    build(site, tmp_path, "first")
    build(site, tmp_path, "second", "--no-cache")
    assert [r.status for r in validating] == [200, 200]


def test_without_allow_host_the_build_still_refuses_a_local_image(
        site: Site, validating: list[Request], tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text(f"# A square\n\n![A red square]({site.url}{IMAGE_PATH})\n",
                       encoding="utf-8")
    report = tmp_path / "report.json"
    assert main(["build", str(article), "-o", str(tmp_path / "out"), "-f", "epub", "-q",
                 "--report", str(report)]) == 0
    codes = [d["code"] for d in json.loads(report.read_text(encoding="utf-8"))["diagnostics"]]
    assert "fetch-refused" in codes
    assert validating == []


# ------------------------------------------------------------------------ 304 in the fetcher
def test_the_fetcher_returns_a_304_to_a_conditional_request(
        site: Site, validating: list[Request]) -> None:
    fetcher = HttpsFetcher(allow_hosts=frozenset({"127.0.0.1"}))
    answer = fetcher.fetch(site.url + IMAGE_PATH, {"If-Modified-Since": MODIFIED})
    assert (answer.status, answer.data, answer.headers["last-modified"]) == (304, b"", MODIFIED)


def test_a_304_to_a_request_that_was_not_conditional_is_an_error(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_Handler, "do_GET", lambda handler: send(handler, 304, b""))
    fetcher = HttpsFetcher(allow_hosts=frozenset({"127.0.0.1"}))
    with pytest.raises(StatusError, match=r"HTTP 304 Not Modified$") as caught:
        fetcher.fetch(site.url + IMAGE_PATH)
    assert caught.value.status == 304


# ------------------------------------------------------------------------ a login is never kept
def test_answers_to_an_application_password_login_are_never_stored(
        wp: Wp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def json_with_validators(handler: _WordPress, answer: object) -> None:
        send(handler, 200, json.dumps(answer).encode(), ("Content-Type", "application/json"),
             ("X-WP-Total", str(len(answer) if isinstance(answer, list) else 1)),
             ("X-WP-TotalPages", "1"), ("ETag", '"same"'), ("Last-Modified", MODIFIED))

    monkeypatch.setattr(_WordPress, "json", json_with_validators)
    cache = Path(os.environ["PEPTIDEBOOK_CACHE_DIR"])
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    options = ["fetch", wp.url, "--allow-host", "127.0.0.1", "-o", str(tmp_path / "out")]
    assert main([*options, "--user", USER, "--status", "draft"]) == 0
    assert list(cache.rglob("*.json")) == []
    assert main(options) == 0  # the same site without a login: kept, so validators were sent
    assert len(list(cache.rglob("*.json"))) == 1


def test_build_of_a_site_sends_a_header_with_every_request_for_its_posts(
        site: Site, validating: list[Request], tmp_path: Path) -> None:
    assert main(["build", site.url, "--allow-host", "127.0.0.1", "--header", "X-Site-Key: k2",
                 "-o", str(tmp_path / "book"), "-f", "epub", "-q"]) == 0
    assert [r.extra for r in validating] == ["k2"] * 3
    assert len(saved(tmp_path / "sources")) == TOTAL
