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
class Citation:
    """An author–year citation in the text ("Veldhuis, J. D. et al. (2005)", "the work of
    Veldhuis et al.") of entries of the article's works cited (``Reference`` ids).

    ``id`` is the citation's own anchor, so that each entry can link back to every place it
    is cited (DPUB-ARIA 1.1 ``doc-biblioref`` one way, ``doc-backlink`` the other).
    """

    children: Inlines
    ref_ids: tuple[str, ...]
    id: str | None = None


@dataclass(frozen=True)
class StudyMention:
    """A sentence of the text that reports a study, trial, review or research finding: the
    passage the :class:`Study` of ``Article.studies`` with the same ``id`` describes."""

    children: Inlines
    id: str


@dataclass(frozen=True)
class DoseAmount:
    """The amount of a dose statement as printed ("200–500 mcg"), marked so that a print
    edition can flag it: handouts shade it, and their caveat says what the shading means."""

    children: Inlines


@dataclass(frozen=True)
class NoteRef:
    """A note marker (DPUB-ARIA 1.1 ``doc-noteref``, EPUB SSV ``noteref``): ``children`` is
    the marker ("1"), ``target`` the id of the note, ``id`` the marker's own anchor for the
    note's backlink."""

    children: Inlines
    target: str
    id: str | None = None


@dataclass(frozen=True)
class BackLink:
    """A link from a note or an entry back to the passage it is about (DPUB-ARIA 1.1
    ``doc-backlink``). ``children`` is accessible link text, never a bare "↩"."""

    children: Inlines
    target: str


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
    | Citation
    | StudyMention
    | DoseAmount
    | NoteRef
    | BackLink
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
class WorkCited:
    """The parts of one reference-list entry, as far as they could be read from it.

    ``authors`` are as printed ("Veldhuis, Johannes D."); ``et_al`` says the list was cut
    short. Every other field is ``None`` when the entry does not give it.
    """

    authors: tuple[str, ...] = ()
    et_al: bool = False
    title: str | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    year: int | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None

    @property
    def identifier(self) -> str | None:
        """A DOI, PMID or address a reader can look the work up by, if any."""
        return self.doi or self.pmid or self.url


@dataclass(frozen=True)
class Reference:
    """One entry of an article's own reference list, as the article prints it.

    ``work`` is the entry read into its parts (``None`` when it could not be read);
    ``cited_by`` are the ids of the :class:`Citation` nodes that point at it, in text order.
    """

    children: Inlines
    id: str | None = None
    work: WorkCited | None = None
    cited_by: tuple[str, ...] = ()


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
    """A term and its definition, taken out of an article's text by a cleaning pass.
    ``lang`` is set when the entry is in another language than its article (a translated
    edition that left it untranslated)."""

    id: str
    term: str
    definition: Inlines
    lang: str | None = None


StudyDesign = Literal[
    "meta-analysis", "systematic review", "review", "randomised controlled trial",
    "placebo-controlled trial", "pilot study", "dose-response trial", "clinical trial",
    "trial", "cohort study", "case-control study", "cross-sectional study", "case report",
    "animal study", "in-vitro study", "study", "research", "evidence",
]


@dataclass(frozen=True)
class Study:
    """What a :class:`StudyMention` (same ``id``) says about the research it reports.

    ``text`` is the sentence. ``year``, ``venue`` (a journal), ``institution``, ``design``,
    ``sample_size`` and ``ages`` (``"45–65"``) are what the sentence names, ``None`` when
    it does not; ``authors`` the family names it cites. ``cites`` are the :class:`Reference`
    ids its citations resolve to; ``identifiers`` the DOIs, PMIDs or addresses it carries.
    """

    id: str
    text: str
    design: StudyDesign
    year: int | None = None
    venue: str | None = None
    institution: str | None = None
    sample_size: int | None = None
    ages: str | None = None
    authors: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()

    @property
    def traceable(self) -> bool:
        """Whether a reader can look the research up: it resolves to a works-cited entry or
        carries a DOI, PMID or address itself."""
        return bool(self.cites or self.identifiers)


DoseRoute = Literal["subcutaneous", "intramuscular", "intravenous", "oral", "sublingual",
                    "intranasal", "topical", "transdermal"]


@dataclass(frozen=True)
class Dose:
    """One dosing statement of the text: a sentence (or table cell) giving an amount of a
    medicine with its unit, and the route and frequency where it says them.

    ``amounts`` are as printed ("200–500 mcg", "0.25 ml"); ``text`` is the statement.
    """

    text: str
    amounts: tuple[str, ...]
    route: DoseRoute | None = None
    frequency: str | None = None


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
    references: ReferenceList | None = None
    studies: tuple[Study, ...] = ()
    doses: tuple[Dose, ...] = ()


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
