"""The assembled edition, as writers see it: everything they print, made by assembly.

Chapters in reading order, the table of contents, one standalone chapter per article for its
handout, the packaged assets and the book's date. A writer renders and serialises these; it
writes no text of the book of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from .article import Article, BookMeta
from .blocks import Blocks
from .evidence import StudyClue, named_studies
from .inlines import Inlines


@dataclass(frozen=True)
class EvidenceSummary:
    """How many study mentions an article has, how many of them are traceable, and how many
    dose statements: what the preface and a handout's caveat count.

    ``named`` is the number of particular studies the text names (repeats merged, per
    article: :func:`~peptidebook.model.evidence.named_studies`), ``named_passages`` the
    passages naming them, ``general`` the passages that appeal to research in general terms;
    ``numbered_uncaptured`` the passages whose numbered citations point at a list that was not
    captured; ``clues`` what identifies the named studies, in order of first use.
    ``anchors`` are where the reader can check each kind (``named``, ``general``:
    the id of the first list of that kind in the References chapter), set by assembly.
    """

    studies: int = 0
    traceable: int = 0
    doses: int = 0
    named: int = 0
    named_passages: int = 0
    general: int = 0
    numbered_uncaptured: int = 0
    clues: tuple[StudyClue, ...] = ()
    anchors: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, articles: tuple[Article, ...]) -> EvidenceSummary:
        mentions = [s for a in articles for s in a.studies]
        return cls(studies=len(mentions),
                   traceable=sum(1 for s in mentions if s.traceable),
                   doses=sum(len(a.doses) for a in articles),
                   named=sum(len(named_studies(a.studies)) for a in articles),
                   named_passages=sum(1 for s in mentions if s.kind == "named"),
                   general=sum(1 for s in mentions if s.kind == "general"),
                   numbered_uncaptured=sum(1 for s in mentions if s.numbers and not s.cites),
                   clues=tuple(dict.fromkeys(c for s in mentions for c in s.identified_by)))

    def anchor(self, kind: str) -> str | None:
        """The id of the first list of ``kind`` (``named``, ``general``) a reader can check."""
        return dict(self.anchors).get(kind)


ChapterKind = Literal[
    "titlepage", "preface", "article", "glossary", "appendix", "bibliography"
]


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
class ContentsEntry:
    """One entry of the table of contents: a chapter, or one of its sections.

    ``chapter`` is the id of the chapter the entry is in; ``target`` the id of the section's
    heading, ``None`` for the chapter itself. ``label`` is what the entry says (plain text: a
    contents entry is one link); ``lang`` its language when that is not the book's (a title
    quoted in its own language). ``printed``: listed in the printed contents too — the title
    page is not, as the printed contents follow it.
    """

    label: Inlines
    chapter: str
    target: str | None = None
    lang: str | None = None
    entries: tuple[ContentsEntry, ...] = ()
    printed: bool = True


LandmarkKind = Literal["toc", "bodymatter", "preface", "glossary", "bibliography"]


@dataclass(frozen=True)
class Landmark:
    """A place a reader may jump to (EPUB 3.3 §7.4.3 landmarks; EPUB SSV 1.1 types): ``label``
    in the book's language, ``chapter`` the id of the chapter it opens (``None``: the table of
    contents itself)."""

    kind: LandmarkKind
    label: str
    chapter: str | None = None


@dataclass(frozen=True)
class Contents:
    """The table of contents: the EPUB's navigation document and the printed contents are both
    rendered from it. ``title`` is its heading in the book's language; ``landmarks`` the
    book's landmarks under their heading ``landmarks_title``; ``pages_title`` the heading of
    the list of printed pages (when the print edition's page numbers are given)."""

    title: Inlines
    entries: tuple[ContentsEntry, ...]
    landmarks: tuple[Landmark, ...] = ()
    landmarks_title: str = "Landmarks"
    pages_title: str = "Pages"


@dataclass(frozen=True)
class Accessibility:
    """What the book says of its accessibility (EPUB Accessibility 1.1 §2; schema.org), derived
    by assembly from what the book contains: ``summary`` in the book's language, with
    ``page_numbers`` added to it when the EPUB gives the print edition's page numbers, and
    ``checking`` last: what was checked, and with what (this file, only when ``build --check``
    checked it)."""

    access_modes: tuple[str, ...]
    sufficient_modes: tuple[str, ...]
    features: tuple[str, ...]
    summary: str
    page_numbers: str
    checking: str = ""


@dataclass(frozen=True)
class Handout:
    """One article printed on its own. ``name`` is its file's name without the extension (made
    by assembly: safe and unique in the book); ``chapter`` is complete and stands alone — the
    evidence caveat, the article, its source and references; links into the rest of the book
    are plain text."""

    name: str
    chapter: Chapter


@dataclass(frozen=True)
class Edition:
    """The book as the writers see it: metadata, chapters in reading order, the table of
    contents, what it says of its accessibility, the handouts, packaged assets, and ``stamp``:
    the book's date (the EPUB's ``dcterms:modified`` and zip times, the PDFs' dates;
    :mod:`peptidebook.reproducible`)."""

    meta: BookMeta
    chapters: tuple[Chapter, ...]
    contents: Contents
    stamp: datetime
    accessibility: Accessibility
    handouts: tuple[Handout, ...] = ()
    assets: tuple[Asset, ...] = ()
