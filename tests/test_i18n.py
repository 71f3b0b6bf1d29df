"""The book-language channel: fallback chains, plural forms, reported missing translations."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from peptidebook.assembly.collation import collation_key
from peptidebook.diagnostics import Report
from peptidebook.errors import UsageError
from peptidebook.i18n import BookText, NotTranslated, _load_catalog


@pytest.mark.parametrize("lookup", [
    lambda c: c.gettext("A string no catalog has"),
    lambda c: c.ngettext("A string no catalog has", "Strings no catalog has", 2),
], ids=["gettext", "ngettext"])
def test_a_catalog_says_what_it_lacks_through_gettext_s_public_fallback(lookup: Any) -> None:
    # BookText tells "not translated" from "translated as the same words" this way only: if
    # gettext stops consulting add_fallback's catalog for a message it lacks, this fails.
    catalog = _load_catalog("de")
    assert catalog is not None
    with pytest.raises(NotTranslated):
        lookup(catalog)


def test_a_catalog_translates_what_it_has() -> None:
    catalog = _load_catalog("de")
    assert catalog is not None
    assert catalog.gettext("Glossary") == "Glossar"


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
    text = BookText("de", report)
    assert text.gettext("A string no catalog has") == "A string no catalog has"
    assert text.gettext("A string no catalog has") == "A string no catalog has"
    assert [d.code for d in report.diagnostics] == ["no-translation"]


def test_a_language_without_catalog_is_one_warning_not_one_per_string() -> None:
    report = Report()
    for _ in range(2):
        text = BookText("sw", report)
        assert text.gettext("Glossary") == "Glossary"
        assert text.ngettext("{count} article", "{count} articles", 3) == "{count} articles"
    assert [d.code for d in report.diagnostics] == ["no-catalog"]
    assert "ar, de, en, es" in report.diagnostics[0].message


# ------------------------------------------------------------------ shipped catalogs

ARTICLES = (("This book collects {count} article about {subject}, reproduced from the web "
            "so that it can be read offline, printed, or read aloud by a screen reader."),
            ("This book collects {count} articles about {subject}, reproduced from the web "
            "so that they can be read offline, printed, or read aloud by a screen reader."))
#: The sample's subject in each language, as its book.toml gives it.
SUBJECTS = {"en": "peptide therapies", "de": "Peptidtherapien", "fr": "les thérapies par peptides",
            "pl": "terapiach peptydowych", "ar": "العلاجات بالببتيدات", "he": "טיפולים בפפטידים",
            "ja": "ペプチド療法", "zh-Hans": "肽疗法"}
IMAGES = ("{count} image has no text alternative.", "{count} images have no text alternative.")


def _articles(lang: str, n: int) -> str:
    text = BookText(lang, Report())
    return text.ngettext(*ARTICLES, n).format(count=text.number(n), subject=SUBJECTS[lang])


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("en", 1, "collects 1 article about"),
    ("en", 3, "collects 3 articles about"),
    ("de", 1, "versammelt 1 Artikel über Peptidtherapien, aus dem Internet übernommen, damit er"),
    ("de", 3, "versammelt 3 Artikel über Peptidtherapien, aus dem Internet übernommen, damit sie"),
    ("fr", 1, "réunit 1 article sur"),
    ("fr", 3, "réunit 3 articles sur"),
    ("pl", 1, "zawiera jeden artykuł o"),
    ("pl", 2, "zawiera 2 artykuły o"),
    ("pl", 5, "zawiera 5 artykułów o"),
    ("pl", 22, "zawiera 22 artykuły o"),
    ("pl", 12, "zawiera 12 artykułów o"),
    ("ar", 0, "لا يضم هذا الكتاب أي مقال"),
    ("ar", 1, "مقالًا واحدًا"),
    ("ar", 2, "مقالين"),
    ("ar", 3, "3 مقالات"),
    ("ar", 11, "11 مقالًا"),
    ("ar", 100, "100 مقال عن"),
    ("ar", 102, "102 مقال عن"),
    ("he", 1, "מאמר אחד"),
    ("he", 3, "3 מאמרים"),
    ("ja", 3, "3本の記事"),
    ("zh-Hans", 3, "3 篇"),
])
def test_plural_forms_follow_the_language(lang: str, n: int, expected: str) -> None:
    assert expected in _articles(lang, n)


@pytest.mark.parametrize(("n", "expected"), [(1, "1 obraz nie ma"), (3, "3 obrazy nie mają"),
                                         (5, "5 obrazów nie ma")])
def test_polish_three_forms(n: int, expected: str) -> None:
    text = BookText("pl", Report())
    assert text.ngettext(*IMAGES, n).format(count=n) == expected + " tekstu alternatywnego."


def test_regional_variant_falls_back_to_the_language_catalog() -> None:
    report = Report()
    text = BookText("pt-BR", report)
    assert text.gettext("Glossary") == "Glossário"
    assert text.ngettext(*ARTICLES, 2).startswith("Este livro reúne {count} artigos")
    assert report.diagnostics == []


@pytest.mark.parametrize("lang", ["de", "fr", "es", "it", "pt", "nl", "pl", "ar", "he",
                                  "zh-Hans", "ja"])
def test_shipped_languages_translate_without_reports(lang: str) -> None:
    report = Report()
    text = BookText(lang, report)
    assert text.gettext("Contents") != "Contents"
    assert text.gettext("References") != "References"
    assert report.diagnostics == []


@pytest.mark.parametrize(("lang", "words", "expected"), [
    ("pl", ["żaba", "zebra", "łódź", "lato", "mama", "źle"],
     ["lato", "łódź", "mama", "zebra", "źle", "żaba"]),
    ("es", ["ñu", "nube", "oso"], ["nube", "ñu", "oso"]),
    ("de", ["Zucker", "Ärzte", "Arzt"], ["Arzt", "Ärzte", "Zucker"]),
    ("fr", ["été", "etre", "Ecole"], ["Ecole", "été", "etre"]),
    ("ja", ["カタカナ", "かさ", "がく", "あめ"], ["あめ", "がく", "かさ", "カタカナ"]),
    ("he", ["ךב", "כא", "א"], ["א", "כא", "ךב"]),
])
def test_glossary_order_follows_the_book_locale(lang: str, words: list[str],
                                                expected: list[str]) -> None:
    assert sorted(words, key=lambda w: collation_key(w, lang)) == expected


@pytest.mark.parametrize(("lang", "names", "expected"), [
    ("en", ["A", "B", "C"], "A, B, and C"),
    ("de", ["A", "B"], "A und B"),
    ("ja", ["A", "B", "C"], "A、B、C"),
])
def test_names_are_listed_the_locale_s_way(lang: str, names: list[str], expected: str) -> None:
    assert BookText(lang, Report()).list(names) == expected


def test_dates_in_arabic_and_japanese() -> None:
    assert BookText("ja", Report()).date(date(2026, 5, 5)) == "2026年5月5日"
    assert BookText("ar", Report()).date(date(2026, 5, 5)) == "5 مايو 2026"
