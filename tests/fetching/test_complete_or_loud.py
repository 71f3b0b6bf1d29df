"""``peptidebook fetch`` reads a whole collection or says what it could not read: the total
headers, retries with backoff and ``Retry-After``, ``allow_partial`` (a fake site, no network,
no waiting)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime

import pytest

from peptidebook.diagnostics import Report
from peptidebook.errors import FetchError, InputError, UsageError
from peptidebook.fetching import Fetched, StatusError, TransientError
from peptidebook.fetching.site_options import allowed_host
from peptidebook.fetching.site_retry import Retry, retry_after, retry_worth
from peptidebook.fetching.wordpress_site import MAX_PAGES, SiteQuery, fetch_posts, page_url

SITE = "https://blog.example.org"
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
QUERY = SiteQuery(SITE)

#: What one request of the fake site does: answer posts, or fail.
Outcome = list[dict[str, object]] | FetchError


def posts(first: int, count: int) -> list[dict[str, object]]:
    return [{"id": n, "slug": f"post-{n}", "title": {"rendered": f"Post {n}"}}
            for n in range(first, first + count)]


def unavailable(page: int, *headers: tuple[str, str], status: int = 503) -> StatusError:
    return StatusError(f"{page_url(QUERY, page)}: not fetched: HTTP {status} Unavailable",
                       status, dict(headers))


class ScriptedSite:
    """A site of ``total`` posts, ``per_page`` a page, with the total headers (unless
    ``headers`` is False); ``script`` gives a page's outcomes in turn before its answer."""

    def __init__(self, total: int, script: Mapping[int, list[Outcome]] | None = None, *,
                 headers: bool = True, per_page: int = 100, reported: int | None = None
                 ) -> None:
        self.total = total
        self.per_page = per_page
        self.reported = total if reported is None else reported
        self.script = {page: list(outcomes) for page, outcomes in (script or {}).items()}
        self.headers = headers
        self.asked: list[int] = []

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        assert headers == {"Accept": "application/json"}
        page = int(url.split("&page=")[1].split("&", maxsplit=1)[0])
        assert url == page_url(QUERY, page)
        self.asked.append(page)
        pending = self.script.get(page)
        outcome: Outcome = (pending.pop(0) if pending else
                            posts(1 + (page - 1) * 100, max(0, min(100, self.total
                                                                  - (page - 1) * 100))))
        if isinstance(outcome, FetchError):
            raise outcome
        pages = -(-self.reported // 100)
        told = {"x-wp-total": str(self.reported), "x-wp-totalpages": str(pages)}
        return Fetched(url, json.dumps(outcome).encode(), "application/json",
                       headers=told if self.headers else {})


class Waits:
    """The injected sleep: records each wait instead of waiting."""

    def __init__(self) -> None:
        self.waited: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waited.append(seconds)


def fetch(site: ScriptedSite, report: Report | None = None, *, jitter: float = 0.5,
          allow_partial: bool = False, attempts: int = 5) -> tuple[list[int], list[float]]:
    """The ids of the posts fetched and the waits between attempts."""
    waits = Waits()
    got = fetch_posts(QUERY, site, now=lambda: NOW, report=report, allow_partial=allow_partial,
                      retry=Retry(attempts=attempts, sleep=waits, jitter=lambda: jitter))
    ids = [post["id"] for post in got]
    assert all(isinstance(i, int) for i in ids)
    return [i for i in ids if isinstance(i, int)], waits.waited


# ------------------------------------------------------------------------ the total headers
def test_every_page_the_total_pages_header_names_is_read() -> None:
    site = ScriptedSite(250)
    ids, waited = fetch(site)
    assert ids == list(range(1, 251))
    assert sorted(site.asked) == [1, 2, 3] and waited == []


def test_there_is_no_fixed_cap_of_fifty_pages() -> None:
    ids, _ = fetch(ScriptedSite(6_050))
    assert len(ids) == 6_050


def test_a_site_past_the_upper_bound_is_refused_with_the_figure() -> None:
    site = ScriptedSite(MAX_PAGES * 100 + 1)
    with pytest.raises(InputError, match=f"reports {MAX_PAGES + 1} pages of 100 "
                                         r"\(X-WP-TotalPages\); peptidebook reads at most"):
        fetch(site)
    assert site.asked == [1]


def test_a_count_short_of_the_total_header_is_an_error() -> None:
    # The site said 250 but its last page holds 49: a post went while it was read.
    site = ScriptedSite(250, {3: [posts(201, 49)]})
    with pytest.raises(FetchError, match=r"reports 250 posts \(X-WP-Total\) but 249 were "
                                         "fetched: it changed while it was read"):
        fetch(site)


def test_a_count_short_of_the_total_header_is_a_warning_when_partial_is_allowed() -> None:
    report = Report()
    ids, _ = fetch(ScriptedSite(250, {3: [posts(201, 49)]}), report, allow_partial=True)
    assert len(ids) == 249
    (warning,) = report.diagnostics
    assert warning.code == "fetch-refused" and "but 249 were fetched" in warning.message


def test_a_post_pushed_onto_the_next_page_is_kept_once() -> None:
    # Post 100 comes again first on page 2 (one was published meanwhile, at the top).
    site = ScriptedSite(250, {2: [posts(100, 100)], 3: [posts(200, 51)]})
    ids, _ = fetch(site)
    assert ids == list(range(1, 251))


def test_without_total_headers_a_400_past_the_last_page_ends_the_list() -> None:
    past = StatusError("HTTP 400", 400, {}, b'{"code":"rest_post_invalid_page_number"}')
    site = ScriptedSite(200, {3: [past]}, headers=False)
    ids, _ = fetch(site)
    assert len(ids) == 200 and sorted(site.asked) == [1, 2, 3]


def test_without_total_headers_another_error_is_no_end() -> None:
    site = ScriptedSite(300, {2: [StatusError(f"{page_url(QUERY, 2)}: not fetched: HTTP 400",
                                              400, {}, b'{"code":"rest_invalid_param"}')]},
                        headers=False)
    with pytest.raises(FetchError, match="page 2 not fetched: HTTP 400; 100 posts were "):
        fetch(site)


# ------------------------------------------------------------------------ retries
def test_a_transient_503_is_tried_again_and_nothing_is_lost() -> None:
    site = ScriptedSite(300, {2: [unavailable(2), unavailable(2)]})
    ids, waited = fetch(site, jitter=1.0)
    assert ids == list(range(1, 301))
    assert sorted(site.asked) == [1, 2, 2, 2, 3]
    assert waited == [1.0, 2.0]  # base 1 s, doubled: full jitter drawn at its top


def test_a_429_waits_what_retry_after_says() -> None:
    site = ScriptedSite(250, {2: [unavailable(2, ("retry-after", "7"), status=429)]})
    ids, waited = fetch(site)
    assert len(ids) == 250 and waited == [7.0]


def test_retry_after_too_long_is_not_waited_for() -> None:
    site = ScriptedSite(250, {2: [unavailable(2, ("retry-after", "86400"), status=429)]})
    with pytest.raises(FetchError, match=r"page 2 of 3 not fetched: HTTP 429 Unavailable; "
                                         r"the site asks to wait 86400 s \(Retry-After\)"):
        fetch(site)


@pytest.mark.parametrize("error", [
    TransientError(f"{page_url(QUERY, 2)}: not fetched: no answer within 20 s"),
    TransientError(f"{page_url(QUERY, 2)}: not fetched: the answer ended early (3 bytes read)"),
    unavailable(2, status=502), unavailable(2, status=408),
])
def test_timeouts_and_answers_cut_short_are_tried_again(error: FetchError) -> None:
    ids, waited = fetch(ScriptedSite(250, {2: [error]}))
    assert len(ids) == 250 and len(waited) == 1


@pytest.mark.parametrize("status", [404, 401, 403, 501])
def test_a_status_no_retry_mends_is_not_tried_again(status: int) -> None:
    site = ScriptedSite(250, {2: [unavailable(2, status=status)]})
    with pytest.raises(FetchError, match=f"page 2 of 3 not fetched: HTTP {status} "):
        fetch(site)
    assert sorted(site.asked) == [1, 2, 3]  # page 2 once; page 3 fetched alongside


def test_a_503_that_persists_names_the_page_and_what_was_fetched() -> None:
    site = ScriptedSite(300, {2: [unavailable(2)] * 10})
    with pytest.raises(FetchError) as raised:
        fetch(site, jitter=1.0)
    assert str(raised.value) == (
        f"{page_url(QUERY, 2)}: page 2 of 3 not fetched: HTTP 503 Unavailable (tried 5 "
        "times); 100 of 300 posts were fetched (page 1); nothing was saved (try again later, "
        "or --allow-partial to save what was fetched)")
    assert sorted(site.asked) == [1, 2, 2, 2, 2, 2, 3]  # page 3 fetched alongside


def test_the_backoff_doubles_up_to_its_cap_with_full_jitter() -> None:
    retry = Retry(base=1.0, cap=5.0, jitter=lambda: 1.0)
    assert [retry.backoff(n) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]
    assert Retry(jitter=lambda: 0.25).backoff(3) == 1.0


def test_with_allow_partial_exactly_the_missing_pages_are_named() -> None:
    report = Report()
    site = ScriptedSite(500, {2: [unavailable(2)] * 5, 4: [unavailable(4)] * 5})
    ids, _ = fetch(site, report, allow_partial=True)
    assert ids == [*range(1, 101), *range(201, 301), *range(401, 501)]
    assert [(d.code, d.where) for d in report.diagnostics] == [
        ("fetch-refused", page_url(QUERY, 2)), ("fetch-refused", page_url(QUERY, 4))]
    assert report.diagnostics[0].message == (
        "page 2 of 5 not fetched: HTTP 503 Unavailable (tried 5 times); 300 of 500 posts "
        "saved without it")


def test_page_one_missing_is_an_error_even_when_partial_is_allowed() -> None:
    site = ScriptedSite(250, {1: [unavailable(1)] * 5})
    with pytest.raises(FetchError, match=r"HTTP 503 Unavailable \(tried 5 times\)$"):
        fetch(site, allow_partial=True)


# ------------------------------------------------------------------------ the pieces
@pytest.mark.parametrize(("value", "seconds"), [
    ("120", 120.0), (" 0 ", 0.0), ("Fri, 20 Nov 2026 09:31:00 GMT", 60.0),
    ("Fri, 20 Nov 2026 09:00:00 GMT", 0.0), ("soon", None), ("-5", None), ("", None),
])
def test_retry_after_is_seconds_or_an_http_date(value: str, seconds: float | None) -> None:
    assert retry_after({"retry-after": value}, NOW) == seconds


@pytest.mark.parametrize(("status", "worth"), [
    (429, True), (408, True), (500, True), (502, True), (503, True), (504, True), (520, True),
    (400, False), (404, False), (410, False), (501, False), (505, False),
])
def test_which_statuses_are_worth_a_retry(status: int, worth: bool) -> None:
    assert retry_worth(status) is worth


@pytest.mark.parametrize(("given", "host"), [
    ("127.0.0.1", "127.0.0.1"), ("[::1]", "::1"), ("0:0::1", "::1"),
    ("Staging.Example.", "staging.example"), ("bücher.example", "xn--bcher-kva.example"),
    ("localhost", "localhost"),
])
def test_an_allowed_host_is_compared_as_the_fetcher_names_it(given: str, host: str) -> None:
    assert allowed_host(given) == host


@pytest.mark.parametrize("given", ["https://staging.example", "staging.example:8443",
                                   "staging.example/blog", "exa mple", ""])
def test_an_allowed_host_that_is_no_host_name_is_a_usage_error(given: str) -> None:
    with pytest.raises(UsageError, match=f"^--allow-host {given}: not a host name"):
        allowed_host(given)


# ------------------------------------------------------------------------ progress
def test_the_requests_to_make_are_told_once_page_1_tells_the_pages_and_a_retry_adds_one(
        ) -> None:
    site = ScriptedSite(250, {3: [unavailable(3)]})
    planned: list[int] = []
    requests: list[str] = []
    got = fetch_posts(QUERY, site, now=lambda: NOW, progress=requests.append,
                      retry=Retry(sleep=Waits(), jitter=lambda: 0.0), planned=planned.append)
    assert len(got) == 250
    assert planned == [3, 4]  # page 1 done, pages 2 and 3 to come; page 3 asked twice
    assert len(requests) == 4


def test_without_total_headers_no_total_is_told() -> None:
    planned: list[int] = []
    fetch_posts(QUERY, ScriptedSite(150, headers=False), now=lambda: NOW,
                planned=planned.append)
    assert planned == []
