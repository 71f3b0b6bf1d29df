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

Direction: :func:`direction_of` tells whether a language is written right to left (CLDR
``characterOrder``), so the writers can set ``dir`` where a passage's direction differs from the
book's (HTML Living Standard §3.2.6.4 "The dir attribute").
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

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from .diagnostics import Report
from .errors import UsageError

DOMAIN = "peptidebook"
SOURCE_LANGUAGE = "en"


def locales_dir() -> Traversable:
    """The package's ``locales/`` folder."""
    return files("peptidebook") / "locales"


def to_locale_name(tag: str) -> str:
    """BCP 47 tag → babel/gettext locale name (``pt-BR`` → ``pt_BR``, ``zh-Hans`` → ``zh_Hans``)."""
    return tag.replace("-", "_")


def fallback_chain(tag: str) -> list[str]:
    """The catalogs to try, most specific first: ``pt-BR`` → ``["pt_BR", "pt"]``."""
    parts = to_locale_name(tag).split("_")
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


def parse_locale(tag: str) -> Locale:
    """The babel locale of a BCP 47 tag; an unknown tag is a :class:`UsageError`."""
    try:
        return Locale.parse(to_locale_name(tag))
    except (UnknownLocaleError, ValueError):
        raise UsageError(f"unknown language {tag!r}: use a BCP 47 tag such as en, de, pt-BR") from None


def same_language(a: str | None, b: str | None) -> bool:
    """Whether two BCP 47 tags name the same language for marking purposes: ``en`` and
    ``en-US`` do (a reader keeps its voice), ``zh-Hans`` and ``zh-Hant`` or ``ja`` do not.
    Case-insensitive (BCP 47 §2.1.1)."""
    if a is None or b is None:
        return a is b
    return _language_and_script(a) == _language_and_script(b) or (
        _language_and_script(a)[0] == _language_and_script(b)[0]
        and "" in (_language_and_script(a)[1], _language_and_script(b)[1]))


def _language_and_script(tag: str) -> tuple[str, str]:
    parts = to_locale_name(tag).lower().split("_")
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    return parts[0], script


@cache
def direction_of(tag: str) -> str:
    """``"rtl"`` for languages written right to left (CLDR ``characterOrder``), else ``"ltr"``;
    a tag babel does not know is taken as left to right."""
    try:
        locale = Locale.parse(to_locale_name(tag))
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


#: Unicode bidirectional isolates (UAX #9 §2.4): first-strong, left-to-right, right-to-left
#: isolate and pop directional isolate.
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"
BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def isolate(text: str, direction: str) -> str:
    """``text`` between bidirectional isolates: the plain-text ``<bdi dir>``, for places that
    take text only (a running header, a contents label followed by a dot leader)."""
    return f"{RLI if direction == 'rtl' else LRI}{text}{PDI}"


@cache
def _load_catalog(name: str) -> gettext.GNUTranslations | None:
    folder = locales_dir() / name / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if _is_current(mo, po):
        return gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
    if not po.is_file():
        return None
    catalog = read_po(io.BytesIO(po.read_bytes()), locale=name)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


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
            if plural is None:
                found = catalog._catalog.get(msgid)  # type: ignore[attr-defined]
                if found:
                    return str(found)
            else:
                index = catalog.plural(n)  # type: ignore[attr-defined]
                found = catalog._catalog.get((msgid, index))  # type: ignore[attr-defined]
                if found:
                    return str(found)
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


def normalize_tag(tag: str) -> str:
    """A language tag written as BCP 47 writes it (RFC 5646 §2.1.1): ``DE`` → ``de``,
    ``de_DE`` → ``de-DE``, ``zh_hans`` → ``zh-Hans``, ``pt-br`` → ``pt-BR``. A tag that is not
    well formed, or whose language CLDR does not know, is a :class:`UsageError`."""
    parts = [p for p in tag.strip().replace("_", "-").split("-")]
    if not parts or not all(p.isascii() and p.isalnum() and 1 <= len(p) <= 8 for p in parts) \
            or not (2 <= len(parts[0]) <= 3 and parts[0].isalpha()):
        raise UsageError(f"{tag!r} is not a language tag: use BCP 47, such as en, de, pt-BR")
    written = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            written.append(part.title())          # script: Hans, Latn
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            written.append(part.upper())          # region: BR, 419
        else:
            written.append(part.lower())          # variant or extension
    normal = "-".join(written)
    parse_locale(normal)
    return normal


def to_tag(locale_name: str) -> str:
    """gettext/babel locale name → BCP 47 tag (``zh_Hans`` → ``zh-Hans``)."""
    return locale_name.replace("_", "-")


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
