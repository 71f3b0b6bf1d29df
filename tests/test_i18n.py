"""The book-language channel: fallback chains, plural forms, reported missing translations."""

from __future__ import annotations

from datetime import date

import pytest

from peptidebook.diagnostics import Report
from peptidebook.errors import UsageError
from peptidebook.i18n import BookText, fallback_chain


@pytest.mark.parametrize("tag, chain", [
    ("pt-BR", ["pt_BR", "pt"]),
    ("zh-Hans", ["zh_Hans", "zh"]),
    ("en", ["en"]),
])
def test_fallback_chain(tag: str, chain: list[str]) -> None:
    assert fallback_chain(tag) == chain


def test_english_source_strings_are_not_reported() -> None:
    report = Report()
    assert BookText("en", report).gettext("Glossary") == "Glossary"
    assert report.diagnostics == []


def test_english_plural_forms() -> None:
    text = BookText("en", Report())
    assert text.ngettext("{n} article", "{n} articles", 1) == "{n} article"
    assert text.ngettext("{n} article", "{n} articles", 3) == "{n} articles"


def test_dates_and_numbers_follow_the_locale() -> None:
    assert BookText("en", Report()).date(date(2026, 5, 5)) == "May 5, 2026"
    assert BookText("de", Report()).date(date(2026, 5, 5)) == "5. Mai 2026"
    assert BookText("de", Report()).number(1234) == "1.234"


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown language"):
        BookText("xx-nonsense-1", Report())


def test_right_to_left_languages() -> None:
    assert BookText("ar", Report()).direction == "rtl"
    assert BookText("he", Report()).direction == "rtl"
    assert BookText("ja", Report()).direction == "ltr"


def test_missing_translation_is_reported_once_and_falls_back_to_the_source() -> None:
    report = Report()
    text = BookText("sw", report)
    assert text.gettext("Glossary") == "Glossary"
    assert text.gettext("Glossary") == "Glossary"
    assert [d.code for d in report.diagnostics] == ["no-translation"]
