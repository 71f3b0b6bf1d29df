"""A small pool of concurrent connections with a per-host limit (Step 0 - Fetching, and the
image downloads of Step 3 - Assembly).

:func:`fetch_all` asks one fetch function for many URLs at once: at most ``workers`` requests
in flight, at most ``per_host`` of them to one host (a polite client: RFC 9110 §9.1 sets no
number; browsers keep about six, a crawler far fewer). Answers come back keyed by URL in the
order given, whichever finished first, and a URL that failed keeps its
:class:`~peptidebook.errors.FetchError`, so a caller reports every failure in its own order:
the result is the same as fetching one URL after the other. Any other exception (a bug) ends
the whole call once the requests under way are done.

The fetch function must be safe to call from several threads: :class:`~._https.HttpsFetcher`
opens a connection per request and keeps no state between requests, and
:class:`~._cache.HttpCache` writes under a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from ..errors import FetchError
from ._base import Fetched

#: Requests in flight at once, and to one host: a few, to be fast and still polite.
WORKERS = 4
PER_HOST = 2


def fetch_all(fetch: Callable[[str], Fetched], urls: Iterable[str], *, workers: int = WORKERS,
              per_host: int = PER_HOST) -> dict[str, Fetched | FetchError]:
    """``fetch(url)`` for each URL once (a repeated one is asked once), concurrently within
    the limits; ``{url: answer or its FetchError}`` in the order of ``urls``."""
    unique = list(dict.fromkeys(urls))
    if len(unique) <= 1 or workers <= 1:
        return {url: _one(fetch, url) for url in unique}
    limits: dict[str, threading.Semaphore] = {}
    for url in unique:
        limits.setdefault(_host(url), threading.Semaphore(max(1, per_host)))

    def limited(url: str) -> Fetched | FetchError:
        with limits[_host(url)]:
            return _one(fetch, url)

    with ThreadPoolExecutor(max_workers=min(workers, len(unique)),
                            thread_name_prefix="peptidebook-fetch") as pool:
        futures = [pool.submit(limited, url) for url in unique]
        try:
            return {url: future.result() for url, future in zip(unique, futures, strict=True)}
        except BaseException:
            for future in futures:  # a bug or Ctrl-C: start nothing more
                future.cancel()
            raise


def _one(fetch: Callable[[str], Fetched], url: str) -> Fetched | FetchError:
    try:
        return fetch(url)
    except FetchError as error:
        return error


def _host(url: str) -> str:
    """The host and port a request goes to (a connection's end), in lower case."""
    return urlsplit(url).netloc.lower().rpartition("@")[2]
