"""Step 1 - Reading: turn a WordPress REST JSON payload or a WXR export into raw Articles.

* :func:`read_wordpress_json` (:mod:`._rest`) reads what the REST API returns for a post or a
  page: one post object or an array of them.
* :func:`read_wxr` (:mod:`._wxr`) reads a WordPress eXtended RSS export (Tools → Export): the
  published posts and pages of its ``<channel>``.

Each post becomes a :class:`~peptidebook.readers.Read`: what the post lacks that ``book.toml``
may give (a title, an author) is said there and reported by the reading step. Both hand the
post body to :func:`peptidebook.readers.html.parse_html_fragment`, with the post's
link as base URL and the alternative texts the payload knows for its media. Every text taken
from the payload passes one :class:`~peptidebook.readers.characters.ControlFilter` per post,
reported once under the post's slug (``control-removed``). What both map alike (slug, title,
dates, language, summary) is in :mod:`._post`.
"""

from __future__ import annotations

from ._rest import read_wordpress_json
from ._wxr import read_wxr

__all__ = ["read_wordpress_json", "read_wxr"]
