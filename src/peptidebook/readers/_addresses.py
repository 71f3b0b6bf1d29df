"""Step 1 - Reading: which addresses a source gives can stand as an article's address."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["is_absolute_http"]


def is_absolute_http(url: str) -> bool:
    """Whether ``url`` is one absolute http(s) address (a scheme, a host, no white space):
    what relative links resolve against and what a reader follows. A front matter's
    ``url: 658.html`` (a Hexo permalink) or a page's ``og:url`` of ``/post`` is not one."""
    try:
        split = urlsplit(url)
    except ValueError:  # an unbalanced IPv6 bracket
        return False
    return split.scheme in ("http", "https") and bool(split.netloc) and not re.search(r"\s", url)
