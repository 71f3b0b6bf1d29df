"""The block nodes of the document tree, and the parts they are made of.

Blocks are flat, as in Pandoc: a section is a :class:`Heading` followed by blocks until the next
heading of the same or a higher level. A field's type says what it holds, and the traversals
(:mod:`peptidebook.walk`, through :mod:`.shape`) read nothing else: :data:`Blocks` are child
blocks, :data:`Inlines` a run of text, ``tuple[Blocks, ...]`` several block runs, a tuple of
parts (:class:`ListItem`, :class:`Row`, :class:`Cell`, …) parts with children of their own, an
:class:`~.inlines.Image` one inline. A field named ``id`` is the node's anchor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from .evidence import WorkCited
from .inlines import IdRef, Image, Inlines


@dataclass(frozen=True)
class Heading:
    """A section heading. ``level`` 1 is the article (chapter) title; bodies start at 2.
    ``listed``: whether the table of contents lists it (the book's own end-of-chapter
    headings, repeated in every chapter, are not: :mod:`peptidebook.assembly.edits`)."""

    level: int
    children: Inlines
    id: str | None = None
    listed: bool = True


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


def definition_blocks(items: tuple[DefinitionItem, ...]) -> Blocks:
    """``items`` as blocks: a :class:`DefinitionList`, then each term after the last
    definition as a :class:`Paragraph`. Terms in a row share the definition after them (HTML
    §4.4.9), but a term with none after it is not defined (Wikipedia's pseudo-headings, an
    emptied ``<dd>``), and a list ending on one is invalid (a ``<dl>`` needs a ``<dd>`` after
    each run of ``<dt>``). The reader and the whitespace pass, which may empty a definition,
    keep to this one rule."""
    last = max((index for index, item in enumerate(items) if item.definitions), default=-1)
    listed: Blocks = (DefinitionList(items[:last + 1]),) if last >= 0 else ()
    return listed + tuple(Paragraph(item.term) for item in items[last + 1:] if item.term)


QuoteKind = Literal["quote", "pullquote"]


@dataclass(frozen=True)
class BlockQuote:
    """A quotation; ``attribution`` is who or what it is from, as the source names it (the
    ``<cite>`` of a WordPress quote or pullquote block).

    ``kind`` "pullquote" is a callout that repeats the article's own text (DPUB-ARIA 1.1
    ``doc-pullquote``): decorative, so it is hidden from assistive technology, which reads
    the passage where the text says it."""

    blocks: Blocks
    attribution: Inlines = ()
    kind: QuoteKind = "quote"


@dataclass(frozen=True)
class CodeBlock:
    text: str


PreformattedKind = Literal["preformatted", "verse"]


@dataclass(frozen=True)
class Preformatted:
    """Text whose line breaks and spaces are the author's (a poem, a postal address, aligned
    columns) but which is not code: it keeps its links and emphasis. ``children`` hold the
    whitespace as written (newlines in :class:`~.inlines.Text`, or
    :class:`~.inlines.LineBreak`); no pass normalises it. ``kind`` "verse" is a poem or lyric
    (WordPress's verse block), set in the text face rather than a monospace one."""

    children: Inlines
    kind: PreformattedKind = "preformatted"


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
    ``level`` is the heading level of that section, each question sits one level below; ``id``
    is the section's (assembly gives it one)."""

    questions: tuple[Question, ...]
    level: int = 2
    id: str | None = None


NoteKind = Literal["note", "tip", "warning", "summary"]


@dataclass(frozen=True)
class Note:
    """An aside or call-out box (``<aside>``, a highlighted key-takeaways box, …)."""

    kind: NoteKind
    blocks: Blocks


@dataclass(frozen=True)
class Reference:
    """One entry of an article's own reference list, as the article prints it.

    ``work`` is the entry read into its parts (``None`` when it could not be read);
    ``cited_by`` are the ids of the :class:`Citation` nodes that point at it, in text order.
    """

    children: Inlines
    id: str | None = None
    work: WorkCited | None = None
    cited_by: tuple[IdRef, ...] = ()


@dataclass(frozen=True)
class ReferenceList:
    """An article's reference list ("References", "Sources", …)."""

    entries: tuple[Reference, ...]


@dataclass(frozen=True)
class Endnote:
    """One note of an :class:`Endnotes` block (EPUB SSV ``endnote``)."""

    id: str
    blocks: Blocks


@dataclass(frozen=True)
class Endnotes:
    """Notes gathered in one place (DPUB-ARIA 1.1 ``doc-endnotes``, EPUB SSV ``endnotes``),
    under a heading of ``level`` that the block renders itself."""

    title: Inlines
    notes: tuple[Endnote, ...]
    level: int = 3
    id: str | None = None


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
    | Preformatted
    | HorizontalRule
    | Table
    | Figure
    | QASection
    | Note
    | ReferenceList
    | Endnotes
    | RawBlock
)
Blocks: TypeAlias = tuple[Block, ...]
