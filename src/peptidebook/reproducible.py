"""Reproducible output: the one date every output carries, and where it comes from.

Same input, same bytes (reproducible-builds.org): no book reads the clock. The book's date —
the EPUB's ``dcterms:modified`` and zip times, the PDFs' creation and modification dates — is
``SOURCE_DATE_EPOCH`` when it is set, else the newest date the sources carry, else
:data:`UNDATED`. :func:`build_stamp` computes it once, in assembly: the Edition carries it
(``Edition.stamp``) to every writer. (A content template records when it was extracted:
``SOURCE_DATE_EPOCH``, else the time of extraction.)
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from .errors import UsageError

__all__ = ["LAST_EPOCH", "UNDATED", "build_stamp", "source_date_epoch_from_env"]

#: The latest SOURCE_DATE_EPOCH a book can carry (the end of year 9999, as dates are written).
LAST_EPOCH = 253402300799
#: The date of a book whose sources carry none, built without ``SOURCE_DATE_EPOCH``.
UNDATED = datetime(2000, 1, 1, tzinfo=UTC)


def source_date_epoch_from_env() -> int | None:
    """``SOURCE_DATE_EPOCH`` (reproducible-builds.org): a whole number of seconds since 1970.
    Unset or empty: ``None``. Anything else — negative, a fraction, past year 9999 — is a
    :class:`UsageError` (the specification asks builds to fail rather than guess)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isascii() or not epoch.isdigit() or int(epoch) > LAST_EPOCH:
        raise UsageError(f"SOURCE_DATE_EPOCH={epoch[:40]!r}: must be a whole number of seconds "
                         f"since 1970-01-01 (0 to {LAST_EPOCH})")
    return int(epoch)


def build_stamp(source_date_epoch: int | None, newest: datetime | None) -> datetime:
    """The build's date, in UTC: ``source_date_epoch`` when given, else ``newest`` (the newest
    date of the sources), else :data:`UNDATED`."""
    if source_date_epoch is not None:
        return datetime.fromtimestamp(source_date_epoch, UTC)
    if newest is not None:
        return newest.astimezone(UTC)
    return UNDATED
