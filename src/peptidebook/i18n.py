"""The book-language channel: every string the book itself prints, localised.

Two channels, as in Sphinx: :class:`BookText` (``_``/``ngettext``) is for text that reaches the
book, in the *book's* language; console messages are plain strings for the person running the
tool. Catalogs are ``locales/<lang>/LC_MESSAGES/peptidebook.po``, managed with babel
(``make catalogs``: extract → update → compile). A compiled ``.mo`` is used when present and up to
date; otherwise the ``.po`` is compiled in memory, so a fresh clone works without a build step.

Lookups follow a fallback chain (``pt-BR`` → ``pt`` → the English source). A string with no
translation in the book's language is reported once as ``no-translation``, never silently
printed in English without a trace. Dates and numbers are formatted with babel for the book's
locale.
"""

from __future__ import annotations

import gettext
import io
from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from .diagnostics import Report
from .errors import UsageError

DOMAIN = "peptidebook"
SOURCE_LANGUAGE = "en"


def locales_dir() -> Path:
    """The ``locales/`` folder: beside ``src/`` in a checkout, inside the package when installed."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "locales", here.parent.parent / "locales"):
        if candidate.is_dir():
            return candidate
    return here.parent.parent / "locales"


def to_locale_name(tag: str) -> str:
    """BCP 47 tag → babel/gettext locale name (``pt-BR`` → ``pt_BR``, ``zh-Hans`` → ``zh_Hans``)."""
    return tag.replace("-", "_")


def fallback_chain(tag: str) -> list[str]:
    """The catalogs to try, most specific first: ``pt-BR`` → ``["pt_BR", "pt"]``."""
    parts = to_locale_name(tag).split("_")
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


def parse_locale(tag: str) -> Locale:
    try:
        return Locale.parse(to_locale_name(tag))
    except (UnknownLocaleError, ValueError):
        raise UsageError(f"unknown language {tag!r}: use a BCP 47 tag such as en, de, pt-BR") from None


@cache
def _load_catalog(name: str) -> gettext.GNUTranslations | None:
    folder = locales_dir() / name / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if not po.exists():
        return None
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=name)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class BookText:
    """Localised text, dates and numbers for one book language."""

    def __init__(self, language: str, report: Report) -> None:
        self.language = language
        self.locale = parse_locale(language)
        self.report = report
        self._catalogs = [c for c in (_load_catalog(n) for n in fallback_chain(language)) if c]
        self._reported: set[str] = set()
        self._is_source = self.locale.language == SOURCE_LANGUAGE

    def _lookup(self, msgid: str, plural: str | None = None, n: int = 1) -> str:
        for catalog in self._catalogs:
            if plural is None:
                found = catalog._catalog.get(msgid)  # type: ignore[attr-defined]
                if found:
                    return str(found)
            else:
                index = catalog.plural(n)  # type: ignore[attr-defined]
                found = catalog._catalog.get((msgid, index))  # type: ignore[attr-defined]
                if found:
                    return str(found)
        if not self._is_source and msgid not in self._reported:
            self._reported.add(msgid)
            self.report.warning(
                "no-translation", self.language, f"no translation for {msgid!r}; English is used"
            )
        if plural is None:
            return msgid
        return msgid if n == 1 else plural

    def gettext(self, msgid: str) -> str:
        """The book-language translation of ``msgid``."""
        return self._lookup(msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The plural form for ``n`` in the book's language (babel's plural rules)."""
        return self._lookup(singular, plural, n)

    def date(self, value: date | datetime) -> str:
        """A date in the book locale's long format ("22 November 2026", "22. November 2026")."""
        return format_date(value, format="long", locale=self.locale)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    @property
    def direction(self) -> str:
        """``"rtl"`` or ``"ltr"``, from the locale's character order."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"
