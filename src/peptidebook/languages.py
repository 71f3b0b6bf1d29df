"""Language tags (BCP 47, RFC 5646): the one parser every stage uses for them.

Not a stage: readers (a post's ``lang``, a WXR channel's ``<language>``), ``book.toml``, the
cleaning passes, assembly, the translations and the writers all read tags here. A tag is
taken apart into subtags once (:func:`subtags`: ``-`` or ``_`` between them), written as
BCP 47 writes it (:func:`write_tag`, RFC 5646 §2.1.1: ``pt_br`` → ``pt-BR``), turned into a
babel/gettext locale name (:func:`to_locale_name`) or a babel :class:`~babel.Locale`
(:func:`parse_locale`, CLDR), and compared (:func:`same_language`, :func:`primary_language`).
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

from .errors import UsageError

__all__ = ["direction_of", "fallback_chain", "is_well_formed", "normalize_tag", "parse_locale",
           "primary_language", "same_language", "subtags", "to_locale_name", "to_tag",
           "write_tag"]


def subtags(tag: str) -> list[str]:
    """The subtags of ``tag``, as written: ``"pt_BR"`` → ``["pt", "BR"]``."""
    return tag.strip().replace("_", "-").split("-")


def is_well_formed(tag: str) -> bool:
    """Whether ``tag`` has the shape of a language tag: a language of two or three letters
    (ISO 639), then subtags of one to eight ASCII letters or digits (RFC 5646 §2.1), ``-`` or
    ``_`` between them."""
    parts = subtags(tag)
    return (all(p.isascii() and p.isalnum() and 1 <= len(p) <= 8 for p in parts)
            and 2 <= len(parts[0]) <= 3 and parts[0].isalpha())


def write_tag(tag: str) -> str:
    """A well-formed ``tag`` as BCP 47 writes it (RFC 5646 §2.1.1): the language in lower
    case, a script in title case, a region in upper case, the rest in lower case (``DE`` →
    ``de``, ``de_DE`` → ``de-DE``, ``zh_hans`` → ``zh-Hans``, ``es-419`` stays)."""
    parts = subtags(tag)
    written = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            written.append(part.title())          # script: Hans, Latn
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            written.append(part.upper())          # region: BR, 419
        else:
            written.append(part.lower())          # variant or extension
    return "-".join(written)


def normalize_tag(tag: str) -> str:
    """``tag`` as BCP 47 writes it (:func:`write_tag`). A tag that is not well formed, or whose
    language CLDR does not know, is a :class:`UsageError`."""
    if not is_well_formed(tag):
        raise UsageError(f"{tag!r} is not a language tag: use BCP 47, such as en, de, pt-BR")
    normal = write_tag(tag)
    parse_locale(normal)
    return normal


def to_locale_name(tag: str) -> str:
    """BCP 47 tag → babel/gettext locale name (``pt-BR`` → ``pt_BR``, ``zh-Hans`` → ``zh_Hans``)."""
    return tag.replace("-", "_")


def to_tag(locale_name: str) -> str:
    """gettext/babel locale name → BCP 47 tag (``zh_Hans`` → ``zh-Hans``)."""
    return locale_name.replace("_", "-")


def parse_locale(tag: str) -> Locale:
    """The babel locale of a BCP 47 tag; an unknown tag is a :class:`UsageError`."""
    try:
        return Locale.parse(to_locale_name(tag))
    except (UnknownLocaleError, ValueError):
        raise UsageError(
            f"unknown language {tag!r}: use a BCP 47 tag such as en, de, pt-BR") from None


def fallback_chain(tag: str) -> list[str]:
    """The locale names to try, most specific first: ``pt-BR`` → ``["pt_BR", "pt"]``."""
    parts = subtags(tag)
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


def primary_language(tag: str) -> str:
    """The language subtag, lower case: ``pt-BR`` → ``pt``, ``zh_Hant`` → ``zh``."""
    return subtags(tag)[0].lower()


def _language_and_script(tag: str) -> tuple[str, str]:
    parts = [p.lower() for p in subtags(tag)]
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    return parts[0], script


def same_language(a: str | None, b: str | None) -> bool:
    """Whether two BCP 47 tags name the same language for marking purposes: ``en`` and
    ``en-US`` do (a reader keeps its voice), ``zh-Hans`` and ``zh-Hant`` or ``ja`` do not.
    Case-insensitive (BCP 47 §2.1.1)."""
    if a is None or b is None:
        return a is b
    (lang_a, script_a), (lang_b, script_b) = _language_and_script(a), _language_and_script(b)
    return lang_a == lang_b and (script_a == script_b or "" in (script_a, script_b))


@cache
def direction_of(tag: str) -> str:
    """``"rtl"`` for languages written right to left (CLDR ``characterOrder``), else ``"ltr"``;
    a tag babel does not know is taken as left to right."""
    try:
        locale = Locale.parse(to_locale_name(tag))
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"
