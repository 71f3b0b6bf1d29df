"""All network I/O goes through one injectable fetcher that denies by default.

:class:`OfflineFetcher` refuses everything; :class:`MemoryFetcher` serves a fixed mapping (tests,
and the PDF writer's asset store); :class:`HttpsFetcher` fetches only ``https://`` URLs whose host
resolves — once — to public addresses only, connects to such an address itself with the TLS
certificate checked against the host name, re-vets every redirect, and keeps to a size, a
per-step time and a total time limit. Every refusal is a :class:`~peptidebook.errors.FetchError`
with one line saying why, which callers turn into a ``fetch-refused`` diagnostic: a malformed
address (``https://[::1``, ``https://exa mple.com``, a port past 65535, a host name IDNA cannot
encode) is refused like any other, never raised as the ``ValueError`` or ``UnicodeError`` urllib
and the resolver would raise.

::

    _addresses      address_problem (well-formed URL), public_address_problem (public IP)
    _base           Fetched, Fetcher, HttpFetcher, StatusError, TransientError,
                    OfflineFetcher, MemoryFetcher, sniff_image_type
    _https          HttpsFetcher: resolve once, vet, connect to the vetted address, HTTP/1.1
                    (User-Agent peptidebook/VERSION; CAs from SSL_CERT_FILE when set)
    _cache          CachingFetcher, HttpCache, open_cache: the on-disk HTTP cache shared by
                    fetch and image download (conditional requests; never a private answer)
    _headers        header_fields, WithHeaders: ``fetch --header 'Name: value'``
    _pool           fetch_all: many URLs at once, a few per host, answers in the order asked
    wordpress_site  ``peptidebook fetch``: save a live WordPress site's posts as source
                    files (not a reader; imported by the command line, not here)
"""

from __future__ import annotations

from ._addresses import address_problem, public_address_problem
from ._base import (
    IMAGE_SIGNATURES,
    Fetched,
    Fetcher,
    HttpFetcher,
    MemoryFetcher,
    OfflineFetcher,
    StatusError,
    TransientError,
    sniff_image_type,
)
from ._cache import MAX_CACHE_BYTES, CachingFetcher, HttpCache, cache_folder, open_cache
from ._headers import WithHeaders, header_field, header_fields
from ._https import (
    DEADLINE_SECONDS,
    MAX_BYTES,
    MAX_REDIRECTS,
    TIMEOUT_SECONDS,
    USER_AGENT,
    Connection,
    Connector,
    HttpsFetcher,
    Resolver,
    TlsConnector,
    default_context,
    system_resolver,
)
from ._pool import fetch_all

__all__ = [
    "DEADLINE_SECONDS",
    "IMAGE_SIGNATURES",
    "MAX_BYTES",
    "MAX_CACHE_BYTES",
    "MAX_REDIRECTS",
    "TIMEOUT_SECONDS",
    "USER_AGENT",
    "CachingFetcher",
    "Connection",
    "Connector",
    "Fetched",
    "Fetcher",
    "HttpCache",
    "HttpFetcher",
    "HttpsFetcher",
    "MemoryFetcher",
    "OfflineFetcher",
    "Resolver",
    "StatusError",
    "TlsConnector",
    "TransientError",
    "WithHeaders",
    "address_problem",
    "cache_folder",
    "default_context",
    "fetch_all",
    "header_field",
    "header_fields",
    "open_cache",
    "public_address_problem",
    "sniff_image_type",
    "system_resolver",
]
