"""Which IP addresses a fetch may reach (peptidebook.fetching._addresses): public ones only.

Issue #10 item 2: Python 3.11's ``ipaddress`` calls ``::127.0.0.1`` and ``64:ff9b::7f00:1``
global; every form that embeds an IPv4 address is unwrapped and the IPv4 address judged too.
"""

from __future__ import annotations

import ipaddress

import pytest

from peptidebook.fetching import public_address_problem
from peptidebook.fetching._addresses import connectable, is_localhost

#: (address, what the refusal says): every special-purpose range, then every form that hides one.
REFUSED = [
    ("0.0.0.0", "'this network'"),
    ("0.1.2.3", "'this network'"),
    ("10.0.0.8", "private (RFC 1918)"),
    ("100.64.0.1", "shared address space (RFC 6598)"),
    ("100.127.255.254", "shared address space"),
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("169.254.169.254", "link-local"),
    ("172.16.0.1", "private"),
    ("172.31.255.255", "private"),
    ("192.0.0.9", "IETF protocol assignment"),
    ("192.0.2.1", "documentation (RFC 5737)"),
    ("192.88.99.1", "6to4 relay anycast"),
    ("192.168.1.1", "private"),
    ("198.18.0.1", "benchmarking (RFC 2544)"),
    ("198.19.255.255", "benchmarking"),
    ("198.51.100.7", "documentation"),
    ("203.0.113.9", "documentation"),
    ("224.0.0.1", "multicast"),  # ipaddress 3.11: is_global
    ("239.255.255.250", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "reserved"),
    ("::", "unspecified"),
    ("::1", "loopback"),
    # IPv4-compatible, deprecated: refused whatever it embeds (ipaddress 3.11: is_global).
    ("::127.0.0.1", "IPv4-compatible form (RFC 4291 §2.5.5.1) of 127.0.0.1"),
    ("::10.0.0.1", "IPv4-compatible form (RFC 4291 §2.5.5.1) of 10.0.0.1"),
    ("::93.184.216.34", "IPv4-compatible"),
    ("::ffff:127.0.0.1", "IPv4-mapped (RFC 4291 §2.5.5.2) for 127.0.0.1, loopback"),
    ("::ffff:10.0.0.1", "IPv4-mapped (RFC 4291 §2.5.5.2) for 10.0.0.1, private"),
    ("::ffff:169.254.169.254", "for 169.254.169.254, link-local"),
    ("64:ff9b::7f00:1", "NAT64 (RFC 6052) for 127.0.0.1, loopback"),  # 3.11: is_global
    ("64:ff9b::a00:1", "NAT64 (RFC 6052) for 10.0.0.1, private"),
    ("64:ff9b::a9fe:a9fe", "NAT64 (RFC 6052) for 169.254.169.254, link-local"),
    ("64:ff9b::6440:1", "NAT64 (RFC 6052) for 100.64.0.1, shared address space"),
    ("64:ff9b:1::5db8:d822", "local-use NAT64 (RFC 8215)"),
    ("2002:7f00:1::", "6to4 (RFC 3056) for 127.0.0.1, loopback"),  # 3.11: is_global
    ("2002:a00:1::1", "6to4 (RFC 3056) for 10.0.0.1, private"),
    ("2002:c612:1::1", "6to4 (RFC 3056) for 198.18.0.1, benchmarking"),
    ("2001:0:5db8:d822::80ff:fffe", "Teredo (RFC 4380), never fetched from (client 127.0.0.1"),
    ("2001:0:a00:1::a2b7:27dd", "(client 93.72.216.34, server 10.0.0.1)"),
    ("2001:2::1", "IETF protocol assignment"),  # benchmarking, RFC 5180
    ("2001:db8::1", "documentation (RFC 3849)"),
    ("3fff::1", "documentation (RFC 9637)"),  # 3.11: is_global
    ("100::1", "discard-only"),
    ("fc00::1", "unique local (RFC 4193)"),
    ("fd12:3456::1", "unique local"),
    ("fe80::1", "link-local"),
    ("fe80::1%eth0", "link-local"),
    ("fec0::1", "site-local"),  # 3.11: is_global
    ("ff02::1", "multicast"),  # 3.11: is_global
    ("ff0e::1", "multicast"),
    ("5f00::1", "outside global unicast 2000::/3"),
    ("4000::1", "outside global unicast 2000::/3"),
]

PUBLIC = [
    "93.184.216.34",
    "1.1.1.1",
    "8.8.8.8",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:93.184.216.34",  # IPv4-mapped public: connected to as 93.184.216.34
    "64:ff9b::5db8:d822",  # what DNS64 answers for 93.184.216.34 on an IPv6-only network
    "2002:5db8:d822::1",  # 6to4 of 93.184.216.34
]


@pytest.mark.parametrize(("address", "problem"), REFUSED)
def test_a_non_public_address_is_refused_naming_why(address: str, problem: str) -> None:
    found = public_address_problem(ipaddress.ip_address(address))
    assert found is not None
    assert problem in found


@pytest.mark.parametrize("address", PUBLIC)
def test_a_public_address_is_accepted(address: str) -> None:
    assert public_address_problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(("address", "connected"), [
    ("::ffff:93.184.216.34", "93.184.216.34"),
    ("93.184.216.34", "93.184.216.34"),
    ("64:ff9b::5db8:d822", "64:ff9b::5db8:d822"),
])
def test_an_ipv4_mapped_address_is_connected_to_as_ipv4(address: str, connected: str) -> None:
    assert str(connectable(ipaddress.ip_address(address))) == connected


@pytest.mark.parametrize(("host", "loopback"), [
    ("localhost", True),
    ("LOCALHOST.", True),
    ("api.localhost", True),
    ("localhost.example.org", False),
    ("notlocalhost", False),
])
def test_localhost_names_are_loopback(host: str, loopback: bool) -> None:
    assert is_localhost(host) is loopback
