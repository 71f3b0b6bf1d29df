"""``peptidebook fetch --header 'Name: value'``: checked at once, added to every request."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from peptidebook.cli import main
from peptidebook.cli._parser import parse_args
from peptidebook.errors import UsageError
from peptidebook.fetching import Fetched, WithHeaders, header_field, header_fields


@pytest.mark.parametrize(("text", "field"), [
    ("X-Site-Key: abc", ("X-Site-Key", "abc")),
    ("X-Site-Key:abc", ("X-Site-Key", "abc")),
    ("  Accept-Language :  de, en;q=0.5 ", ("Accept-Language", "de, en;q=0.5")),
    ("X-Empty:", ("X-Empty", "")),
    ("User-Agent: my-archive/1.0", ("User-Agent", "my-archive/1.0")),
])
def test_a_header_is_a_name_a_colon_and_a_value(text: str, field: tuple[str, str]) -> None:
    assert header_field(text) == field


@pytest.mark.parametrize(("text", "message"), [
    ("X-Site-Key abc", "give it as 'Name: value'"),
    (": abc", "give it as 'Name: value'"),
    ("X Site: abc", "give it as 'Name: value'"),
    ("X-Site: a\r\nHost: evil.example", "may not hold a line break or NUL"),
    ("X-Site: a\x00", "may not hold a line break or NUL"),
    ("Host: other.example", "peptidebook sets this header itself"),
    ("connection: keep-alive", "peptidebook sets this header itself"),
    ("If-None-Match: \"v1\"", "the cache makes requests conditional itself"),
    ("If-Modified-Since: Tue, 05 May 2026 10:00:00 GMT",
     "the cache makes requests conditional itself"),
])
def test_a_header_that_is_malformed_or_not_the_users_to_give_is_refused(
        text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        header_field(text)


def test_a_header_given_twice_is_refused() -> None:
    with pytest.raises(UsageError, match="--header x-key: given twice"):
        header_fields(["X-Key: a", "x-key: b"])


def test_header_repeats_and_no_cache_is_off_by_default() -> None:
    args = parse_args(["fetch", "https://s.example", "--header", "A: 1", "--header", "B: 2"])
    assert (args.header, args.no_cache) == (["A: 1", "B: 2"], False)


def test_a_bad_header_is_a_one_line_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch", "https://s.example", "--header", "Host: x", "-o", str(tmp_path)]) == 2
    assert ("peptidebook: error: --header Host: peptidebook sets this header itself"
            in capsys.readouterr().err)


class Recording:
    def __init__(self) -> None:
        self.sent: list[dict[str, str]] = []

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        self.sent.append(dict(headers or {}))
        return Fetched(url, b"[]", "application/json")


def test_the_requests_own_headers_win_over_the_added_ones() -> None:
    inner = Recording()
    fetcher = WithHeaders(inner, {"X-Key": "k", "accept": "text/html"})
    fetcher.fetch("https://s.example/", {"Accept": "application/json"})
    fetcher.fetch("https://s.example/")
    assert inner.sent == [{"X-Key": "k", "Accept": "application/json"},
                          {"X-Key": "k", "accept": "text/html"}]
