"""Request headers a user gives (``peptidebook fetch --header``).

Some sites answer only a request that carries a header of their own (a key a firewall asks for,
a language): ``--header 'Name: value'`` (repeatable) adds one to every request of the fetch.
:func:`header_field` checks it at once, with a one-line :class:`~peptidebook.errors.UsageError`:
a field name (RFC 9110 §5.1), a value without CR, LF or NUL (§5.5), and not a header the
fetcher sets itself (``Host``, ``Connection``…) or the cache sends (``If-None-Match``…).
:class:`WithHeaders` adds them; a request's own headers (the REST API's ``Accept``) win.
It wraps the caching fetcher, so an ``Authorization`` given this way keeps the answers out of
the cache.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..errors import UsageError
from ._base import Fetched, HttpFetcher
from ._https import _BAD_FIELD_VALUE, _CONDITIONS, _FIELD_NAME, _OWN_HEADERS

__all__ = ["WithHeaders", "header_field", "header_fields"]

def header_field(text: str) -> tuple[str, str]:
    """``Name: value`` as ``(name, value)``, the value's surrounding blanks removed."""
    name, colon, value = text.partition(":")
    name, value = name.strip(), value.strip(" \t")
    if not colon or not _FIELD_NAME.fullmatch(name):
        raise UsageError(f"--header {text!r}: give it as 'Name: value' (a header field name, "
                         "a colon, its value)")
    if _BAD_FIELD_VALUE.search(value):
        raise UsageError(f"--header {name}: a value may not hold a line break or NUL")
    if name.lower() in _OWN_HEADERS:
        raise UsageError(f"--header {name}: peptidebook sets this header itself")
    if name.lower() in _CONDITIONS:
        raise UsageError(f"--header {name}: the cache makes requests conditional itself "
                         "(--no-cache to fetch everything again)")
    return name, value


def header_fields(texts: Sequence[str]) -> dict[str, str]:
    """Every ``--header``, each name once (a name given twice is refused: which should win?)."""
    fields: dict[str, str] = {}
    for text in texts:
        name, value = header_field(text)
        if any(name.lower() == known.lower() for known in fields):
            raise UsageError(f"--header {name}: given twice")
        fields[name] = value
    return fields


class WithHeaders:
    """``fetcher`` with ``headers`` added to every request under the request's own."""

    def __init__(self, fetcher: HttpFetcher, headers: Mapping[str, str]) -> None:
        self.fetcher = fetcher
        self.headers = dict(headers)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        own = dict(headers or {})
        added = {name: value for name, value in self.headers.items()
                 if name.lower() not in {known.lower() for known in own}}
        return self.fetcher.fetch(url, {**added, **own})
