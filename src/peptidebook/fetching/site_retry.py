"""Step 0 - Fetching: how a failed request to a site is tried again (:class:`Retry`), and
which answers are worth it (:func:`retry_worth`, :func:`retry_after`)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

__all__ = ["Retry", "retry_after", "retry_worth"]


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
