"""HttpsFetcher: one resolution, vetted addresses, a connection to the vetted address itself.

Unit tests never touch the network: a fake resolver and a fake connector stand in for it (and a
guard fails any test that reaches ``socket`` itself); the one test that talks TLS to a local
server is ``integration`` and reaches it only through ``allow_hosts``.
"""

from __future__ import annotations

import importlib.metadata
import io
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from peptidebook.errors import FetchError
from peptidebook.fetching import (
    HttpsFetcher,
    StatusError,
    TlsConnector,
    TransientError,
    default_context,
    system_resolver,
)

PUBLIC = "93.184.216.34"


def answer(status: str = "200 OK", body: bytes = b"", *headers: str,
           length: bool = True) -> bytes:
    """An HTTP/1.1 response as a server sends it."""
    lines = [f"HTTP/1.1 {status}", "Content-Type: image/png", *headers]
    if length:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def redirect(location: str, status: str = "302 Found") -> bytes:
    return answer(status, b"", f"Location: {location}")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeConnection:
    """A connected socket that answers ``incoming``: ``per_read`` bytes at a time, each read
    moving ``clock`` on by ``seconds_per_read``; past ``stall_after`` bytes every read waits
    out its timeout and times out."""

    def __init__(self, incoming: bytes, *, per_read: int = 1 << 20, clock: Clock | None = None,
                 seconds_per_read: float = 0.0, stall_after: int | None = None) -> None:
        self.incoming = io.BytesIO(incoming)
        self.per_read = per_read
        self.clock = clock
        self.seconds_per_read = seconds_per_read
        self.stall_after = stall_after
        self.sent = bytearray()
        self.timeouts: list[float | None] = []
        self.received = 0
        self.closed = False

    def recv_into(self, buffer: Any, /) -> int:
        if self.stall_after is not None and self.received >= self.stall_after:
            if self.clock is not None and self.timeouts[-1] is not None:
                self.clock.now += self.timeouts[-1]
            raise TimeoutError("timed out")
        if self.clock is not None:
            self.clock.now += self.seconds_per_read
        data = self.incoming.read(min(len(buffer), self.per_read))
        buffer[:len(data)] = data
        self.received += len(data)
        return len(data)

    def sendall(self, data: bytes, /) -> None:
        self.sent += data

    def settimeout(self, value: float | None, /) -> None:
        self.timeouts.append(value)

    def close(self) -> None:
        self.closed = True

    @property
    def request_head(self) -> list[str]:
        return self.sent.decode("ascii").split("\r\n\r\n")[0].split("\r\n")


class FakeNetwork:
    """A resolver whose answers per host may change from call to call (the last one repeats),
    and a connector that records ``(ip, port, server_hostname)`` and answers with the next
    connection of ``connections`` (bytes become a :class:`FakeConnection`)."""

    def __init__(self, dns: dict[str, list[list[str]]] | None = None,
                 *connections: bytes | FakeConnection | OSError) -> None:
        self.dns = {host: list(answers) for host, answers in (dns or {}).items()}
        self.pending = list(connections)
        self.resolved: list[str] = []
        self.connected: list[tuple[str, int, str]] = []
        self.connections: list[FakeConnection] = []
        #: When set, a connection that times out first waits out its timeout on this clock.
        self.clock: Clock | None = None

    def resolve(self, host: str, port: int) -> list[str]:
        self.resolved.append(host)
        answers = self.dns.get(host)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return answers.pop(0) if len(answers) > 1 else answers[0]

    def connect(self, ip: str, port: int, server_hostname: str, timeout: float) -> FakeConnection:
        self.connected.append((ip, port, server_hostname))
        pending = self.pending.pop(0)
        if isinstance(pending, OSError):
            if isinstance(pending, TimeoutError) and self.clock is not None:
                self.clock.now += timeout
            raise pending
        connection = pending if isinstance(pending, FakeConnection) else FakeConnection(pending)
        self.connections.append(connection)
        return connection

    def fetcher(self, **options: Any) -> HttpsFetcher:
        return HttpsFetcher(resolver=self.resolve, connector=self.connect, **options)


@pytest.fixture(autouse=True)
def no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A unit test that resolves or connects through ``socket`` itself fails."""
    if request.node.get_closest_marker("integration"):
        return

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a unit test reached the network")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def refusal(fetcher: HttpsFetcher, url: str) -> str:
    with pytest.raises(FetchError) as raised:
        fetcher.fetch(url)
    message = str(raised.value)
    assert message.startswith(f"{url}: not fetched: ")
    assert "\n" not in message
    return message


# ------------------------------------------------------------------------------ one resolution
def test_dns_rebinding_cannot_reach_the_second_answer() -> None:
    # The resolver answers a public address, then loopback: only the first is ever used.
    network = FakeNetwork({"rebind.example": [[PUBLIC], ["127.0.0.1"]]}, answer(body=b"png"))
    fetched = network.fetcher().fetch("https://rebind.example/a.png")
    assert fetched.data == b"png"
    assert network.resolved == ["rebind.example"]
    assert network.connected == [(PUBLIC, 443, "rebind.example")]


def test_dns_rebinding_through_the_standard_library(monkeypatch: pytest.MonkeyPatch) -> None:
    # The default resolver and connector: getaddrinfo is asked once, and the socket connects
    # to the address it answered, never to the name (which would be resolved a second time).
    answers = iter([PUBLIC, "127.0.0.1"])
    resolved: list[str] = []
    connected: list[object] = []

    def getaddrinfo(host: str, port: int, *_args: object, **_kwargs: object) -> list[Any]:
        resolved.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    def connect(_sock: socket.socket, address: object) -> None:
        connected.append(address)
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    message = refusal(HttpsFetcher(), "https://rebind.example/a.png")
    assert "could not connect (93.184.216.34 port 443: [Errno 111] Connection refused)" in message
    assert resolved == ["rebind.example"]
    assert connected == [(PUBLIC, 443)]


def test_the_default_connector_checks_tls_against_the_host_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    context = ssl.create_default_context()
    wrapped: list[object] = []
    connected: list[object] = []
    monkeypatch.setattr(socket.socket, "connect", lambda _s, address: connected.append(address))

    def wrap_socket(sock: socket.socket, server_hostname: str) -> socket.socket:
        wrapped.append(server_hostname)
        return sock
    monkeypatch.setattr(context, "wrap_socket", wrap_socket)
    TlsConnector(context)(PUBLIC, 8443, "example.org", 5.0).close()
    assert connected == [(PUBLIC, 8443)]
    assert wrapped == ["example.org"]


def test_a_context_that_checks_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="verifies certificates"):
        TlsConnector(ssl._create_unverified_context())


def test_the_system_resolver_answers_each_address_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", lambda *_a, **_k: [
        (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("2606:4700::1", 443, 0, 0)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC, 443)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC, 443)),
    ])
    assert system_resolver("example.org", 443) == ["2606:4700::1", PUBLIC]


# ------------------------------------------------------------------------------ vetting
@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "::127.0.0.1", "64:ff9b::7f00:1",
    "::ffff:127.0.0.1", "2002:7f00:1::", "2001:0:5db8:d822::80ff:fffe", "fd00::1", "fec0::1",
    "100.64.0.1", "198.18.0.1",
])
def test_a_name_that_resolves_to_a_hidden_private_address_is_refused(address: str) -> None:
    network = FakeNetwork({"evil.example": [[address]]})
    message = refusal(network.fetcher(), "https://evil.example/a.png")
    assert f"host is not a public address: evil.example has address {address}," in message
    assert network.connected == []


def test_one_private_address_among_public_ones_refuses_the_host() -> None:
    network = FakeNetwork({"mixed.example": [[PUBLIC, "10.0.0.1"]]})
    assert "has address 10.0.0.1, private" in refusal(network.fetcher(), "https://mixed.example/")
    assert network.connected == []


@pytest.mark.parametrize(("addresses", "connected"), [
    (["2606:4700::1111"], "2606:4700::1111"),
    (["::ffff:93.184.216.34"], PUBLIC),
    (["64:ff9b::5db8:d822"], "64:ff9b::5db8:d822"),
    (["2002:5db8:d822::1"], "2002:5db8:d822::1"),
])
def test_a_name_that_resolves_to_public_addresses_is_fetched(addresses: list[str],
                                                             connected: str) -> None:
    network = FakeNetwork({"example.org": [addresses]}, answer(body=b"x"))
    network.fetcher().fetch("https://example.org/a.png")
    assert network.connected == [(connected, 443, "example.org")]


def test_the_next_vetted_address_is_tried_when_one_does_not_answer() -> None:
    network = FakeNetwork({"example.org": [["2606:4700::1111", PUBLIC]]},
                          ConnectionRefusedError(111, "Connection refused"), answer(body=b"x"))
    assert network.fetcher().fetch("https://example.org/a.png").data == b"x"
    assert [ip for ip, _port, _name in network.connected] == ["2606:4700::1111", PUBLIC]


def test_an_address_literal_is_not_resolved() -> None:
    network = FakeNetwork({}, answer(body=b"x"))
    network.fetcher().fetch(f"https://{PUBLIC}:8443/a.png")
    assert network.resolved == []
    assert network.connected == [(PUBLIC, 8443, PUBLIC)]


@pytest.mark.parametrize("url", ["https://localhost/a.png", "https://api.localhost./a.png"])
def test_localhost_is_refused_without_resolving(url: str) -> None:
    network = FakeNetwork({"localhost": [[PUBLIC]], "api.localhost.": [[PUBLIC]]})
    assert "is loopback (RFC 6761 §6.3)" in refusal(network.fetcher(), url)
    assert network.resolved == []


def test_a_host_that_does_not_resolve_is_said_so() -> None:
    message = refusal(FakeNetwork().fetcher(), "https://nowhere.example/a.png")
    assert message.endswith("not fetched: could not resolve host nowhere.example "
                            "([Errno -2] Name or service not known)")
    assert "public" not in message


def test_an_allowed_host_that_does_not_resolve_is_said_so() -> None:
    fetcher = FakeNetwork().fetcher(allow_hosts=frozenset({"staging.example"}))
    assert "could not resolve host staging.example (" in refusal(
        fetcher, "https://staging.example/")


def test_a_host_without_addresses_is_said_so() -> None:
    network = FakeNetwork({"empty.example": [[]]})
    assert "could not resolve host empty.example (no address)" in refusal(
        network.fetcher(), "https://empty.example/")


def test_an_allowed_host_may_resolve_to_a_private_address() -> None:
    network = FakeNetwork({"staging.example": [["10.0.0.5"]], "other.example": [["10.0.0.6"]]},
                          answer(body=b"x"))
    fetcher = network.fetcher(allow_hosts=frozenset({"Staging.Example."}))
    assert fetcher.fetch("https://staging.example/a.png").data == b"x"
    assert "not a public address" in refusal(fetcher, "https://other.example/a.png")
    assert network.connected == [("10.0.0.5", 443, "staging.example")]


def test_no_host_is_allowed_by_default() -> None:
    assert HttpsFetcher().allow_hosts == frozenset()


# ------------------------------------------------------------------------------ the request
def test_the_request_names_the_host_the_path_and_the_agent() -> None:
    network = FakeNetwork({"xn--bcher-kva.example": [[PUBLIC]]}, answer(body=b"x"))
    network.fetcher().fetch("https://bücher.example:8443/bild%20ü.png?w=1&h=2#top")
    [connection] = network.connections
    assert connection.request_head[0] == "GET /bild%20%C3%BC.png?w=1&h=2 HTTP/1.1"
    assert "Host: xn--bcher-kva.example:8443" in connection.request_head
    assert f"User-Agent: peptidebook/{importlib.metadata.version('peptidebook')}" in (
        connection.request_head)
    assert network.connected == [(PUBLIC, 8443, "xn--bcher-kva.example")]
    assert connection.closed


def test_the_fetched_answer_keeps_the_url_and_the_media_type() -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]]}, answer(body=b"\x89PNG"))
    fetched = network.fetcher().fetch("https://example.org/a.png")
    assert (fetched.url, fetched.data, fetched.media_type, fetched.status) == (
        "https://example.org/a.png", b"\x89PNG", "image/png", 200)


def test_the_answer_tells_its_headers_names_in_lower_case() -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]]}, answer(
        "200 OK", b"[]", "X-WP-Total: 250", "X-WP-TotalPages: 3", "Link: <a>", "Link: <b>"))
    headers = network.fetcher().fetch("https://example.org/wp-json/wp/v2/posts").headers
    assert (headers["x-wp-total"], headers["x-wp-totalpages"], headers["link"]) == (
        "250", "3", "<a>, <b>")


def test_the_headers_are_those_of_the_answer_after_the_redirect() -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]]},
                          answer("301 Moved", b"", "Location: /b", "X-WP-Total: 1"),
                          answer("200 OK", b"x", "X-WP-Total: 2"))
    assert network.fetcher().fetch("https://example.org/a").headers["x-wp-total"] == "2"


def test_a_caller_adds_request_headers_on_every_hop() -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]]}, redirect("/b"), answer(body=b"x"))
    network.fetcher().fetch("https://example.org/a", {"Accept": "application/json",
                                                      "X-Extra": "1"})
    for connection in network.connections:
        head = connection.request_head
        assert "Accept: application/json" in head and "Accept: */*" not in head
        assert "X-Extra: 1" in head and "Connection: close" in head


@pytest.mark.parametrize("headers", [
    {"X-Bad": "a\r\nInjected: 1"}, {"Bad Name": "x"}, {"": "x"}, {"Host": "other.example"},
    {"connection": "keep-alive"},
])
def test_a_request_header_that_is_not_one_is_refused_before_connecting(
        headers: dict[str, str]) -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]]})
    with pytest.raises(ValueError, match=r"not an HTTP header field|sets .* itself"):
        network.fetcher().fetch("https://example.org/a", headers)
    assert network.connected == []


@pytest.mark.parametrize(("status", "headers"), [
    ("429 Too Many Requests", ("Retry-After: 7",)), ("503 Service Unavailable", ()),
    ("404 Not Found", ()),
])
def test_a_failed_status_is_told_with_its_headers_and_body(
        status: str, headers: tuple[str, ...]) -> None:
    body = b'{"code":"x"}'
    network = FakeNetwork({"example.org": [[PUBLIC]]}, answer(status, body, *headers))
    with pytest.raises(StatusError) as raised:
        network.fetcher().fetch("https://example.org/a")
    assert raised.value.status == int(status[:3])
    assert raised.value.body == body
    assert raised.value.headers.get("retry-after") == ("7" if headers else None)
    assert str(raised.value) == f"https://example.org/a: not fetched: HTTP {status}"


@pytest.mark.parametrize("connection", [
    FakeConnection(b"", stall_after=0),
    FakeConnection(answer(body=b"short")[:-2]),
    FakeConnection(b""),
], ids=["timeout", "truncated", "dropped"])
def test_an_answer_that_never_came_whole_is_transient(connection: FakeConnection) -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]]}, connection)
    with pytest.raises(TransientError):
        network.fetcher().fetch("https://example.org/a")


def test_a_connection_that_times_out_is_transient_one_refused_is_not() -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]]}, TimeoutError("timed out"),
                          ConnectionRefusedError(111, "Connection refused"))
    with pytest.raises(TransientError):
        network.fetcher().fetch("https://example.org/a")
    with pytest.raises(FetchError) as raised:
        network.fetcher().fetch("https://example.org/a")
    assert not isinstance(raised.value, TransientError | StatusError)


def test_the_ca_bundle_comes_from_ssl_cert_file(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    trustme = pytest.importorskip("trustme")
    bundle = tmp_path / "ca.pem"
    trustme.CA().cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    context = default_context()
    assert len(context.get_ca_certs()) == 1
    assert context.check_hostname and context.verify_mode == ssl.CERT_REQUIRED


def test_an_unreadable_ca_bundle_is_named(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with pytest.raises(FetchError, match=r"^SSL_CERT_FILE=.*missing\.pem: not read as CA "):
        default_context()


@pytest.mark.parametrize(("response", "reason"), [
    (answer("404 Not Found"), "not fetched: HTTP 404 Not Found"),
    (answer("500 \x1b[31mred"), "HTTP 500 \\x1b[31mred"),
    (b"garbage\r\n\r\n", "not fetched: not an HTTP answer (garbage)"),
    (answer(body=b"short")[:-2],
     "not fetched: the answer ended early (3 bytes read, 2 more expected)"),
    (answer("200 OK", b"5\r\nsh", "Transfer-Encoding: chunked", length=False),
     "not fetched: the answer ended early (0 bytes read)"),
    (answer("200 OK", b"", "X: " + "y" * 70_000), "got more than 65536 bytes"),
    (b"", "not fetched: Remote end closed connection without response"),
])
def test_a_failed_answer_is_one_line(response: bytes, reason: str) -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]]}, response)
    assert reason in refusal(network.fetcher(), "https://example.org/a.png")


def test_a_certificate_that_does_not_match_is_refused() -> None:
    error = ssl.SSLCertVerificationError(
        1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch")
    network = FakeNetwork({"example.org": [[PUBLIC]]}, error)
    message = refusal(network.fetcher(), "https://example.org/a.png")
    assert ("could not connect (93.184.216.34 port 443: [SSL: CERTIFICATE_VERIFY_FAILED] "
            "certificate verify failed: Hostname mismatch)") in message


# ------------------------------------------------------------------------------ redirects
@pytest.mark.parametrize(("location", "dns", "reason"), [
    ("https://127.0.0.1/a.png", {}, "host is not a public address: 127.0.0.1 is loopback"),
    ("https://[::127.0.0.1]/", {}, "::127.0.0.1 is the deprecated IPv4-compatible form"),
    ("https://inside.example/a.png", {"inside.example": [["10.0.0.1"]]},
     "inside.example has address 10.0.0.1, private (RFC 1918)"),
    ("http://example.org/a.png", {}, "only https:// URLs are fetched"),
    ("file:///etc/passwd", {}, "only https:// URLs are fetched"),
    ("https://[::1/", {}, "not a valid address: invalid IPv6 URL"),
])
def test_a_redirect_is_vetted_like_the_url(location: str, dns: dict[str, list[list[str]]],
                                           reason: str) -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]], **dns}, redirect(location))
    message = refusal(network.fetcher(), "https://example.org/a.png")
    assert reason in message
    assert message.endswith(f"(redirected to {location})")
    assert len(network.connected) == 1


def test_a_redirect_opens_a_new_vetted_connection() -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]], "cdn.example": [["2606:4700::1111"]]},
                          redirect("https://cdn.example/img/a.png", "301 Moved Permanently"),
                          answer(body=b"x"))
    fetched = network.fetcher().fetch("https://example.org/a.png")
    assert (fetched.url, fetched.data) == ("https://example.org/a.png", b"x")
    assert network.connected == [(PUBLIC, 443, "example.org"),
                                 ("2606:4700::1111", 443, "cdn.example")]
    assert network.connections[1].request_head[:2] == ["GET /img/a.png HTTP/1.1",
                                                       "Host: cdn.example"]


def test_a_relative_redirect_is_resolved_against_the_url() -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]]},
                          redirect("../b.png?v=2#frag", "308 Permanent Redirect"),
                          answer(body=b"x"))
    network.fetcher().fetch("https://example.org/img/sub/a.png")
    assert network.connections[1].request_head[0] == "GET /img/b.png?v=2 HTTP/1.1"


def test_five_redirects_are_followed_and_a_sixth_is_refused() -> None:
    hops = [redirect(f"https://example.org/{n}") for n in range(1, 6)]
    network = FakeNetwork({"example.org": [[PUBLIC]]}, *hops, answer(body=b"x"))
    assert network.fetcher().fetch("https://example.org/0").data == b"x"
    network = FakeNetwork({"example.org": [[PUBLIC]]},
                          *[redirect(f"https://example.org/{n}") for n in range(1, 7)])
    message = refusal(network.fetcher(), "https://example.org/0")
    assert message.endswith("more than 5 redirects (the last to https://example.org/6)")
    assert len(network.connected) == 6


def test_a_redirect_without_location_is_refused() -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]]}, answer("302 Found"))
    assert "HTTP 302 redirect without a Location" in refusal(network.fetcher(),
                                                              "https://example.org/")


# ------------------------------------------------------------------------------ limits
def test_a_body_past_the_limit_is_refused_by_its_content_length_unread() -> None:
    connection = FakeConnection(answer(body=b"x" * 5000), per_read=100)
    network = FakeNetwork({"example.org": [[PUBLIC]]}, connection)
    message = refusal(network.fetcher(max_bytes=1000), "https://example.org/a.png")
    assert message.endswith("larger than 1000 bytes (Content-Length 5000)")
    assert connection.received < 1000


@pytest.mark.parametrize("headers", [(), ("Transfer-Encoding: chunked",)])
def test_a_body_past_the_limit_is_refused_after_max_bytes_plus_one(
        headers: tuple[str, ...]) -> None:
    body = b"x" * 5000
    if headers:
        body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    connection = FakeConnection(answer("200 OK", body, *headers, length=False), per_read=100)
    network = FakeNetwork({"example.org": [[PUBLIC]]}, connection)
    message = refusal(network.fetcher(max_bytes=1000), "https://example.org/a.png")
    assert message.endswith("larger than 1000 bytes")
    assert connection.received < 1300  # head, then max_bytes + 1 in reads of 100


def test_a_body_of_exactly_max_bytes_is_fetched() -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]]},
                          answer("200 OK", b"x" * 1000, length=False))
    assert len(network.fetcher(max_bytes=1000).fetch("https://example.org/a.png").data) == 1000


def test_a_server_that_stops_answering_times_out() -> None:
    connection = FakeConnection(b"", stall_after=0)
    network = FakeNetwork({"example.org": [[PUBLIC]]}, connection)
    message = refusal(network.fetcher(timeout=7), "https://example.org/a.png")
    assert message.endswith("not fetched: no answer within 7 s")
    assert connection.timeouts and all(t == 7 for t in connection.timeouts)


def test_a_connection_that_times_out_is_named() -> None:
    network = FakeNetwork({"example.org": [[PUBLIC]]}, TimeoutError("timed out"))
    message = refusal(network.fetcher(), "https://example.org/a.png")
    assert message.endswith("could not connect (93.184.216.34 port 443: timed out)")


def test_a_trickling_server_is_cut_at_the_deadline() -> None:
    # One byte every 5 s never trips the 20 s step timeout; the 60 s deadline ends it, and
    # no read may wait past the deadline.
    clock = Clock()
    connection = FakeConnection(answer(body=b"x" * 100), per_read=1, clock=clock,
                                seconds_per_read=5.0)
    network = FakeNetwork({"example.org": [[PUBLIC]]}, connection)
    message = refusal(network.fetcher(timeout=20, deadline=60, clock=clock),
                      "https://example.org/a.png")
    assert message.endswith("not fetched: not finished within 60 s")
    assert connection.received == 12
    assert connection.timeouts[-1] == 5.0


def test_a_read_cut_short_by_the_deadline_names_the_deadline() -> None:
    # Bytes at t+15, 30, 45; the fourth read may wait only the 15 s left, then times out.
    clock = Clock()
    connection = FakeConnection(answer(body=b"x" * 100), per_read=1, clock=clock,
                                seconds_per_read=15.0, stall_after=3)
    network = FakeNetwork({"example.org": [[PUBLIC]]}, connection)
    message = refusal(network.fetcher(timeout=20, deadline=60, clock=clock),
                      "https://example.org/a.png")
    assert message.endswith("not fetched: not finished within 60 s")
    assert connection.timeouts == [20, 20, 20, 20, 15]  # the request, then the reads


def test_a_connection_cut_short_by_the_deadline_names_the_deadline() -> None:
    clock = Clock()
    slow = FakeConnection(redirect("https://example.org/1"), clock=clock, seconds_per_read=50.0)
    network = FakeNetwork({"example.org": [[PUBLIC]]}, slow, TimeoutError("timed out"))
    network.clock = clock  # the second connection waits out the 10 s left, then times out
    message = refusal(network.fetcher(timeout=20, deadline=60, clock=clock),
                      "https://example.org/0")
    assert message.endswith("not finished within 60 s (redirected to https://example.org/1)")


def test_the_deadline_covers_the_redirects() -> None:
    clock = Clock()
    slow = [FakeConnection(redirect(f"https://example.org/{n}"), clock=clock,
                           seconds_per_read=25.0) for n in range(1, 4)]
    network = FakeNetwork({"example.org": [[PUBLIC]]}, *slow)
    message = refusal(network.fetcher(deadline=60, clock=clock), "https://example.org/0")
    # 25 s per answer: the third ends past 60 s, so the fourth hop is not even connected.
    assert message.endswith("not finished within 60 s (redirected to https://example.org/3)")
    assert len(network.connected) == 3


# ------------------------------------------------------------------------------ a real server
@pytest.fixture
def local_tls_server(tmp_path: Path) -> Iterator[tuple[int, ssl.SSLContext, list[str]]]:
    """An HTTPS server on 127.0.0.1 with a certificate for ``localhost``: its port, a client
    context that trusts it, and the paths it was asked for."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=DNS:localhost"], check=True, capture_output=True)
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            if self.path == "/away":
                self.send_response(302)
                self.send_header("Location", f"https://127.0.0.1:{port}/a.png")
                self.end_headers()
                return
            body = b"\x89PNG\r\n\x1a\n" + b"x" * 100
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield port, ssl.create_default_context(cafile=str(cert)), asked
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.integration
def test_a_local_tls_server_is_reached_only_when_allowed(
        local_tls_server: tuple[int, ssl.SSLContext, list[str]]) -> None:
    port, context, asked = local_tls_server
    url = f"https://localhost:{port}/a.png"
    allowed = HttpsFetcher(connector=TlsConnector(context), allow_hosts=frozenset({"localhost"}))
    fetched = allowed.fetch(url)
    assert fetched.media_type == "image/png"
    assert fetched.data.startswith(b"\x89PNG")
    assert "is loopback" in refusal(HttpsFetcher(connector=TlsConnector(context)), url)
    # The allowance names a host: a redirect to the same server by address is still refused.
    assert "127.0.0.1 is loopback" in refusal(allowed, f"https://localhost:{port}/away")
    # The certificate is checked against the name asked for, not the address connected to.
    other = HttpsFetcher(connector=TlsConnector(context), allow_hosts=frozenset({"other.test"}),
                         resolver=lambda _host, _port: ["127.0.0.1"])
    assert "Hostname mismatch" in refusal(other, f"https://other.test:{port}/a.png")
    assert asked == ["/a.png", "/away"]
