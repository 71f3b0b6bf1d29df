"""Reproducible output: one date for the book, from SOURCE_DATE_EPOCH or the sources."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from peptidebook.assembly import assemble
from peptidebook.diagnostics import Report
from peptidebook.errors import UsageError
from peptidebook.fetching import OfflineFetcher
from peptidebook.i18n import BookText
from peptidebook.model import Book, BookMeta
from peptidebook.reproducible import (
    LAST_EPOCH,
    UNDATED,
    build_stamp,
    source_date_epoch_from_env,
)

NEWEST = datetime(2026, 5, 5, 12, 0, tzinfo=timezone(timedelta(hours=2)))


@pytest.mark.parametrize(("epoch", "newest", "stamp"), [
    (1700000000, NEWEST, datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),  # the epoch wins
    (0, None, datetime(1970, 1, 1, tzinfo=UTC)),
    (None, NEWEST, datetime(2026, 5, 5, 10, 0, tzinfo=UTC)),  # the sources', in UTC
    (None, None, UNDATED),
])
def test_build_stamp(epoch: int | None, newest: datetime | None, stamp: datetime) -> None:
    found = build_stamp(epoch, newest)
    assert found == stamp and found.tzinfo == UTC


@pytest.mark.parametrize(("value", "epoch"), [("", None), ("  ", None), ("0", 0),
                                          (" 1700000000 ", 1700000000),
                                          (str(LAST_EPOCH), LAST_EPOCH)])
def test_source_date_epoch_from_env(monkeypatch: pytest.MonkeyPatch, value: str,
                                    epoch: int | None) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert source_date_epoch_from_env() == epoch


@pytest.mark.parametrize("value", ["-1", "1.5", "soon", "٣", str(LAST_EPOCH + 1)])
def test_a_source_date_epoch_that_is_not_whole_seconds_is_refused(
        monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        source_date_epoch_from_env()


def test_the_edition_carries_the_stamp_every_writer_uses() -> None:
    report = Report()
    book = Book(BookMeta("Book", "en", "urn:x"), ())
    edition = assemble(book, BookText("en", report), report, OfflineFetcher(), 86400)
    assert edition.stamp == datetime(1970, 1, 2, tzinfo=UTC)
