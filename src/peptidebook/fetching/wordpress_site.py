"""Step 0 - Fetching: save posts of a live WordPress site (REST API) as source files.

``peptidebook fetch https://example.org --slug a-post`` asks the site's REST API
(``/wp-json/wp/v2/posts?slug=…&_embed=1``; pages with ``--type pages``) through the one
injectable fetcher (https only, public hosts, size and time limits) and writes each post as a
JSON file the WordPress reader reads like any other export. Each saved post carries a
``"peptidebook"`` record with the address it was fetched from and when (UTC): the book's
preface and References chapter then say when every article was retrieved.

**Complete or loud.** Without ``--slug`` the collection is read page by page, as many pages as
the first answer's ``X-WP-TotalPages`` says (at most :data:`MAX_PAGES`), and the posts fetched
are counted against its ``X-WP-Total``. A request answered 408, 429 or a 5xx that may pass, or
that timed out or was cut short, is tried again (:class:`Retry`: ``Retry-After`` honoured, else
exponential backoff with full jitter) a bounded number of times. A page still missing after
that is an error naming it and what was fetched, and nothing is saved — or, with
``allow_partial``, one ``fetch-refused`` warning per missing page. Never is a failure taken
for the end of the list. (A site that sends no total headers is read until a short page, or the
API's ``rest_post_invalid_page_number`` answer past the last one.)

WordPress REST API Handbook: ``GET /wp/v2/posts`` — ``slug``, ``per_page`` (max 100), ``page``,
``_embed``; "Pagination": ``X-WP-Total``, ``X-WP-TotalPages``.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urlencode

from ..diagnostics import Report
from ..errors import FetchError, InputError, UsageError
from ..files import written_atomically
from ..names import IdAllocator
from ._addresses import address_problem
from ._base import Fetched, HttpFetcher, StatusError, TransientError

#: The key under which a fetched post records its provenance.
PROVENANCE_KEY = "peptidebook"
PER_PAGE = 100
#: The most pages of a collection read (100,000 posts): a site that reports more is refused
#: with the figure, never read in part.
MAX_PAGES = 1000
#: The longest name of a saved post's file, without ``.json``.
POST_NAME_LIMIT = 80
#: A file larger than this is not a post an earlier fetch saved (the fetcher's limit for one
#: answer of up to 100 posts is 10 MiB).
MAX_SAVED_BYTES = 32 * 1024 * 1024
#: What the REST API answers; an HTML login or maintenance page is told apart by its body.
ACCEPT_JSON = {"Accept": "application/json"}
#: WordPress' error code for a page past the last one (``WP_REST_Posts_Controller``).
PAST_THE_LAST_PAGE = "rest_post_invalid_page_number"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SiteQuery:
    site: str
    post_type: str = "posts"
    slugs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Retry:
    """How a failed request is tried again: ``attempts`` in all. Before attempt *n* + 1 it
    waits what ``Retry-After`` says (RFC 9110 §10.2.3: seconds or an HTTP date), else a random
    time between 0 and ``min(cap, base * 2 ** (n - 1))`` seconds ("full jitter": clients that
    failed together do not return together; AWS Architecture Blog, "Exponential Backoff and
    Jitter", 2015). A site that asks for more than ``max_wait`` seconds is not waited for.
    ``sleep`` and ``jitter`` (a number in [0, 1)) are injected by tests, which then never wait."""

    attempts: int = 5
    base: float = 1.0
    cap: float = 30.0
    max_wait: float = 300.0
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = random.random

    def backoff(self, failed: int) -> float:
        """The wait after the ``failed``-th failed attempt when the server named none."""
        return self.jitter() * min(self.cap, self.base * 2.0 ** (failed - 1))


#: The policy ``fetch_posts`` uses when given none.
DEFAULT_RETRY = Retry()


def retry_worth(status: int) -> bool:
    """Whether an answer with ``status`` may be mended by asking again: 408 Request Timeout,
    429 Too Many Requests (RFC 6585 §4) and the 5xx a server or gateway recovers from — not
    501 Not Implemented or 505 HTTP Version Not Supported."""
    return status in (408, 429) or (500 <= status <= 599 and status not in (501, 505))


def retry_after(headers: Mapping[str, str], now: datetime) -> float | None:
    """The seconds ``Retry-After`` asks to wait (RFC 9110 §10.2.3: delay-seconds or an
    HTTP-date, a date in the past meaning now), or None when it is absent or malformed."""
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 §5.6.7: an HTTP date is always GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def api_url(query: SiteQuery, **params: str | int) -> str:
    """The REST endpoint for ``query`` with ``params`` (always ``_embed`` for authors/media).
    A malformed address (``https://[::1``, ``https://exa mple.com``) is a :class:`UsageError`
    naming it."""
    if not query.site.lower().startswith("https://"):
        raise UsageError(f"{query.site}: give the site as https://host[/path]")
    problem = address_problem(query.site)
    if problem is not None:
        raise UsageError(f"{query.site}: not a valid address ({problem}); "
                         "give the site as https://host[/path]")
    base = query.site.rstrip("/")
    return f"{base}/wp-json/wp/v2/{query.post_type}?" + urlencode({**params, "_embed": 1})


def allowed_host(text: str) -> str:
    """``--allow-host``'s HOST as the fetcher compares it: a host name (IDNA, lower case) or an
    IP address, never a URL (a :class:`UsageError` says so: an allowance that can never match
    would fail later, unexplained)."""
    bare = text.strip().removeprefix("[").removesuffix("]")
    try:
        return str(ipaddress.ip_address(bare))
    except ValueError:
        pass
    problem = address_problem(f"https://{bare}/")
    if problem is None and any(c in bare for c in "/:@?#"):
        problem = "give the host alone, without scheme, port or path"
    if problem is not None:
        raise UsageError(f"--allow-host {text}: not a host name ({problem})")
    return bare.encode("idna").decode("ascii").lower().removesuffix(".")


def page_url(query: SiteQuery, page: int) -> str:
    return api_url(query, per_page=PER_PAGE, page=page)


def fetch_posts(query: SiteQuery, fetcher: HttpFetcher,
                now: Callable[[], datetime] = lambda: datetime.now(UTC),
                progress: Callable[[str], None] = lambda _msg: None, *,
                retry: Retry | None = None, report: Report | None = None,
                allow_partial: bool = False) -> list[dict[str, object]]:
    """The posts of ``query``, each stamped with where and when it was retrieved.

    All of them, or a :class:`FetchError` naming what is missing and what was fetched — or,
    with ``allow_partial``, those fetched and one ``fetch-refused`` warning to ``report`` (else
    the log) per page or slug missing."""
    site = _Site(fetcher, retry or DEFAULT_RETRY, now, progress)
    if query.slugs:
        return _by_slug(query, site, report, allow_partial)
    return _collection(query, site, report, allow_partial)


class _GaveUp(FetchError):
    """A request that failed every attempt (or whose ``Retry-After`` was too long to wait)."""


class _Site:
    """One site's REST API through ``fetcher``: requests tried again per :class:`Retry`."""

    def __init__(self, fetcher: HttpFetcher, retry: Retry, now: Callable[[], datetime],
                 progress: Callable[[str], None]) -> None:
        self.fetcher = fetcher
        self.retry = retry
        self.now = now
        self.progress = progress

    def get(self, url: str) -> Fetched:
        """``url``'s answer; a :class:`_GaveUp` naming the last failure once no more attempts
        are worth making; a failure no retry mends is raised as it is."""
        attempts = max(1, self.retry.attempts)
        for attempt in range(1, attempts + 1):
            self.progress(f"fetching {url}" + (f" (attempt {attempt})" if attempt > 1 else ""))
            try:
                return self.fetcher.fetch(url, ACCEPT_JSON)
            except StatusError as error:
                if not retry_worth(error.status):
                    raise
                failure: FetchError = error
                asked = retry_after(error.headers, self.now())
            except TransientError as error:
                failure, asked = error, None
            if attempt == attempts:
                raise _GaveUp(f"{failure} ({_times(attempts)})") from None
            wait = asked if asked is not None else self.retry.backoff(attempt)
            if wait > self.retry.max_wait:
                raise _GaveUp(f"{failure}; the site asks to wait {wait:.0f} s (Retry-After), "
                              f"more than {self.retry.max_wait:g} s") from None
            log.info("%s; trying again in %.1f s", failure, wait)
            self.retry.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def json_list(self, fetched: Fetched) -> list[object]:
        answer = _json(fetched)
        if not isinstance(answer, list):
            raise InputError(f"{fetched.url}: expected a JSON array of posts from the REST API")
        return answer

    def stamped(self, answer: list[object], url: str) -> list[dict[str, object]]:
        stamp = self.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return [{**post, PROVENANCE_KEY: {"retrieved": stamp, "api": url}}
                for post in answer if isinstance(post, dict)]


def _json(fetched: Fetched) -> object:
    try:
        return json.loads(fetched.data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{fetched.url}: the site did not answer with JSON ({error})") from None
    except RecursionError:  # json's decoder recurses once per nested array or object
        raise InputError(f"{fetched.url}: the site answered with JSON nested too deeply"
                         ) from None


def _by_slug(query: SiteQuery, site: _Site, report: Report | None,
             allow_partial: bool) -> list[dict[str, object]]:
    posts: list[dict[str, object]] = []
    for slug in query.slugs:
        url = api_url(query, slug=slug)
        try:
            answer = site.json_list(site.get(url))
        except FetchError as error:
            if not allow_partial:
                raise
            _missing(report, url, f"{query.post_type[:-1]} {slug!r} not fetched: "
                                  f"{_reason(error, url)}")
            continue
        if not answer:
            raise InputError(f"{url}: the site has no {query.post_type[:-1]} with that slug")
        posts.extend(site.stamped(answer, url))
    return posts


@dataclass(frozen=True)
class _Totals:
    """What the first page's headers say of the collection (None: not said)."""

    posts: int | None
    pages: int | None

    @classmethod
    def of(cls, fetched: Fetched) -> _Totals:
        total, pages = (_count(fetched.headers.get(name)) for name in
                        ("x-wp-total", "x-wp-totalpages"))
        if pages is not None and pages > MAX_PAGES:
            raise InputError(f"{fetched.url}: the site reports {pages} pages of "
                             f"{PER_PAGE} (X-WP-TotalPages); peptidebook reads at most "
                             f"{MAX_PAGES} ({MAX_PAGES * PER_PAGE} posts): fetch by --slug")
        return cls(total, pages)


def _count(value: str | None) -> int | None:
    return int(value) if value is not None and value.strip().isdigit() else None


def _collection(query: SiteQuery, site: _Site, report: Report | None,
                allow_partial: bool) -> list[dict[str, object]]:
    """Every page of the collection (page 1 always: without it nothing is known)."""
    first = site.get(page_url(query, 1))
    read = _Reading(query, _Totals.of(first), allow_partial)
    answer = site.json_list(first)
    read.got(1, site.stamped(answer, first.url))
    page = 1
    while read.more_after(page, len(answer)):
        page += 1
        url = page_url(query, page)
        try:
            answer = site.json_list(site.get(url))
        except StatusError as error:
            if read.totals.pages is None and _past_the_last_page(error):
                break
            answer = read.lost(page, error)
        except FetchError as error:
            answer = read.lost(page, error)
        else:
            read.got(page, site.stamped(answer, url))
    return read.checked(first.url, report)


class _Reading:
    """The pages of a collection as they are read: what was fetched, what is missing."""

    def __init__(self, query: SiteQuery, totals: _Totals, allow_partial: bool) -> None:
        self.query = query
        self.totals = totals
        self.allow_partial = allow_partial
        self.posts: list[dict[str, object]] = []
        self.pages: list[int] = []
        self.missing: list[tuple[int, str]] = []

    def more_after(self, page: int, last_count: int) -> bool:
        if self.totals.pages is not None:
            return page < self.totals.pages
        # No total headers: a short page is the last one (a lost one is no end).
        more = last_count >= PER_PAGE or bool(self.missing and self.missing[-1][0] == page)
        if more and page >= MAX_PAGES:
            raise InputError(f"{page_url(self.query, page)}: the site has more than "
                             f"{MAX_PAGES} pages of {PER_PAGE}; peptidebook reads at most "
                             f"{MAX_PAGES} ({MAX_PAGES * PER_PAGE} posts): fetch by --slug")
        return more

    def got(self, page: int, posts: list[dict[str, object]]) -> None:
        self.posts.extend(posts)
        self.pages.append(page)

    def lost(self, page: int, error: FetchError) -> list[object]:
        """A page not fetched: an error naming it and what was fetched, or with
        ``allow_partial`` noted as missing (an empty answer: the next pages are still read)."""
        url = page_url(self.query, page)
        reason = _reason(error, url)
        if not self.allow_partial:
            raise FetchError(
                f"{url}: {self.page_of(page)} not fetched: {reason}; {self.fetched()} were "
                f"fetched ({_pages(self.pages)}); nothing was saved (try again later, or "
                "--allow-partial to save what was fetched)")
        self.missing.append((page, reason))
        return []

    def checked(self, first: str, report: Report | None) -> list[dict[str, object]]:
        """The posts, each once, after every missing page is reported and the count is held
        against ``X-WP-Total``."""
        for page, reason in self.missing:
            _missing(report, page_url(self.query, page),
                     f"{self.page_of(page)} not fetched: {reason}; {self.fetched()} saved "
                     "without it")
        posts = _unique(self.posts)
        expected = self.totals.posts
        if expected is not None and not self.missing and len(posts) != expected:
            message = (f"the site reports {expected} {self.query.post_type} (X-WP-Total) but "
                       f"{len(posts)} were fetched: it changed while it was read; fetch again")
            if not self.allow_partial:
                raise FetchError(f"{first}: {message}; nothing was saved")
            _missing(report, first, message)
        return posts

    def page_of(self, page: int) -> str:
        pages = self.totals.pages
        return f"page {page}" + (f" of {pages}" if pages is not None else "")

    def fetched(self) -> str:
        """``100 of 250 posts``: the count of what was fetched so far."""
        of = f"of {self.totals.posts} " if self.totals.posts is not None else ""
        return f"{len(self.posts)} {of}{self.query.post_type}"


def _past_the_last_page(error: StatusError) -> bool:
    """WordPress' answer to a page past the last one (HTTP 400, ``rest_post_invalid_page
    _number``): the end of the list for a site that sends no total headers."""
    if error.status != 400:
        return False
    try:
        body = json.loads(error.body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(body, dict) and body.get("code") == PAST_THE_LAST_PAGE


def _missing(report: Report | None, where: str, message: str) -> None:
    if report is not None:
        report.warning("fetch-refused", where, message)
    else:
        log.warning("%s: %s", where, message)


def _unique(posts: list[dict[str, object]]) -> list[dict[str, object]]:
    """Each post once: a post published while the list is read moves the others down a
    place, so the last of a page comes again first on the next."""
    seen: set[object] = set()
    unique = []
    for post in posts:
        key = post.get("id")
        if isinstance(key, int):
            if key in seen:
                continue
            seen.add(key)
        unique.append(post)
    return unique


def _reason(error: FetchError, url: str) -> str:
    """``error``'s message without the address it starts with (the caller names it)."""
    text = str(error)
    for prefix in (f"{url}: not fetched: ", f"{url}: "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def _pages(pages: list[int]) -> str:
    if len(pages) == 1:
        return f"page {pages[0]}"
    if pages == list(range(pages[0], pages[-1] + 1)):
        return f"pages {pages[0]}–{pages[-1]}"
    return "pages " + ", ".join(map(str, pages))


def _times(attempts: int) -> str:
    return "tried once" if attempts == 1 else f"tried {attempts} times"


def save_posts(posts: Sequence[dict[str, object]], folder: Path,
               report: Report | None = None) -> list[Path]:
    """Write each post as ``<name>.json`` in ``folder`` (via a temporary file); return the paths.

    The name is the post's slug made safe (:func:`..names.safe_name`: lower-case ASCII
    letters, digits and hyphens, at most :data:`POST_NAME_LIMIT` characters), else
    ``post-<id>``; unique in the fetch (``same``, then ``same-2`` for ``Same``). A file of
    ``folder`` is only ever replaced by the same name when it is a post an earlier fetch saved;
    any other takes the next suffix. A name that had to change is reported (``renamed``) to
    ``report``, or logged without one.
    """
    names = IdAllocator.for_files(POST_NAME_LIMIT, scope="by another post of this fetch")
    written: list[Path] = []
    for n, post in enumerate(posts, 1):
        post_id = post.get("id")
        fallback = f"post-{post_id}" if isinstance(post_id, int) else f"post-{n}"
        slug = post.get("slug")
        # A slug is a URL path segment (RFC 3986 §2.1): WordPress percent-encodes non-ASCII.
        given = unquote(slug) if isinstance(slug, str) and slug.strip() else fallback
        named = names.give(given, fallback=fallback)
        why = named.why
        while not _ours_to_replace(folder / f"{named.name}.json"):
            why = why or "names a file there that is not a post peptidebook fetched"
            named = names.give(given, fallback=fallback)
        path = folder / f"{named.name}.json"
        if why:
            _renamed(report, path, f"the post's slug {_shown(given)} {why}: saved as {path.name}")
        with written_atomically(path, "a fetched post") as partial:
            partial.write_text(json.dumps(post, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    return written


def _ours_to_replace(path: Path) -> bool:
    """Whether ``save_posts`` may write ``path``: nothing is there, or a post an earlier fetch
    saved (a JSON object with its :data:`PROVENANCE_KEY` record), not a link."""
    if not path.exists() and not path.is_symlink():
        return True
    if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_SAVED_BYTES:
        return False
    try:
        saved = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):  # unreadable, not UTF-8, not JSON, too deep
        return False
    return isinstance(saved, dict) and isinstance(saved.get(PROVENANCE_KEY), dict)


def _shown(given: str, limit: int = 60) -> str:
    return repr(given if len(given) <= limit else given[:limit] + "…")


def _renamed(report: Report | None, path: Path, message: str) -> None:
    if report is not None:
        report.warning("renamed", str(path), message)
    else:
        log.warning("%s: %s", path, message)
