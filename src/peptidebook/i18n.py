"""The book-language channel: every string the book itself prints, localised.

Two channels, as in Sphinx: :class:`BookText` (``_``/``ngettext``) is for text that reaches the
book, in the *book's* language; console messages are plain strings for the person running the
tool. Catalogs are ``locales/<lang>/LC_MESSAGES/peptidebook.po``, package data inside
``src/peptidebook/`` read with :mod:`importlib.resources`, managed with babel (``make catalogs``:
extract → update → compile). A wheel carries the ``.mo`` files compiled at build time
(``setup.py``); a compiled ``.mo`` is used when present and up to date, otherwise the ``.po`` is
compiled in memory, so a fresh clone works without a build step.

Lookups follow a fallback chain (``pt-BR`` → ``pt`` → the English source). A string with no
translation in the book's language is reported once as ``no-translation``, never silently
printed in English without a trace. Dates, numbers and lists are formatted with babel (CLDR)
for the book's locale (collation is :mod:`peptidebook.assembly.collation`'s).

Language tags are parsed by :mod:`peptidebook.languages` (``direction_of``, ``parse_locale``
and ``same_language`` are imported from here too). Direction: ``direction_of`` tells whether a
language is written right to left (CLDR ``characterOrder``), so the writers can set ``dir``
where a passage's direction differs from the book's (HTML Living Standard §3.2.6.4 "The dir
attribute").

Only gettext's public API is used: each catalog falls back (``add_fallback``) to one that
raises :class:`NotTranslated`, which is how a message the catalog lacks is told from one
translated as the same words.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from .diagnostics import Report

# Language tags are parsed in one place (:mod:`.languages`); these are imported from here too.
from .languages import direction_of, fallback_chain, parse_locale, same_language, to_tag

__all__ = ["BIDI_CONTROLS", "DOMAIN", "LRI", "PDI", "RLI", "SOURCE_LANGUAGE", "BookText",
           "NotTranslated", "catalog_languages", "direction_of", "has_catalog", "isolate",
           "locales_dir", "parse_locale", "same_language"]

DOMAIN = "peptidebook"
SOURCE_LANGUAGE = "en"


def locales_dir() -> Traversable:
    """The package's ``locales/`` folder."""
    return files("peptidebook") / "locales"


#: Unicode bidirectional isolates (UAX #9 §2.4): first-strong, left-to-right, right-to-left
#: isolate and pop directional isolate.
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"
BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def isolate(text: str, direction: str) -> str:
    """``text`` between bidirectional isolates: the plain-text ``<bdi dir>``, for places that
    take text only (a running header, a contents label followed by a dot leader)."""
    return f"{RLI if direction == 'rtl' else LRI}{text}{PDI}"


class NotTranslated(LookupError):
    """Raised by a catalog of :func:`_load_catalog` for a message it has no translation of."""


class _Untranslated(gettext.NullTranslations):
    """The fallback of every catalog (``add_fallback``, the public way a GNU catalog hands on
    a message it lacks): says so, instead of returning the message as if translated."""

    def gettext(self, message: str) -> str:
        raise NotTranslated(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise NotTranslated(msgid1)


@cache
def _load_catalog(name: str) -> gettext.GNUTranslations | None:
    """The catalog of locale ``name``, or ``None``; a message it lacks raises
    :class:`NotTranslated` (so does one translated as empty: msgfmt and babel leave those out
    of a ``.mo``)."""
    folder = locales_dir() / name / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if _is_current(mo, po):
        catalog = gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
    elif po.is_file():
        buffer = io.BytesIO()
        write_mo(buffer, read_po(io.BytesIO(po.read_bytes()), locale=name), use_fuzzy=False)
        buffer.seek(0)
        catalog = gettext.GNUTranslations(buffer)
    else:
        return None
    catalog.add_fallback(_Untranslated())
    return catalog


#: Seconds a ``.mo`` may be older than its ``.po`` and still count as compiled from it. Installing
#: a wheel writes both within moments, the ``.mo`` first (name order), so their times then tell
#: when they were installed, not which was made from which; an edit to the ``.po`` after ``make
#: catalogs`` in a checkout comes much later.
MTIME_SLACK = 2.0


def _is_current(mo: Traversable, po: Traversable) -> bool:
    """Whether the compiled ``mo`` exists and is not older than its ``po``. Only files on disk
    have a modification time; a ``.mo`` read from elsewhere (a zip) was compiled from the
    ``.po`` beside it when the wheel was built."""
    if not mo.is_file():
        return False
    if isinstance(mo, Path) and isinstance(po, Path) and po.is_file():
        return mo.stat().st_mtime + MTIME_SLACK >= po.stat().st_mtime
    return True


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
            try:
                found = catalog.gettext(msgid) if plural is None else catalog.ngettext(
                    msgid, plural, n)
            except NotTranslated:
                continue
            if found:
                return found
        if not self._is_source and not self._catalogs:
            self._report_no_catalog()
        elif not self._is_source and msgid not in self._reported:
            self._reported.add(msgid)
            self.report.warning(
                "no-translation", self.language, f"no translation for {msgid!r}; English is used"
            )
        if plural is None:
            return msgid
        return msgid if n == 1 else plural

    def _report_no_catalog(self) -> None:
        """One warning for a language with no catalog at all, not one per string."""
        if any(d.code == "no-catalog" and d.where == self.language
               for d in self.report.diagnostics):
            return
        self.report.warning(
            "no-catalog", self.language,
            f"no catalog for {self.language}: the book's own text (title page, preface, "
            f"headings it adds, navigation, accessibility summary) is in English; catalogs: "
            f"{', '.join(catalog_languages())}")

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
        """A number with the locale's separators ("1,234" / "1.234" / "1 234")."""
        return format_decimal(value, locale=self.locale)

    def list(self, items: Sequence[str]) -> str:
        """Names joined as the locale joins a list ("A, B and C", "A, B und C", "A、B、C")."""
        return format_list(list(items), style="standard", locale=self.locale) if items else ""

    @property
    def direction(self) -> str:
        """``"rtl"`` or ``"ltr"``, from the locale's character order."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def is_book_language(self, tag: str | None) -> bool:
        """Whether a passage in ``tag`` needs no language mark in this book (``None``: unknown,
        taken as the book's)."""
        return tag is None or same_language(tag, self.language)


def catalog_languages() -> list[str]:
    """The book languages with a shipped catalog, as BCP 47 tags, sorted."""
    found = [entry.name for entry in locales_dir().iterdir()
             if entry.is_dir() and (entry / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()]
    return sorted(to_tag(name) for name in found)


def has_catalog(tag: str) -> bool:
    """Whether the book's own text can be written in ``tag``: English (the source language)
    or a language with a catalog along its fallback chain (``pt-BR`` → ``pt``)."""
    if parse_locale(tag).language == SOURCE_LANGUAGE:
        return True
    return any(_load_catalog(name) is not None for name in fallback_chain(tag))
