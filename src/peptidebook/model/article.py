"""Articles and the book they make: what readers produce and cleaning passes refine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from .blocks import Blocks, ReferenceList
from .evidence import Dose, Study
from .inlines import Inlines
from .record import Edit, PublisherInterest

SourceKind = Literal["wordpress-rest", "wordpress-wxr", "text", "html", "markdown"]


@dataclass(frozen=True)
class Source:
    """Where an article came from. ``location`` is the file path or the URL it was read from.

    ``site_language`` is what the whole site declares (WXR ``<channel><language>``): a hint
    for the article's language, not a statement about this article.
    """

    kind: SourceKind
    location: str
    url: str | None = None
    retrieved: datetime | None = None
    publisher: str | None = None
    site_language: str | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    """A term and its definition, taken out of an article's text by a cleaning pass.
    ``lang`` is set when the entry is in another language than its article (a translated
    edition that left it untranslated)."""

    id: str
    term: str
    definition: Inlines
    lang: str | None = None


@dataclass(frozen=True)
class RelatedArticle:
    """Another article the page advertised inside this one's text (a linked title with its
    summary, shown on hover), taken out of the text by a cleaning pass: the book lists it
    under "Related articles not included". ``summary`` and ``url`` are ``None`` when the
    page did not give them."""

    title: str
    summary: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Article:
    """One article: becomes one chapter of the book.

    ``lang`` is the language of its text (BCP 47; ``None``: unknown, taken as the book's).
    ``title_lang`` is set only when the title is in another language than the text: a
    translated edition whose title was left untranslated. ``translated_from`` is the source's
    language when the article is a (partial) translation (:mod:`peptidebook.translations`):
    what the book quotes from the source (study passages) is in that language.
    """

    title: str
    slug: str
    blocks: Blocks
    source: Source
    lang: str | None = None
    title_lang: str | None = None
    translated_from: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    modified: datetime | None = None
    summary: str | None = None
    glossary: tuple[GlossaryEntry, ...] = ()
    related: tuple[RelatedArticle, ...] = ()
    references: ReferenceList | None = None
    studies: tuple[Study, ...] = ()
    doses: tuple[Dose, ...] = ()
    #: What this edition changed (:mod:`.record`); ``None``: not recorded (never cleaned).
    edits: tuple[Edit, ...] | None = None
    interest: PublisherInterest | None = None


@dataclass(frozen=True)
class BookMeta:
    """What ``book.toml`` (or the command line) says about the book as a whole."""

    title: str
    language: str
    identifier: str
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    date: datetime | None = None
    #: What the book is about, in its language (``subject`` in book.toml); ``None``: the
    #: preface names no subject.
    subject: str | None = None
    #: The editor's own paragraphs for the preface (``[preface] text``), in the book's language.
    preface: tuple[str, ...] = ()
    #: Which caveat the preface gives: ``auto`` (from the articles), ``medical`` or ``general``.
    caveat: Literal["auto", "medical", "general"] = "auto"


@dataclass(frozen=True)
class Book:
    meta: BookMeta
    articles: tuple[Article, ...] = field(default_factory=tuple)
