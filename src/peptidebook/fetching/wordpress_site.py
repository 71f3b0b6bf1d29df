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

**Selection.** A :class:`Selection` narrows the collection as the REST API does, every filter
combined with the others (AND): categories and tags (slugs, resolved to ids through
``/wp/v2/categories?slug=`` and ``/wp/v2/tags?slug=``; several of one kind: any of them),
authors (a user's slug through ``/wp/v2/users?slug=``, else ``?search=``), a search text, a
date range, statuses and ids; a custom post type is named by its REST base and checked against
``/wp/v2/types``. A slug, author or type the site does not know is a one-line error naming it
and what the site has.

**Login.** A :class:`Login` (a WordPress application password) is sent as HTTP Basic
authorization with every request to the site's own host, over https only; the fetcher drops it
on a redirect to another host. The password is never part of an address, a message, a log
record or a saved post; a 401 or 403 is an error saying the login failed (or that drafts and
private posts need one).

WordPress REST API Handbook: ``GET /wp/v2/posts`` — ``slug``, ``per_page`` (max 100), ``page``,
``_embed``, ``categories``, ``tags``, ``author``, ``search``, ``after``, ``before``,
``status``, ``include``; "Pagination": ``X-WP-Total``, ``X-WP-TotalPages``; "Authentication":
application passwords (WordPress 5.6).
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlencode, urlsplit

from ..diagnostics import Report
from ..errors import FetchError, InputError, UsageError
from ._addresses import address_problem
from ._base import Fetched, HttpFetcher, StatusError, TransientError
from ._pool import fetch_all
from .site_options import PASSWORD_VARIABLE, Login, Selection
from .site_retry import Retry, retry_after, retry_worth

#: The key under which a fetched post records its provenance.
PROVENANCE_KEY = "peptidebook"
PER_PAGE = 100
#: The most pages of a collection read (100,000 posts): a site that reports more is refused
#: with the figure, never read in part.
MAX_PAGES = 1000
#: What the REST API answers; an HTML login or maintenance page is told apart by its body.
ACCEPT_JSON = {"Accept": "application/json"}
#: WordPress' error code for a page past the last one (``WP_REST_Posts_Controller``).
PAST_THE_LAST_PAGE = "rest_post_invalid_page_number"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SiteQuery:
    """What is asked of the site: the REST base of the post type, the slugs (none: the whole
    collection) and ``params``, the selection's REST parameters once resolved (ids)."""

    site: str
    post_type: str = "posts"
    slugs: tuple[str, ...] = ()
    params: tuple[tuple[str, str], ...] = ()


#: The policy ``fetch_posts`` uses when given none.
DEFAULT_RETRY = Retry()


def api_url(query: SiteQuery, **params: str | int) -> str:
    """The REST endpoint for ``query`` with ``params``, then the selection's, and always
    ``_embed`` (authors, featured media, terms). A malformed address (``https://[::1``,
    ``https://exa mple.com``) is a :class:`UsageError` naming it."""
    return (f"{_rest_root(query.site)}/{query.post_type}?"
            + urlencode([*params.items(), *query.params, ("_embed", 1)]))


def _rest_root(site: str) -> str:
    """``site``'s ``/wp-json/wp/v2`` root, the address checked."""
    if not site.lower().startswith("https://"):
        raise UsageError(f"{site}: give the site as https://host[/path]")
    problem = address_problem(site)
    if problem is not None:
        raise UsageError(f"{site}: not a valid address ({problem}); "
                         "give the site as https://host[/path]")
    return f"{site.rstrip('/')}/wp-json/wp/v2"


def page_url(query: SiteQuery, page: int) -> str:
    return api_url(query, per_page=PER_PAGE, page=page)


def fetch_posts(query: SiteQuery, fetcher: HttpFetcher,
                now: Callable[[], datetime] = lambda: datetime.now(UTC),
                progress: Callable[[str], None] = lambda _msg: None, *,
                retry: Retry | None = None, report: Report | None = None,
                allow_partial: bool = False, selection: Selection | None = None,
                login: Login | None = None,
                planned: Callable[[int], None] = lambda _n: None) -> list[dict[str, object]]:
    """The posts of ``query`` narrowed by ``selection``, each stamped with where and when it
    was retrieved; every request carries ``login`` when given. ``progress`` is told of each
    request (from the pool's threads, one at a time); ``planned`` the number of requests the
    whole fetch makes, once page 1 tells the pages (again when a retry adds one).

    All of them, or a :class:`FetchError` naming what is missing and what was fetched — or,
    with ``allow_partial``, those fetched and one ``fetch-refused`` warning to ``report`` (else
    the log) per page or slug missing."""
    chosen = selection or Selection()
    if chosen.needs_login() and login is None:
        drafts = next(s for s in chosen.statuses if s != "publish")
        raise UsageError(f"--status {drafts}: only a logged-in user sees {drafts} posts: give "
                         f"--user NAME (an application password from {PASSWORD_VARIABLE} or "
                         "~/.netrc)")
    site = _Site(query.site, fetcher, retry or DEFAULT_RETRY, now, progress, login=login,
                 planned=planned)
    query = _resolved(query, chosen, site)
    if query.slugs:
        return _by_slug(query, site, report, allow_partial)
    return _collection(query, site, report, allow_partial)


class _GaveUp(FetchError):
    """A request that failed every attempt (or whose ``Retry-After`` was too long to wait)."""


class _Site:
    """One site's REST API through ``fetcher``: requests tried again per :class:`Retry`,
    ``login`` sent with those to the site's own host over https."""

    def __init__(self, site: str, fetcher: HttpFetcher, retry: Retry,
                 now: Callable[[], datetime], progress: Callable[[str], None], *,
                 login: Login | None = None,
                 planned: Callable[[int], None] = lambda _n: None) -> None:
        self.root = _rest_root(site)
        self.host = urlsplit(site).netloc.lower()
        self.fetcher = fetcher
        self.retry = retry
        self.now = now
        self.progress = progress
        self.login = login
        self._planned = planned
        # The pool's threads count their requests and tell ``progress`` one at a time.
        self._counting = threading.Lock()
        self._requests = 0
        self._plan: int | None = None

    def plan(self, more: int) -> None:
        """``more`` requests are still to come when none fails: the total is now known."""
        with self._counting:
            self._plan = self._requests + more
            self._planned(self._plan)

    def _asking(self, message: str) -> None:
        with self._counting:
            self._requests += 1
            if self._plan is not None and self._requests > self._plan:  # a retry: one more
                self._plan = self._requests
                self._planned(self._plan)
            self.progress(message)

    def headers(self, url: str) -> dict[str, str]:
        """``Accept``, and the login for the site's own host over https only."""
        parts = urlsplit(url)
        if (self.login is None or parts.scheme.lower() != "https"
                or parts.netloc.lower() != self.host):
            return dict(ACCEPT_JSON)
        return {**ACCEPT_JSON, "Authorization": self.login.header()}

    def get(self, url: str) -> Fetched:
        """``url``'s answer; a :class:`_GaveUp` naming the last failure once no more attempts
        are worth making; a refused login says so; another failure no retry mends is raised as
        it is."""
        attempts = max(1, self.retry.attempts)
        headers = self.headers(url)
        for attempt in range(1, attempts + 1):
            self._asking(f"fetching {url}" + (f" (attempt {attempt})" if attempt > 1 else ""))
            try:
                return self.fetcher.fetch(url, headers)
            except StatusError as error:
                if error.status in (401, 403):
                    raise self.refused(url, error) from None
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

    def refused(self, url: str, error: StatusError) -> FetchError:
        """A 401 or 403 as one line: the login failed, or one is needed. WordPress' error code
        is named (``incorrect_password``); its message is not, nor ever the password."""
        code = _error_code(error.body)
        status = _reason(error, url) + (f" ({code})" if code else "")
        if self.login is None:
            return FetchError(f"{url}: not fetched: {status}: the site asks for a login; drafts "
                              f"and private posts need --user NAME with an application "
                              f"password ({PASSWORD_VARIABLE} or ~/.netrc)")
        return FetchError(f"{url}: not fetched: {status}: the login as {self.login.user} "
                          f"failed; check --user and the application password from "
                          f"{self.login.source} (WordPress: Users > Profile > Application "
                          "Passwords)")

    def json_list(self, fetched: Fetched) -> list[object]:
        answer = _json(fetched)
        if not isinstance(answer, list):
            raise InputError(f"{fetched.url}: expected a JSON array of posts from the REST API")
        return answer

    def stamped(self, answer: list[object], url: str) -> list[dict[str, object]]:
        stamp = self.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return [{**post, PROVENANCE_KEY: {"retrieved": stamp, "api": url}}
                for post in answer if isinstance(post, dict)]

    def listed(self, endpoint: str, **params: str) -> list[dict[str, object]]:
        """The objects ``/wp/v2/ENDPOINT?params`` lists (terms, users)."""
        url = f"{self.root}/{endpoint}?{urlencode(params)}"
        return [item for item in self.json_list(self.get(url)) if isinstance(item, dict)]


def _error_code(body: bytes) -> str | None:
    """The ``code`` of a WordPress REST error object (``incorrect_password``), when it is one
    (a token: letters, digits, ``_``; anything else is not shown)."""
    try:
        answer = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    code = answer.get("code") if isinstance(answer, dict) else None
    return code if isinstance(code, str) and re.fullmatch(r"[a-z0-9_]{1,64}", code) else None


def _resolved(query: SiteQuery, selection: Selection, site: _Site) -> SiteQuery:
    """``query`` with the REST parameters of ``selection``, slugs and names resolved to ids
    and a post type other than posts checked against the site's."""
    if query.post_type != "posts" and (query.post_type != "pages" or selection.categories
                                       or selection.tags):
        query = _checked_type(query, selection, site)
    params: list[tuple[str, str]] = []
    for option, slugs, endpoint, kind in (("--category", selection.categories, "categories",
                                           "category"),
                                          ("--tag", selection.tags, "tags", "tag")):
        if slugs:
            params.append((endpoint, _joined(_term_id(site, option, endpoint, kind, slug)
                                             for slug in slugs)))
    if selection.authors:
        params.append(("author", _joined(_author_id(site, name) for name in selection.authors)))
    if selection.search is not None:
        params.append(("search", selection.search))
    for name, when in (("after", selection.after), ("before", selection.before)):
        if when is not None:  # ISO 8601, the site's time zone (WordPress compares post_date)
            params.append((name, when.isoformat(timespec="seconds")))
    if selection.statuses:
        params.append(("status", ",".join(dict.fromkeys(selection.statuses))))
    if selection.include:
        params.append(("include", _joined(selection.include)))
    return replace(query, params=(*query.params, *params))


def _joined(ids: Iterable[int]) -> str:
    """A REST list parameter: comma-separated (``wp_parse_id_list``), each id once."""
    return ",".join(str(i) for i in dict.fromkeys(ids))


#: The taxonomy a filter option names (``register_taxonomy``'s names).
_TAXONOMIES = {"--category": "category", "--tag": "post_tag"}


def _checked_type(query: SiteQuery, selection: Selection, site: _Site) -> SiteQuery:
    """``query`` with its post type as the site's REST base (``book`` → ``books``), or a
    :class:`UsageError` listing the types the site has; a category or tag filter on a type
    without that taxonomy is refused too (WordPress would ignore it and send every post)."""
    url = f"{site.root}/types"
    answer = _json(site.get(url))
    types = {name: info for name, info in answer.items() if isinstance(info, dict)} \
        if isinstance(answer, dict) else {}
    found = next((info for name, info in types.items()
                  if query.post_type in (info.get("rest_base"), name)), None)
    if found is None:
        bases = sorted({str(info.get("rest_base") or name) for name, info in types.items()})
        raise UsageError(f"--type {query.post_type}: the site has no post type with that REST "
                         f"base; it has {', '.join(bases) or 'none listed'} ({url})")
    base = str(found.get("rest_base") or query.post_type)
    taxonomies = found.get("taxonomies")
    for option, given in (("--category", selection.categories), ("--tag", selection.tags)):
        if given and not (isinstance(taxonomies, list) and _TAXONOMIES[option] in taxonomies):
            raise UsageError(f"{option} {given[0]}: {base} have no {_TAXONOMIES[option]} "
                             f"taxonomy on this site ({url})")
    return replace(query, post_type=base)


def _term_id(site: _Site, option: str, endpoint: str, kind: str, slug: str) -> int:
    """The id of the category or tag ``slug``; an unknown one is an :class:`InputError`."""
    for term in site.listed(endpoint, slug=slug):
        if isinstance(term.get("id"), int):
            return int(str(term["id"]))
    raise InputError(f"{option} {slug}: the site has no {kind} with that slug "
                     f"({site.root}/{endpoint}?{urlencode({'slug': slug})})")


def _author_id(site: _Site, name: str) -> int:
    """The id of the user whose slug is ``name``, else of the one user ``search`` finds; none
    or several is an :class:`InputError` listing those that matched."""
    users = site.listed("users", slug=name) or site.listed("users", search=name)
    ids = [user for user in users if isinstance(user.get("id"), int)]
    if len(ids) == 1:
        return int(str(ids[0]["id"]))
    if not ids:
        raise InputError(f"--author {name}: no author of the site has that slug or matches it "
                         f"({site.root}/users?{urlencode({'search': name})})")
    shown = ", ".join(f"{user.get('slug')} ({user.get('name')})" for user in ids)
    raise InputError(f"--author {name}: matches {len(ids)} authors: {shown}; give one's slug")


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
    """Every page of the collection (page 1 always: without it nothing is known). Once page 1
    tells how many there are, the others are fetched through the pool, each with its retries,
    and taken in page order: the same posts, errors and warnings as one after the other."""
    first = site.get(page_url(query, 1))
    read = _Reading(query, _Totals.of(first), allow_partial)
    first_page = site.json_list(first)
    read.got(1, site.stamped(first_page, first.url))
    if read.totals.pages is not None:
        rest = [page_url(query, page) for page in range(2, read.totals.pages + 1)]
        site.plan(len(rest))
        for page, (url, answered) in enumerate(fetch_all(site.get, rest).items(), start=2):
            _take(site, read, page, url, answered)
        return read.checked(first.url, report)
    # No total headers: one page after the other until a short one (or the API's "past the
    # last page").
    page = 1
    answer: list[object] | None = first_page
    while answer is not None and read.more_after(page, len(answer)):
        page += 1
        url = page_url(query, page)
        try:
            got: Fetched | FetchError = site.get(url)
        except FetchError as error:
            got = error
        answer = _take(site, read, page, url, got)
    return read.checked(first.url, report)


def _take(site: _Site, read: _Reading, page: int, url: str,
          got: Fetched | FetchError) -> list[object] | None:
    """Page ``page``'s posts into ``read`` (its answer, or lost with ``got``'s error); None
    when the site says it is past the last page."""
    try:
        if isinstance(got, FetchError):
            raise got
        answer = site.json_list(got)
    except StatusError as error:
        if read.totals.pages is None and _past_the_last_page(error):
            return None
        return read.lost(page, error)
    except FetchError as error:
        return read.lost(page, error)
    read.got(page, site.stamped(answer, url))
    return answer


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
