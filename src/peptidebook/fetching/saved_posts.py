"""Step 0b - Saving: write the posts fetched from a site as JSON source files, each named
after its slug, never replacing a file that is not a post an earlier fetch saved."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote

from ..diagnostics import Report
from ..files import written_atomically
from ..names import IdAllocator
from .wordpress_site import PROVENANCE_KEY

__all__ = ["MAX_SAVED_BYTES", "POST_NAME_LIMIT", "save_posts"]

#: The longest name of a saved post's file, without ``.json``.
POST_NAME_LIMIT = 80
#: A file larger than this is not a post an earlier fetch saved (the fetcher's limit for one
#: answer of up to 100 posts is 10 MiB).
MAX_SAVED_BYTES = 32 * 1024 * 1024

log = logging.getLogger(__name__)


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
