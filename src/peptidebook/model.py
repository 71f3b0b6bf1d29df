"""The document model: the one contract between readers, cleaning passes, assembly and writers.

A small, closed set of frozen dataclasses (after Pandoc's ``Text.Pandoc.Definition``). No I/O
and no parser imports live here: readers build these nodes, cleaning passes return new ones,
the XHTML renderer visits them. Two rules hold everywhere:

* every :class:`Image` carries an explicit ``alt``: ``None`` means *unknown* (reported as
  ``missing-alt``), ``""`` means *decorative*;
* nothing is silently lost: markup a reader cannot map is kept as :class:`RawInline` /
  :class:`RawBlock`, which the renderer shows as escaped text and the report counts.

Blocks are flat, as in Pandoc: a section is a :class:`Heading` followed by blocks until the next
heading of the same or a higher level. The renderer wraps those runs in ``<section>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, TypeAlias

# --------------------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    """A run of plain text (entities already decoded, whitespace not yet normalised)."""

    text: str


@dataclass(frozen=True)
class Emph:
    children: Inlines


@dataclass(frozen=True)
class Strong:
    children: Inlines


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Sub:
    children: Inlines


@dataclass(frozen=True)
class Sup:
    children: Inlines


@dataclass(frozen=True)
class LineBreak:
    """A forced line break (``<br>``) inside a block."""


@dataclass(frozen=True)
class Link:
    """A hyperlink. ``href`` is absolute (``https://…``) or an in-book fragment (``#id``)."""

    children: Inlines
    href: str
    title: str | None = None


@dataclass(frozen=True)
class Span:
    """A run in another language than its surroundings (``lang`` is a BCP 47 tag)."""

    children: Inlines
    lang: str


@dataclass(frozen=True)
class GlossaryRef:
    """A use of a glossary term in the text; ``term_id`` is a :class:`GlossaryEntry` id."""

    children: Inlines
    term_id: str


@dataclass(frozen=True)
class Image:
    """An image. ``src`` is the original URL until assembly replaces it by an asset name.

    ``alt``: ``None`` = unknown (a diagnostic is reported), ``""`` = decorative.
    """

    src: str
    alt: str | None
    title: str | None = None
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class RawInline:
    """Inline markup no reader could map. Rendered visibly (escaped), counted in the report."""

    markup: str
    reason: str


Inline: TypeAlias = (
    Text
    | Emph
    | Strong
    | Code
    | Sub
    | Sup
    | LineBreak
    | Link
    | Span
    | GlossaryRef
    | Image
    | RawInline
)
Inlines: TypeAlias = tuple[Inline, ...]

# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    """A section heading. ``level`` 1 is the article (chapter) title; bodies start at 2."""

    level: int
    children: Inlines
    id: str | None = None


@dataclass(frozen=True)
class Paragraph:
    children: Inlines


@dataclass(frozen=True)
class ListItem:
    blocks: Blocks


@dataclass(frozen=True)
class BulletList:
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class OrderedList:
    items: tuple[ListItem, ...]
    start: int = 1


@dataclass(frozen=True)
class DefinitionItem:
    term: Inlines
    definitions: tuple[Blocks, ...]
    id: str | None = None


@dataclass(frozen=True)
class DefinitionList:
    items: tuple[DefinitionItem, ...]


@dataclass(frozen=True)
class BlockQuote:
    blocks: Blocks


@dataclass(frozen=True)
class CodeBlock:
    text: str


@dataclass(frozen=True)
class HorizontalRule:
    """A thematic break."""


@dataclass(frozen=True)
class Cell:
    """A table cell. ``header`` cells carry a ``scope`` ("col" or "row")."""

    blocks: Blocks
    header: bool = False
    scope: Literal["col", "row"] | None = None
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A data table: ``head`` rows hold the column headers, ``body`` rows the data."""

    head: tuple[Row, ...]
    body: tuple[Row, ...]
    caption: Inlines = ()
    id: str | None = None


@dataclass(frozen=True)
class Figure:
    image: Image
    caption: Inlines = ()


@dataclass(frozen=True)
class Question:
    """One question of a Q&A section and its answer."""

    question: Inlines
    answer: Blocks
    id: str | None = None


@dataclass(frozen=True)
class QASection:
    """A "Frequently asked questions" section. Its heading is the book's own (localised) text;
    ``level`` is the heading level of that section, each question sits one level below."""

    questions: tuple[Question, ...]
    level: int = 2


NoteKind = Literal["note", "tip", "warning", "summary"]


@dataclass(frozen=True)
class Note:
    """An aside or call-out box (``<aside>``, a highlighted key-takeaways box, …)."""

    kind: NoteKind
    blocks: Blocks


@dataclass(frozen=True)
class Reference:
    """One entry of an article's own reference list, as the article prints it."""

    children: Inlines
    id: str | None = None


@dataclass(frozen=True)
class ReferenceList:
    """An article's reference list ("References", "Sources", …)."""

    entries: tuple[Reference, ...]


@dataclass(frozen=True)
class RawBlock:
    """Block markup no reader could map. Rendered visibly (escaped), counted in the report."""

    markup: str
    reason: str


Block: TypeAlias = (
    Heading
    | Paragraph
    | BulletList
    | OrderedList
    | DefinitionList
    | BlockQuote
    | CodeBlock
    | HorizontalRule
    | Table
    | Figure
    | QASection
    | Note
    | ReferenceList
    | RawBlock
)
Blocks: TypeAlias = tuple[Block, ...]

# --------------------------------------------------------------------------- documents

SourceKind = Literal["wordpress-rest", "wordpress-wxr", "text"]


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
    """A term and its definition, taken out of an article's text by a cleaning pass."""

    id: str
    term: str
    definition: Inlines


@dataclass(frozen=True)
class Article:
    """One article: becomes one chapter of the book.

    ``lang`` is the language of its text (BCP 47; ``None``: unknown, taken as the book's).
    ``title_lang`` is set only when the title is in another language than the text: a
    translated edition whose title was left untranslated.
    """

    title: str
    slug: str
    blocks: Blocks
    source: Source
    lang: str | None = None
    title_lang: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    modified: datetime | None = None
    summary: str | None = None
    glossary: tuple[GlossaryEntry, ...] = ()
    references: ReferenceList | None = None


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


@dataclass(frozen=True)
class Book:
    meta: BookMeta
    articles: tuple[Article, ...] = field(default_factory=tuple)

# --------------------------------------------------------------------------- the assembled book

ChapterKind = Literal["titlepage", "preface", "article", "glossary", "bibliography"]


@dataclass(frozen=True)
class Chapter:
    """One reading unit of the assembled book (one XHTML file in the EPUB).

    ``title`` is the chapter heading (level 1); ``byline`` lines are printed under it (author,
    dates, source link); ``blocks`` are the body, whose headings start at level 2. ``lang`` is
    set when the chapter's language differs from the book's.
    """

    kind: ChapterKind
    id: str
    title: Inlines
    blocks: Blocks
    byline: tuple[Inlines, ...] = ()
    lang: str | None = None


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
