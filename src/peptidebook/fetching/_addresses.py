"""Decide which addresses a fetch may reach: well-formed URLs, public IP addresses only.

:func:`address_problem` says what makes a URL malformed; :func:`public_address_problem` says
what makes an IP address non-public. The second one does not trust :mod:`ipaddress` alone:
Python 3.11's ``is_global`` calls ``::127.0.0.1`` (IPv4-compatible), ``64:ff9b::7f00:1``
(NAT64), ``ff02::1`` (multicast), ``fec0::1`` (site-local) and ``224.0.0.1`` global. So the
ranges below are written out from the IANA special-purpose registries (RFC 6890), every IPv6
form that embeds an IPv4 address is unwrapped and the embedded address judged too, an IPv6
address must lie in global unicast ``2000::/3`` — and ``is_global`` is still asked, last.
"""

from __future__ import annotations

import ipaddress
import re
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network
from urllib.parse import urlsplit

IPAddress = IPv4Address | IPv6Address

#: IPv4 ranges that are not public (IANA IPv4 Special-Purpose Address Registry, RFC 6890 §2.2.2).
_IPV4_NOT_PUBLIC: tuple[tuple[IPv4Network, str], ...] = tuple(
    (IPv4Network(network), kind) for network, kind in (
        ("0.0.0.0/8", "'this network' (RFC 791 §3.2)"),
        ("10.0.0.0/8", "private (RFC 1918)"),
        ("100.64.0.0/10", "shared address space (RFC 6598)"),
        ("127.0.0.0/8", "loopback (RFC 1122 §3.2.1.3)"),
        ("169.254.0.0/16", "link-local (RFC 3927)"),
        ("172.16.0.0/12", "private (RFC 1918)"),
        ("192.0.0.0/24", "an IETF protocol assignment (RFC 6890)"),
        ("192.0.2.0/24", "documentation (RFC 5737)"),
        ("192.88.99.0/24", "the deprecated 6to4 relay anycast (RFC 7526)"),
        ("192.168.0.0/16", "private (RFC 1918)"),
        ("198.18.0.0/15", "benchmarking (RFC 2544)"),
        ("198.51.100.0/24", "documentation (RFC 5737)"),
        ("203.0.113.0/24", "documentation (RFC 5737)"),
        ("224.0.0.0/4", "multicast (RFC 5771)"),
        ("240.0.0.0/4", "reserved (RFC 1112 §4)"),  # and 255.255.255.255, broadcast
    )
)

#: IPv6 ranges that are not public (IANA IPv6 Special-Purpose Address Registry), checked after
#: the forms that embed an IPv4 address have been unwrapped.
_IPV6_NOT_PUBLIC: tuple[tuple[IPv6Network, str], ...] = tuple(
    (IPv6Network(network), kind) for network, kind in (
        ("64:ff9b:1::/48", "local-use NAT64 (RFC 8215)"),
        ("100::/64", "discard-only (RFC 6666)"),
        ("2001:db8::/32", "documentation (RFC 3849)"),
        # Benchmarking 2001:2::/48 (RFC 5180), ORCHIDv2 2001:20::/28 (RFC 7343), AMT, AS112 …:
        # protocol addresses, none of them a web server.
        ("2001::/23", "an IETF protocol assignment (RFC 2928)"),
        ("3fff::/20", "documentation (RFC 9637)"),
        ("fc00::/7", "unique local (RFC 4193)"),
        ("fe80::/10", "link-local (RFC 4291 §2.5.6)"),
        ("fec0::/10", "site-local (deprecated, RFC 3879)"),
        ("ff00::/8", "multicast (RFC 4291 §2.7)"),
    )
)
#: RFC 4291 §2.5.5: ``::/96`` holds ``::``, ``::1`` and the deprecated IPv4-compatible form.
_IPV4_COMPATIBLE = IPv6Network("::/96")
#: RFC 6052 §2.1: the NAT64 well-known prefix; the IPv4 address is the last 32 bits.
_NAT64 = IPv6Network("64:ff9b::/96")
#: RFC 4291 §2.4 and the IANA IPv6 Address Space registry: global unicast is allocated here only.
_GLOBAL_UNICAST = IPv6Network("2000::/3")


def public_address_problem(address: IPAddress) -> str | None:
    """Why ``address`` is not a public address one may fetch from (``"loopback (RFC 1122
    §3.2.1.3)"``, ``"NAT64 (RFC 6052) for 10.0.0.1, private (RFC 1918)"``), or None if it is.

    Precision before recall: what is not plainly public is refused."""
    if isinstance(address, IPv4Address):
        return _ipv4_problem(address)
    return _ipv6_problem(address)


def connectable(address: IPAddress) -> IPAddress:
    """The address to connect to: an IPv4-mapped IPv6 address (``::ffff:a.b.c.d``) as the IPv4
    address it maps, every other address as it is."""
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _ipv4_problem(address: IPv4Address) -> str | None:
    for network, kind in _IPV4_NOT_PUBLIC:
        if address in network:
            return kind
    if not address.is_global:
        return "not globally reachable (IANA special-purpose registry)"
    return None


def _embedded(form: str, embedded: IPv4Address) -> str | None:
    """The problem of an IPv6 address that carries ``embedded``: that of the IPv4 address."""
    problem = _ipv4_problem(embedded)
    return None if problem is None else f"{form} for {embedded}, {problem}"


# A flat run of RFC checks, one per special range, read top to bottom: C901 counts each one.
def _ipv6_problem(address: IPv6Address) -> str | None:  # noqa: C901
    if address.ipv4_mapped is not None:  # ::ffff:a.b.c.d, RFC 4291 §2.5.5.2
        return _embedded("IPv4-mapped (RFC 4291 §2.5.5.2)", address.ipv4_mapped)
    if address in _IPV4_COMPATIBLE:
        if address == IPv6Address("::"):
            return "unspecified (RFC 4291 §2.5.2)"
        if address == IPv6Address("::1"):
            return "loopback (RFC 4291 §2.5.3)"
        embedded = IPv4Address(int(address) & 0xFFFF_FFFF)
        return f"the deprecated IPv4-compatible form (RFC 4291 §2.5.5.1) of {embedded}"
    if address in _NAT64:
        # RFC 6052 §3.1: the well-known prefix MUST NOT be used for non-global IPv4 addresses.
        return _embedded("NAT64 (RFC 6052)", IPv4Address(int(address) & 0xFFFF_FFFF))
    if address.teredo is not None:  # 2001::/32, RFC 4380 §4: server, then client (un-obfuscated)
        # Part of 2001::/23 below: refused whatever it embeds; the message names both.
        server, client = address.teredo
        return f"Teredo (RFC 4380), never fetched from (client {client}, server {server})"
    if address.sixtofour is not None:  # 2002::/16, RFC 3056 §2
        problem = _embedded("6to4 (RFC 3056)", address.sixtofour)
        if problem is not None:
            return problem
    for network, kind in _IPV6_NOT_PUBLIC:
        if address in network:
            return kind
    if address not in _GLOBAL_UNICAST:
        return "outside global unicast 2000::/3 (RFC 4291 §2.4)"
    if not address.is_global:
        return "not globally reachable (IANA special-purpose registry)"
    return None


def is_localhost(host: str) -> bool:
    """``localhost`` and every name under it resolve to loopback (RFC 6761 §6.3)."""
    name = host.lower().removesuffix(".")
    return name == "localhost" or name.endswith(".localhost")


# ------------------------------------------------------------------------------ well-formed URLs
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
        return lower_first(str(error))
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


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
