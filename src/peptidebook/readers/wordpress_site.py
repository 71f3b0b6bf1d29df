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
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from ..errors import FetchError, InputError, UsageError
from ..fetching import Fetcher, address_problem
from ..files import written_atomically

#: The key under which a fetched post records its provenance.
PROVENANCE_KEY = "peptidebook"
MAX_PAGES = 50
PER_PAGE = 100
_SAFE_NAME = re.compile(r"[^a-z0-9-]+")


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


def save_posts(posts: Sequence[dict[str, object]], folder: Path) -> list[Path]:
    """Write each post as ``<slug>.json`` in ``folder`` (via a temporary file)."""
    written: list[Path] = []
    for n, post in enumerate(posts, 1):
        slug = post.get("slug")
        name = _SAFE_NAME.sub("-", str(slug).lower()).strip("-") if slug else ""
        path = folder / f"{name or f'post-{n}'}.json"
        with written_atomically(path, "a fetched post") as partial:
            partial.write_text(json.dumps(post, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    return written
