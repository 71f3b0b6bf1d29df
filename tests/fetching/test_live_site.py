"""``peptidebook fetch`` against a real HTTPS server: a stdlib server on 127.0.0.1 in a thread,
its certificate made at test time by trustme, serving REST answers as WordPress sends them
(250 posts, 100 a page, ``X-WP-Total`` and ``X-WP-TotalPages``) and the failures a live site
has: a 429 with ``Retry-After``, a 503 that passes and one that does not, a redirect, an answer
too slow, a body cut short. The client is the real one: vetting, TLS, ``--allow-host``, the CA
from ``SSL_CERT_FILE``. Nothing waits for real: the retries' sleep is injected.

Loopback only, no subprocess: these stay in the unit layer, each well under a second.
"""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from peptidebook import __version__
from peptidebook.cli import main
from peptidebook.diagnostics import Report
from peptidebook.errors import FetchError
from peptidebook.fetching import HttpsFetcher
from peptidebook.fetching import wordpress_site as site_module
from peptidebook.fetching.site_retry import Retry
from peptidebook.fetching.wordpress_site import SiteQuery, fetch_posts, page_url

trustme = pytest.importorskip("trustme")

TOTAL = 250
PER_PAGE = 100
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)

#: A scripted answer: writes a response to the request the handler holds.
Answer = Callable[["_Handler"], None]


@dataclass
class Site:
    """The server's state: its address, the answers scripted per page (used in turn, then the
    page itself), the requests it was sent, and the CA bundle that trusts it."""

    port: int
    ca_file: Path
    script: dict[int, list[Answer]] = field(default_factory=dict)
    asked: list[tuple[int, str, str]] = field(default_factory=list)  # page, UA, Accept
    release: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def pages_asked(self) -> list[int]:
        return [page for page, _agent, _accept in self.asked]


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        assert parts.path == "/wp-json/wp/v2/posts", parts.path
        assert query["per_page"] == [str(PER_PAGE)] and query["_embed"] == ["1"]
        page = int(query["page"][0])
        self.site.asked.append((page, self.headers.get("User-Agent", ""),
                                self.headers.get("Accept", "")))
        pending = self.site.script.get(page)
        if pending:
            pending.pop(0)(self)
        else:
            serve_page(self, page)

    def log_message(self, *_args: object) -> None:
        pass


def posts_of(page: int) -> list[dict[str, object]]:
    first = (page - 1) * PER_PAGE + 1
    return [{"id": n, "slug": f"post-{n}", "link": f"https://blog.example/post-{n}/",
             "date_gmt": "2026-05-05T10:00:00", "title": {"rendered": f"Post {n}"},
             "content": {"rendered": f"<p>Text of post {n}.</p>"}}
            for n in range(first, min(first + PER_PAGE, TOTAL + 1))]


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, *headers: tuple[str, str],
         length: int | None = None) -> None:
    handler.send_response(status)
    for name, value in headers:
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    handler.end_headers()
    handler.wfile.write(body)


def serve_page(handler: _Handler, page: int) -> None:
    send(handler, 200, json.dumps(posts_of(page)).encode(),
         ("Content-Type", "application/json; charset=UTF-8"), ("X-WP-Total", str(TOTAL)),
         ("X-WP-TotalPages", str(-(-TOTAL // PER_PAGE))))


def too_many(handler: _Handler) -> None:
    send(handler, 429, b'{"code":"too_many_requests"}', ("Retry-After", "3"))


def unavailable(handler: _Handler) -> None:
    send(handler, 503, b"<html>Service Unavailable</html>", ("Content-Type", "text/html"))


def moved(handler: _Handler) -> None:
    send(handler, 301, b"", ("Location", handler.path + "&moved=1"))


def cut_short(handler: _Handler) -> None:
    body = json.dumps(posts_of(2)).encode()
    send(handler, 200, body[:1000], ("Content-Type", "application/json"), length=len(body))
    handler.close_connection = True


def slow(handler: _Handler) -> None:
    handler.site.release.wait(5)  # past the client's timeout; released at teardown
    unavailable(handler)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the slow answer) closed its end: nothing to report


@contextmanager
def https_server(handler: type[BaseHTTPRequestHandler], tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, Path]]:
    """``handler`` served on https://127.0.0.1:PORT in a thread, its CA (in the file given
    back with the port) SSL_CERT_FILE's bundle."""
    ca = trustme.CA()
    certificate = ca.issue_cert("127.0.0.1", "localhost")
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate.configure_cert(context)
    server = _Server(("127.0.0.1", 0), handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1], ca_file
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """A WordPress site on https://127.0.0.1:PORT whose CA is SSL_CERT_FILE's bundle."""
    with https_server(_Handler, tmp_path, monkeypatch) as (port, ca_file):
        state = Site(port, ca_file)
        _Handler.site = state
        try:
            yield state
        finally:
            state.release.set()


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits the command's retries asked for, none of them waited."""
    waited: list[float] = []
    monkeypatch.setattr(site_module, "DEFAULT_RETRY", Retry(sleep=waited.append,
                                                            jitter=lambda: 0.5))
    return waited


def fetch(site: Site, *options: str, output: Path) -> int:
    return main(["fetch", site.url, "--allow-host", "127.0.0.1", "-o", str(output), *options])


def saved_ids(folder: Path) -> list[int]:
    return sorted(json.loads(path.read_text(encoding="utf-8"))["id"]
                  for path in folder.glob("*.json"))


# ------------------------------------------------------------------------ the done-when check
def test_every_post_is_fetched_despite_a_429_and_a_transient_503(
        site: Site, waits: list[float], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    site.script = {2: [too_many], 3: [unavailable]}
    assert fetch(site, output=tmp_path / "out") == 0
    assert saved_ids(tmp_path / "out") == list(range(1, TOTAL + 1))
    assert sorted(site.pages_asked()) == [1, 2, 2, 3, 3]
    # Retry-After: 3 (page 2), the jittered first backoff 1 s × 0.5 (page 3), side by side
    assert sorted(waits) == [0.5, 3.0]
    assert {(agent, accept) for _page, agent, accept in site.asked} == {
        (f"peptidebook/{__version__}", "application/json")}
    assert "error" not in capsys.readouterr().err


def test_a_503_that_persists_exits_non_zero_naming_the_page_and_saves_nothing(
        site: Site, waits: list[float], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    site.script = {2: [unavailable] * 5}
    assert fetch(site, output=tmp_path / "out") == 3
    err = capsys.readouterr().err
    assert (f"peptidebook: error: {site.url}/wp-json/wp/v2/posts?per_page=100&page=2&_embed=1: "
            "page 2 of 3 not fetched: HTTP 503 Service Unavailable (tried 5 times); 100 of 250 "
            "posts were fetched (page 1); nothing was saved") in err
    assert sorted(site.pages_asked()) == [1, 2, 2, 2, 2, 2, 3]  # page 3 fetched alongside
    assert len(waits) == 4
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_with_allow_partial_the_missing_page_is_named_and_the_rest_saved(
        site: Site, waits: list[float], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    site.script = {2: [unavailable] * 5}
    report = tmp_path / "report.json"
    assert fetch(site, "--allow-partial", "--report", str(report), output=tmp_path / "out") == 0
    assert saved_ids(tmp_path / "out") == [*range(1, 101), *range(201, 251)]
    diagnostics = json.loads(report.read_text(encoding="utf-8"))["diagnostics"]
    assert [(d["code"], d["where"]) for d in diagnostics] == [
        ("fetch-refused", page_url(SiteQuery(site.url), 2))]
    assert diagnostics[0]["message"].startswith("page 2 of 3 not fetched: HTTP 503 ")
    assert "warning" in capsys.readouterr().err


def test_without_allow_host_the_local_site_is_refused(
        site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch", site.url, "-o", str(tmp_path / "out")]) == 3
    assert "host is not a public address: 127.0.0.1 is loopback" in capsys.readouterr().err
    assert site.asked == []


def test_without_the_ca_the_certificate_is_refused(
        site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # --allow-host skips the address vetting only: TLS is still checked.
    monkeypatch.delenv("SSL_CERT_FILE")
    assert fetch(site, output=tmp_path / "out") == 3
    assert "CERTIFICATE_VERIFY_FAILED" in capsys.readouterr().err
    assert site.asked == []


# ------------------------------------------------------------------------ the HTTPS fetcher
def fetched_by_library(site: Site, timeout: float = 20.0) -> list[int]:
    fetcher = HttpsFetcher(allow_hosts=frozenset({"127.0.0.1"}), timeout=timeout)
    got = fetch_posts(SiteQuery(site.url), fetcher, now=lambda: NOW, report=Report(),
                      retry=Retry(sleep=lambda _s: None))
    return [post["id"] for post in got if isinstance(post["id"], int)]


def test_a_redirect_is_followed_and_its_answer_read(site: Site) -> None:
    site.script = {3: [moved]}
    assert fetched_by_library(site) == list(range(1, TOTAL + 1))
    assert sorted(site.pages_asked()) == [1, 2, 3, 3]


def test_a_body_cut_short_is_fetched_again(site: Site) -> None:
    site.script = {2: [cut_short]}
    assert fetched_by_library(site) == list(range(1, TOTAL + 1))
    assert sorted(site.pages_asked()) == [1, 2, 2, 3]


def test_an_answer_past_the_timeout_is_fetched_again(site: Site) -> None:
    site.script = {2: [slow]}
    assert fetched_by_library(site, timeout=0.3) == list(range(1, TOTAL + 1))
    assert sorted(site.pages_asked()) == [1, 2, 2, 3]


def test_a_timeout_on_every_attempt_names_it(site: Site) -> None:
    site.script = {1: [slow] * 2}
    fetcher = HttpsFetcher(allow_hosts=frozenset({"127.0.0.1"}), timeout=0.2)
    with pytest.raises(FetchError, match=r"no answer within 0.2 s \(tried 2 times\)$"):
        fetch_posts(SiteQuery(site.url), fetcher, retry=Retry(attempts=2, sleep=lambda _s: None))
