"""The assembled edition: chapters in reading order and packaged assets, as writers see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from .article import Article, BookMeta
from .blocks import Blocks
from .inlines import Inlines


@dataclass(frozen=True)
class EvidenceSummary:
    """How many study mentions an article has, how many of them are traceable, and how many
    dose statements: what the preface and a handout's caveat count."""

    studies: int = 0
    traceable: int = 0
    doses: int = 0

    @classmethod
    def of(cls, articles: tuple[Article, ...]) -> EvidenceSummary:
        return cls(studies=sum(len(a.studies) for a in articles),
                   traceable=sum(1 for a in articles for s in a.studies if s.traceable),
                   doses=sum(len(a.doses) for a in articles))


ChapterKind = Literal["titlepage", "preface", "article", "glossary", "bibliography"]


@dataclass(frozen=True)
class Chapter:
    """One reading unit of the assembled book (one XHTML file in the EPUB).

    ``title`` is the chapter heading (level 1); ``byline`` lines are printed under it (author,
    dates, source link); ``blocks`` are the body, whose headings start at level 2. ``lang`` is
    set when the chapter's language differs from the book's. An article's chapter carries
    its ``evidence`` counts (for the caveat of its handout).
    """

    kind: ChapterKind
    id: str
    title: Inlines
    blocks: Blocks
    byline: tuple[Inlines, ...] = ()
    lang: str | None = None
    evidence: EvidenceSummary | None = None


@dataclass(frozen=True)
class Asset:
    """A file packaged with the book (an image fetched from the source, a font)."""

    name: str
    media_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Edition:
    """The book as the writers see it: metadata, chapters in reading order, packaged assets."""

    meta: BookMeta
    chapters: tuple[Chapter, ...]
    assets: tuple[Asset, ...] = ()
    modified: datetime | None = None
