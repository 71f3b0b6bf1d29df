"""Fetch one public ``https://`` URL over connections to vetted addresses only.

For the URL and for each redirect (at most :data:`MAX_REDIRECTS`), one hop:

1. check the address: ``https://``, well-formed;
2. resolve the host once, through the injected resolver (an IP literal is not resolved);
3. vet every address it resolves to (:func:`public_address_problem`): one that is not public
   refuses the host, so a name that answers a public and a private address is refused;
4. connect to a vetted address itself (never to the name, which would be resolved again: DNS
   rebinding), the TLS certificate checked against the host name;
5. speak HTTP/1.1 over that connection (:class:`http.client.HTTPConnection` whose ``connect``
   uses it), every read and write within ``timeout`` and the whole fetch within ``deadline``;
   the body is streamed and refused past ``max_bytes``.

Every request names the product and its version (``User-Agent: peptidebook/0.1.0``); a caller
may add headers (``Accept``). A ``304 Not Modified`` to a conditional request (the cache's) is
returned with its headers and no body; any other answer that is not a success
raises :class:`StatusError` with its status and headers; one that never came whole raises
:class:`TransientError` (a caller may try again); the answer carries its status and headers
(``X-WP-Total``).
"""

from __future__ import annotations

import http.client
import importlib.metadata
import io
import ipaddress
import os
import re
import socket
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol
from urllib.parse import quote, urljoin, urlsplit

from ..errors import FetchError
from ._addresses import (
    IPAddress,
    address_problem,
    connectable,
    is_localhost,
    public_address_problem,
)
from ._base import Fetched, StatusError, TransientError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

MAX_BYTES = 10 * 1024 * 1024
#: Seconds any one step may wait: connecting (TCP and TLS), sending, each read.
TIMEOUT_SECONDS = 20.0
#: Seconds a whole fetch may take, redirects included (10 MB at about 1.4 Mbit/s).
DEADLINE_SECONDS = 60.0
MAX_REDIRECTS = 5
#: RFC 9110 §15.4: the redirections that name a new target in Location.
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTTPS_PORT = 443
#: How much of a failed answer's body is kept (an API's JSON error object is far smaller).
ERROR_BODY_BYTES = 64 * 1024
_CHUNK = 64 * 1024


def _product_version() -> str:
    # peptidebook.__version__ is set after the package imports this module: ask the same way.
    try:
        return importlib.metadata.version("peptidebook")
    except importlib.metadata.PackageNotFoundError:  # a bare source tree, never installed
        return "0+unknown"


#: RFC 9110 §10.1.5: the product and its version, on every request.
USER_AGENT = f"peptidebook/{_product_version()}"
#: Headers the fetcher sets itself and a caller may not replace: the connection is its own.
_OWN_HEADERS = frozenset({"host", "connection", "content-length", "transfer-encoding"})
#: RFC 9110 §5.1 field names (token) and §5.5 field values (no CR, LF or NUL).
_FIELD_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_BAD_FIELD_VALUE = re.compile(r"[\r\n\x00]")
#: RFC 9110 §13.1: the preconditions; a 304 answers only a request that carried one.
_CONDITIONS = frozenset({"if-match", "if-none-match", "if-modified-since",
                         "if-unmodified-since", "if-range"})


#: ``(host, port) -> addresses``: the addresses a host name resolves to, as text (``"::1"``);
#: raises :class:`OSError` when it does not resolve.
Resolver = Callable[[str, int], Sequence[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses ``socket.getaddrinfo`` gives for a TCP connection, first ones first."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class Connection(Protocol):
    """What the HTTP exchange needs of a connected (TLS) socket."""

    def recv_into(self, buffer: WriteableBuffer, /) -> int: ...
    def sendall(self, data: bytes, /) -> None: ...
    def settimeout(self, value: float | None, /) -> None: ...
    def close(self) -> None: ...


#: ``(ip, port, server_hostname, timeout) -> connection``: connects to that very address.
Connector = Callable[[str, int, str, float], Connection]


class TlsConnector:
    """Opens a TCP connection to one IP address and does the TLS handshake with the certificate
    checked against ``server_hostname``. The default context trusts the system CAs, or — as
    httpx, requests' certifi users and OpenSSL itself do — the bundle named by ``SSL_CERT_FILE``
    (and the folder ``SSL_CERT_DIR``) when set: how a staging site's own CA is trusted."""

    def __init__(self, context: ssl.SSLContext | None = None) -> None:
        if context is not None and not (context.check_hostname
                                        and context.verify_mode == ssl.CERT_REQUIRED):
            raise ValueError("TlsConnector needs a context that verifies certificates and names")
        self._context = context

    def __call__(self, ip: str, port: int, server_hostname: str, timeout: float) -> ssl.SSLSocket:
        if self._context is None:
            self._context = default_context()
        family = socket.AF_INET6 if ":" in ip else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.settimeout(timeout)
            sock.connect((ip, port))  # an address, not a name: nothing is resolved again
            return self._context.wrap_socket(sock, server_hostname=server_hostname)
        except BaseException:
            sock.close()
            raise


def default_context() -> ssl.SSLContext:
    """TLS 1.2 or later, certificates and names checked, against the system CAs or those of
    ``SSL_CERT_FILE`` / ``SSL_CERT_DIR``; a bundle that cannot be read is a :class:`FetchError`
    naming it (never a connection failure that hides why)."""
    cafile = os.environ.get("SSL_CERT_FILE") or None
    capath = os.environ.get("SSL_CERT_DIR") or None
    try:
        return ssl.create_default_context(cafile=cafile, capath=capath)
    except (OSError, ssl.SSLError) as error:
        named = " and ".join(f"{name}={value}" for name, value in
                             (("SSL_CERT_FILE", cafile), ("SSL_CERT_DIR", capath)) if value)
        raise FetchError(f"{_shown(named)}: not read as CA certificates "
                         f"({_error_text(error)})") from None


class HttpsFetcher:
    """Fetches public ``https://`` URLs, at most ``max_bytes`` each, each step within
    ``timeout`` seconds and the whole within ``deadline``.

    ``resolver`` and ``connector`` are where the network is reached (tests give fakes).
    ``allow_hosts`` names hosts whose addresses are not vetted (a staging site, a test server):
    empty by default, and never read from the environment."""

    def __init__(self, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS, *,
                 deadline: float = DEADLINE_SECONDS,
                 resolver: Resolver = system_resolver,
                 connector: Connector | None = None,
                 allow_hosts: frozenset[str] = frozenset(),
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.deadline = deadline
        self.allow_hosts = frozenset(host.lower().removesuffix(".") for host in allow_hosts)
        self._resolve = resolver
        self._connect = connector or TlsConnector()
        self._clock = clock

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """``url``'s answer, ``headers`` added to the request (sent again on each redirect,
        but for ``Authorization`` on one to another host or port)."""
        request = _request_headers(headers or {})
        deadline = self._clock() + self.deadline
        current = url
        origin: tuple[str, int] | None = None
        for _ in range(MAX_REDIRECTS + 1):
            hop = _Hop(url, current)
            origin = origin or (hop.host.lower(), hop.port)
            if (hop.host.lower(), hop.port) != origin:
                # Fetch Standard §4.4 (HTTP-redirect fetch), as browsers, requests and httpx:
                # credentials given for one origin are never sent to another.
                request = {k: v for k, v in request.items() if k.lower() != "authorization"}
            answer = self._exchange(hop, request, deadline)
            if isinstance(answer, _Answer):
                return Fetched(url, answer.data, answer.media_type, answer.status,
                               answer.headers)
            current = answer
        raise FetchError(f"{url}: not fetched: more than {MAX_REDIRECTS} redirects "
                         f"(the last to {_shown(current)})")

    # ------------------------------------------------------------------------ one hop
    def _exchange(self, hop: _Hop, request: dict[str, str], deadline: float) -> _Answer | str:
        """The answer to ``hop``, or the URL it redirects to."""
        addresses = self._vetted_addresses(hop)
        connection = _VettedConnection(
            hop.host, hop.port, lambda: self._open(hop, addresses, deadline))
        response = None
        try:
            connection.connect()
            connection.request("GET", hop.target, headers=request)
            response = connection.getresponse()
            if response.status in REDIRECT_STATUSES:
                return self._redirect_target(hop, response)
            headers = _headers(response)
            if response.status == 304 and _CONDITIONS & {name.lower() for name in request}:
                # RFC 9110 §15.4.5: the copy the caller (the cache) holds is current.
                return _Answer(b"", response.headers.get_content_type(), 304, headers)
            if not 200 <= response.status < 300:
                raise StatusError(
                    hop.reason(f"HTTP {response.status} {_shown(response.reason)}".rstrip()),
                    response.status, headers, _error_body(response))
            return _Answer(self._body(hop, response), response.headers.get_content_type(),
                           response.status, headers)
        except _PastDeadline:
            raise hop.refused(f"not finished within {self.deadline:g} s", TransientError
                              ) from None
        except TimeoutError:
            raise hop.refused(f"no answer within {self.timeout:g} s", TransientError) from None
        except _ConnectFailed as error:
            kind = TransientError if error.timed_out else FetchError
            raise hop.refused(_error_text(error), kind) from None
        except http.client.IncompleteRead as error:
            more = f", {error.expected} more expected" if error.expected else ""
            raise hop.refused(f"the answer ended early ({len(error.partial)} bytes read{more})",
                              TransientError) from None
        except (http.client.RemoteDisconnected, ConnectionResetError) as error:
            raise hop.refused(_error_text(error), TransientError) from None
        except http.client.BadStatusLine as error:
            raise hop.refused(f"not an HTTP answer ({_error_text(error)})") from None
        except (OSError, http.client.HTTPException) as error:
            raise hop.refused(_error_text(error)) from None
        finally:
            if response is not None:  # answered "Connection: close": http.client let it go
                response.close()
            connection.close()

    def _vetted_addresses(self, hop: _Hop) -> list[str]:
        """The addresses ``hop.host`` resolves to — resolved once — all of them public."""
        literal: IPAddress | None
        try:
            literal = ipaddress.ip_address(hop.host)
        except ValueError:
            literal = None
        allowed = hop.server_hostname in self.allow_hosts
        if literal is None and is_localhost(hop.host) and not allowed:
            raise hop.refused(f"host is not a public address: {hop.host} is loopback "
                              "(RFC 6761 §6.3)")
        if literal is not None:
            addresses = [(hop.host, literal)]
        else:
            try:
                addresses = [(text, ipaddress.ip_address(text))
                             for text in self._resolve(hop.host, hop.port)]
            except (OSError, UnicodeError, ValueError) as error:
                raise hop.refused(f"could not resolve host {hop.host} ({_error_text(error)})"
                                  ) from None
            if not addresses:
                raise hop.refused(f"could not resolve host {hop.host} (no address)")
        for text, address in addresses:  # shown as given: "::127.0.0.1", not "::7f00:1"
            problem = None if allowed else public_address_problem(address)
            if problem is not None:
                found = (f"{_shown(text)} is" if literal is not None
                         else f"{hop.host} has address {_shown(text)},")
                raise hop.refused(f"host is not a public address: {found} {problem}")
        return list(dict.fromkeys(str(connectable(address)) for _text, address in addresses))

    def _open(self, hop: _Hop, addresses: list[str], deadline: float) -> _TimedConnection:
        """A connection to the first of ``addresses`` that answers."""
        failures = []
        timeouts = 0
        for address in addresses:
            remaining = deadline - self._clock()
            if remaining <= 0:
                raise _PastDeadline
            try:
                connection = self._connect(address, hop.port, hop.server_hostname,
                                           min(self.timeout, remaining))
            except OSError as error:  # refused, unreachable, timed out, TLS (a wrong certificate)
                if isinstance(error, TimeoutError) and self._clock() >= deadline:
                    raise _PastDeadline from None
                failures.append(f"{address} port {hop.port}: {_error_text(error)}")
                timeouts += isinstance(error, TimeoutError)
                continue
            return _TimedConnection(connection, self.timeout, deadline, self._clock)
        raise _ConnectFailed("could not connect (" + "; ".join(failures) + ")",
                             timed_out=timeouts == len(failures))

    def _redirect_target(self, hop: _Hop, response: http.client.HTTPResponse) -> str:
        location = response.getheader("Location")
        if not location:
            raise hop.refused(f"HTTP {response.status} redirect without a Location")
        try:
            return urlsplit(urljoin(hop.current, location.strip()))._replace(fragment="").geturl()
        except ValueError:  # "https://[::1": the next hop refuses it, naming what is wrong
            return location.strip()

    def _body(self, hop: _Hop, response: http.client.HTTPResponse) -> bytes:
        if response.length is not None and response.length > self.max_bytes:
            raise hop.refused(f"larger than {self.max_bytes} bytes "
                              f"(Content-Length {response.length})")
        chunks: list[bytes] = []
        size = 0
        while size <= self.max_bytes:
            chunk = response.read(min(_CHUNK, self.max_bytes + 1 - size))
            if not chunk:
                if response.length:  # read(amt) returns short at the end, never raises
                    raise http.client.IncompleteRead(b"".join(chunks), response.length)
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
        raise hop.refused(f"larger than {self.max_bytes} bytes")


@dataclass(frozen=True)
class _Answer:
    data: bytes
    media_type: str
    status: int
    headers: Mapping[str, str]


def _request_headers(given: Mapping[str, str]) -> dict[str, str]:
    """The request's headers: the fetcher's own, then ``given`` (a caller's mistake in one of
    them is a programming error, :class:`ValueError`)."""
    request = {"User-Agent": USER_AGENT, "Accept": "*/*"}
    for name, value in given.items():
        if not _FIELD_NAME.fullmatch(name) or _BAD_FIELD_VALUE.search(value):
            raise ValueError(f"not an HTTP header field: {name!r}: {value!r}")
        if name.lower() in _OWN_HEADERS:
            raise ValueError(f"the fetcher sets {name} itself")
        for own in [own for own in request if own.lower() == name.lower()]:
            del request[own]
        request[name] = value
    request["Connection"] = "close"
    return request


def _headers(response: http.client.HTTPResponse) -> dict[str, str]:
    """The answer's header fields, names lower-cased, repeated ones joined (RFC 9110 §5.3)."""
    fields: dict[str, list[str]] = {}
    for name, value in response.headers.items():
        fields.setdefault(name.lower(), []).append(value.strip())
    return {name: ", ".join(values) for name, values in fields.items()}


def _error_body(response: http.client.HTTPResponse) -> bytes:
    """The start of a failed answer's body (an API's JSON error); what cannot be read is
    left: the status already says what failed."""
    try:
        return response.read(ERROR_BODY_BYTES)
    except (OSError, http.client.HTTPException):
        return b""


class _Hop:
    """One request of a fetch: ``current`` (the URL or a redirect target) of ``url``."""

    def __init__(self, url: str, current: str) -> None:
        self.url = url
        self.current = current
        if current[:8].lower() != "https://":
            raise self.refused("only https:// URLs are fetched")
        problem = address_problem(current)
        if problem is not None:
            raise self.refused(f"not a valid address: {problem}")
        parts = urlsplit(current)
        assert parts.hostname  # address_problem checked that it names one
        # Resolver, Host header and TLS name all use the IDNA form (address_problem checked it).
        self.host = parts.hostname.encode("idna").decode("ascii")
        self.port = parts.port or HTTPS_PORT
        self.server_hostname = self.host.removesuffix(".")
        # RFC 3986 §2.1: what is not ASCII is sent percent-encoded (as UTF-8); "%" is kept.
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        self.target = quote(target, safe="!#$%&'()*+,/:;=?@[]~")

    def refused(self, reason: str, kind: type[FetchError] = FetchError) -> FetchError:
        return kind(self.reason(reason))

    def reason(self, reason: str) -> str:
        """The one-line message of a refusal of ``url`` for ``reason``."""
        redirected = f" (redirected to {_shown(self.current)})" if self.current != self.url else ""
        return f"{self.url}: not fetched: {reason}{redirected}"


class _VettedConnection(http.client.HTTPConnection):
    """HTTP/1.1 over a connection opened by ``open_connection`` (``connect`` never resolves)."""

    default_port = HTTPS_PORT  # the Host header names no port when it is 443

    def __init__(self, host: str, port: int,
                 open_connection: Callable[[], _TimedConnection]) -> None:
        super().__init__(host, port)
        self._open_connection = open_connection

    def connect(self) -> None:
        self.sock = self._open_connection()  # socket-like: what http.client uses of one


class _PastDeadline(TimeoutError):
    pass


class _ConnectFailed(OSError):
    def __init__(self, message: str, *, timed_out: bool) -> None:
        super().__init__(message)
        self.timed_out = timed_out  # every address timed out: worth trying again

    def __str__(self) -> str:
        return str(self.args[0])


class _TimedConnection:
    """A connection whose every read and write waits at most ``timeout`` seconds and ends by
    ``deadline``: a server trickling a byte at a time cannot hold a fetch open."""

    def __init__(self, connection: Connection, timeout: float, deadline: float,
                 clock: Callable[[], float]) -> None:
        self._connection = connection
        self._timeout = timeout
        self._deadline = deadline
        self._clock = clock
        # Like socket.makefile: http.client closes the connection while the response it
        # returns still reads from it; the connection closes when both are done.
        self._readers = 0
        self._closing = False

    def _arm(self) -> None:
        remaining = self._deadline - self._clock()
        if remaining <= 0:
            raise _PastDeadline
        self._connection.settimeout(min(self._timeout, remaining))

    def sendall(self, data: bytes) -> None:
        self._arm()
        try:
            self._connection.sendall(data)
        except TimeoutError:
            if self._clock() >= self._deadline:  # cut short by the deadline, not the timeout
                raise _PastDeadline from None
            raise

    def recv_into(self, buffer: WriteableBuffer) -> int:
        self._arm()
        try:
            return self._connection.recv_into(buffer)
        except TimeoutError:
            if self._clock() >= self._deadline:
                raise _PastDeadline from None
            raise

    def makefile(self, mode: str) -> io.BufferedReader:
        assert mode == "rb", mode  # http.client reads the response only
        self._readers += 1
        return io.BufferedReader(_Reader(self))

    def reader_closed(self) -> None:
        self._readers -= 1
        if self._closing and not self._readers:
            self._connection.close()

    def close(self) -> None:
        if not self._closing:
            self._closing = True
            if not self._readers:
                self._connection.close()


class _Reader(io.RawIOBase):
    def __init__(self, connection: _TimedConnection) -> None:
        self._connection = connection

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        return self._connection.recv_into(buffer)

    def close(self) -> None:
        if not self.closed:
            self._connection.reader_closed()
        super().close()


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _shown(text: str) -> str:
    """Server-given text as it may be shown in a one-line message: controls escaped."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found[0]):02x}", text)


def _error_text(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return _shown(" ".join(text.split()))
