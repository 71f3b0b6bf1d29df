"""Names we make, never names we are given: every slug, file name and id.

Not a stage: readers (an article's slug from a file name), cleaning (a glossary term's id),
assembly (every id of the book), the fetcher (a saved post's file name) and the builder (the
output files' name) all make names here. One function, :func:`safe_name`, turns any text into
a name of safe characters (ASCII letters and digits in lower case, single hyphens between
them) of bounded length (:func:`slugify` is the same for a text's first words); an
:class:`IdAllocator` makes the names unique within the book, gives a colliding name a numbered
suffix (``x``, ``x-2``) and says why a name the source gave had to change, so that assembly
can report it (``renamed``). Sources name things (a post's ``slug``, an ``id`` on a heading),
and those names are hints: a slug ``../../escaped``, ``/etc/x``, ``con``, one with a newline or
U+202E, or a thousand characters long cannot name a file or an id of the book.

Why these characters: a chapter's id names its XHTML file in the EPUB (an OCF file name,
EPUB 3.3 §6.1.4, must not be ``.``/``..`` or hold ``/``, controls or characters Windows refuses)
and a handout's PDF on disk; an id must be an XML ``NCName`` (XML Namespaces 1.0 §3; it starts
with a letter, XML 1.0 §2.3 NameStartChar) and unique in its document (XML 1.0 §3.3.1 "ID").
Lower-case ASCII keeps names equal on case-insensitive file systems.

Chapter splitting is pure: every heading gets a book-wide unique id, so links survive when the
chapters are files of an EPUB and when they are one PDF document (after Pandoc's
``Chunks.fixInternalReferences``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["DEVICE_NAMES", "ID_LIMIT", "NAME_LIMIT", "WRITER_IDS", "IdAllocator", "Named",
           "is_safe_id", "is_safe_name", "safe_name", "site_name", "slugify"]

#: The longest id assembly makes (the renderer adds at most ``-sources`` to one).
ID_LIMIT = 100
#: The longest name of an article: the end of its chapter id, its handout's file name.
NAME_LIMIT = 40
#: The longest slug of a text (a heading's words, a book title).
SLUG_LIMIT = 80

#: Names Windows refuses for a file whatever its extension (Win32 "Naming Files, Paths, and
#: Namespaces": CON, PRN, AUX, NUL, COM1-COM9, LPT1-LPT9): never a handout or a fetched post.
DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                          *(f"lpt{n}" for n in range(1, 10))})
#: Ids the EPUB writer and the renderer give elements of their own (the navigation document's
#: navs and their headings; the printed contents, ``rendering/contents.py``): never an id of
#: the content.
WRITER_IDS = frozenset({"toc", "toc-title", "landmarks", "landmarks-title", "page-list",
                        "page-list-title", "print-toc"})
#: The ids of page-break markers (``page-12``, :mod:`peptidebook.rendering.pagebreaks`).
_PAGE_ID = re.compile(r"page-[0-9]+")

_NON_WORD = re.compile(r"[^a-z0-9]+")
_SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _words(text: str) -> list[str]:
    """The runs of ASCII letters and digits of ``text`` (compatibility-decomposed, so that
    ``é`` gives ``e`` and ``ﬁ`` gives ``fi``), in lower case."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return [w for w in _NON_WORD.split(ascii_text.lower()) if w]


def _cut(name: str, limit: int) -> str:
    """``name`` in at most ``limit`` characters, cut at a hyphen when one leaves anything."""
    if len(name) <= limit:
        return name
    head = name[: limit + 1]  # a hyphen right after the limit still ends a whole word
    cut = head.rsplit("-", 1)[0] if "-" in head else ""
    return cut or name[:limit]


def safe_name(text: str, limit: int = ID_LIMIT) -> str:
    """The one function every name of the output comes from: the letters and digits of
    ``text`` in lower-case ASCII, joined by single hyphens, in at most ``limit`` characters
    (cut at a hyphen where possible). ``""`` when ``text`` has no letter or digit.

    ``"../../Escaped"`` → ``"escaped"``; ``"Ça va"`` → ``"ca-va"``; ``"."`` → ``""``.
    """
    return _cut("-".join(_words(text)), limit)


def is_safe_name(name: str, limit: int = ID_LIMIT) -> bool:
    """Whether ``name`` is what :func:`safe_name` makes: safe as a file name on every system
    (no device name) and, when it starts with a letter, as an XML id."""
    return (len(name) <= limit and _SAFE.fullmatch(name) is not None
            and name not in DEVICE_NAMES)


def is_safe_id(name: str) -> bool:
    """Whether ``name`` is an id assembly could have made: safe characters, a letter first, at
    most :data:`ID_LIMIT` characters (so an XML ``NCName``)."""
    return len(name) <= ID_LIMIT and _SAFE.fullmatch(name) is not None and name[0].isalpha()


def slugify(text: str, max_words: int = 8, limit: int = SLUG_LIMIT) -> str:
    """``"What Is Sermorelin?"`` → ``"what-is-sermorelin"``; ASCII only, never empty, at most
    ``max_words`` words and ``limit`` characters."""
    return _cut("-".join(_words(text)[:max_words]), limit) or "section"


def site_name(url: str | None) -> str | None:
    """The name a site goes by, from the address of one of its pages: its host name without
    ``www.`` (``https://www.trimrx.com/blog/x`` → ``trimrx.com``). ``None`` when ``url`` names
    no host or cannot be split (an unbalanced IPv6 bracket: ``https://[::1/post``). The fetcher
    vets an address it will connect to apart (:func:`peptidebook.fetching.address_problem`),
    saying what is wrong with it."""
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        return None
    return (host.removeprefix("www.") or None) if host else None


@dataclass(frozen=True)
class Named:
    """A name given by the source, as the book uses it: ``name``, and ``why`` it differs from
    the given one (``None``: it does not, but for lower case and a cut between words)."""

    name: str
    why: str | None = None


class IdAllocator:
    """Hands out names unique within one book: the second ``x`` becomes ``x-2``.

    ``limit`` bounds every name, suffix included. ``reserved`` names, and those matching
    ``reserved_pattern`` (the page markers' ids), are never handed out. Ids (``letter_first``)
    start with a letter: one that would start with a digit gets ``id-`` before it. ``take`` is
    for names we make from content, ``give`` for names the source gave: it says why the name
    had to change.
    """

    def __init__(self, *, limit: int = ID_LIMIT, reserved: Iterable[str] = WRITER_IDS,
                 reserved_as: str = "one of the book's own ids",
                 reserved_pattern: re.Pattern[str] | None = _PAGE_ID,
                 letter_first: bool = True, scope: str = "in the book") -> None:
        self._used: set[str] = set()
        self._last: dict[str, int] = {}  # the last suffix handed out for a base name
        self._scope = scope
        self._reserved = frozenset(reserved)
        self._reserved_as = reserved_as
        self._pattern = reserved_pattern
        self._limit = limit
        self._letter_first = letter_first

    @classmethod
    def for_files(cls, limit: int, scope: str = "in the book") -> IdAllocator:
        """An allocator of file names: ``limit`` characters, no Windows device name, a digit
        first allowed; ``scope`` says where they are unique, for the reasons it gives."""
        return cls(limit=limit, reserved=DEVICE_NAMES, reserved_as="a device name on Windows",
                   reserved_pattern=None, letter_first=False, scope=scope)

    def reserve(self, *taken: str) -> None:
        """Mark names as used (our own, made elsewhere): never handed out again."""
        self._used.update(taken)

    def is_free(self, name: str) -> bool:
        return (name not in self._used and name not in self._reserved
                and (self._pattern is None or self._pattern.fullmatch(name) is None))

    def take(self, wanted: str, companions: Sequence[str] = (), fallback: str = "id") -> str:
        """A unique name made from ``wanted`` (a name we make: its changes are not news).
        ``companions`` are suffixes the writers add to the name (``-title``): those names are
        taken too."""
        return self._allocate(self._safe(wanted) or self._safe(fallback), companions)[0]

    def give(self, given: str, companions: Sequence[str] = (), fallback: str = "id") -> Named:
        """The name the book uses for one the source gave: ``given`` made safe (``fallback``
        when nothing of it is), unique, with the reason when it had to change."""
        name = self._safe(given)
        why: str | None = None
        if not name:
            name, why = self._safe(fallback), "has no ASCII letter or digit"
        elif _SAFE.fullmatch(given.lower()) is None or not given.isascii():
            why = "has characters a file name or id cannot hold"
        elif self._letter_first and not given[:1].isalpha():
            why = "does not start with a letter"
        elif len(given) > self._limit and not given.lower().startswith(name + "-"):
            why = f"is longer than {self._limit} characters"
        unique, clash = self._allocate(name, companions)
        if why is None and clash is not None:
            why = clash
        return Named(unique, why)

    def _safe(self, text: str) -> str:
        name = safe_name(text, self._limit)
        if name and self._letter_first and not name[0].isalpha():
            # XML ids must not start with a digit (XML 1.0 §2.3 NameStartChar).
            name = _cut(f"id-{name}", self._limit)
        return name

    def _allocate(self, base: str, companions: Sequence[str]) -> tuple[str, str | None]:
        """``base``, or ``base-2``, ``base-3`` … (cut to fit ``limit``): the first that is
        free with its companions; and why ``base`` itself was not."""
        candidate, clash = base, None
        n = self._last.get(base, 1)  # suffixes tried before stay taken: never quadratic
        while not all(self.is_free(candidate + c) for c in ("", *companions)):
            if clash is None:
                taken = [base + c for c in ("", *companions)]
                clash = (f"is already used {self._scope}" if any(t in self._used for t in taken)
                         else f"is reserved as {self._reserved_as}")
            n += 1
            suffix = f"-{n}"
            candidate = _cut(base, self._limit - len(suffix)).rstrip("-") + suffix
        self._last[base] = n
        self._used.update(candidate + c for c in ("", *companions))
        return candidate, clash
