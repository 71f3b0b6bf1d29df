"""Step 0 - Fetching: save posts of a live WordPress site (REST API) as source files.

``peptidebook fetch https://example.org --slug a-post`` asks the site's REST API
(``/wp-json/wp/v2/posts?slug=…&_embed=1``; pages with ``--type pages``) through the one
injectable fetcher (https only, public hosts, size and time limits) and writes each post as a
JSON file the WordPress reader reads like any other export. Each saved post carries a
``"peptidebook"`` record with the address it was fetched from and when (UTC): the book's
preface and References chapter then say when every article was retrieved.

WordPress REST API Handbook: ``GET /wp/v2/posts`` — ``slug``, ``per_page`` (max 100), ``page``,
``_embed``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlencode

from ..diagnostics import Report
from ..errors import FetchError, InputError, UsageError
from ..files import written_atomically
from ..names import IdAllocator
from ._addresses import address_problem
from ._base import Fetcher

#: The key under which a fetched post records its provenance.
PROVENANCE_KEY = "peptidebook"
MAX_PAGES = 50
PER_PAGE = 100
#: The longest name of a saved post's file, without ``.json``.
POST_NAME_LIMIT = 80
#: A file larger than this is not a post an earlier fetch saved (the fetcher's limit for one
#: answer of up to 100 posts is 10 MiB).
MAX_SAVED_BYTES = 32 * 1024 * 1024

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SiteQuery:
    site: str
    post_type: str = "posts"
    slugs: tuple[str, ...] = ()


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


def _fetch_json(fetcher: Fetcher, url: str) -> object:
    fetched = fetcher.fetch(url)
    try:
        return json.loads(fetched.data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{url}: the site did not answer with JSON ({error})") from None
    except RecursionError:  # json's decoder recurses once per nested array or object
        raise InputError(f"{url}: the site answered with JSON nested too deeply") from None


def fetch_posts(query: SiteQuery, fetcher: Fetcher,
                now: Callable[[], datetime] = lambda: datetime.now(UTC),
                progress: Callable[[str], None] = lambda _msg: None) -> list[dict[str, object]]:
    """The posts of ``query``, each stamped with where and when it was retrieved."""
    posts: list[dict[str, object]] = []
    requests: list[str] = []
    if query.slugs:
        requests = [api_url(query, slug=slug) for slug in query.slugs]
    for n, url in enumerate(requests or _pages(query), 1):
        progress(f"fetching {url}")
        try:
            answer = _fetch_json(fetcher, url)
        except FetchError:
            if not query.slugs and n > 1:
                break  # past the last page the API answers 400 rest_post_invalid_page_number
            raise
        if not isinstance(answer, list):
            raise InputError(f"{url}: expected a JSON array of posts from the REST API")
        if query.slugs and not answer:
            raise InputError(f"{url}: the site has no {query.post_type[:-1]} with that slug")
        if not answer:
            break
        stamp = now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        for post in answer:
            if isinstance(post, dict):
                posts.append({**post, PROVENANCE_KEY: {"retrieved": stamp, "api": url}})
    return posts


def _pages(query: SiteQuery) -> list[str]:
    return [api_url(query, per_page=PER_PAGE, page=page) for page in range(1, MAX_PAGES + 1)]


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
