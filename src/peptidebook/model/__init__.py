"""The document model: the one contract between readers, cleaning passes, assembly and writers.

A small, closed set of frozen dataclasses (after Pandoc's ``Text.Pandoc.Definition``), in three
parts: the document tree (:mod:`.inlines`, :mod:`.blocks`), the evidence domain
(:mod:`.evidence`), articles and the book (:mod:`.article`), and the assembled edition the writers
serialise (:mod:`.edition`). The tree describes itself through its field types (:mod:`.shape`).
No I/O and no parser imports live here: readers build these nodes, cleaning passes return new
ones, the XHTML renderer visits them. Two rules hold everywhere:

* every :class:`Image` carries an explicit ``alt``: ``None`` means *unknown* (reported as
  ``missing-alt``), ``""`` means *decorative*;
* nothing is silently lost: markup a reader cannot map is kept as :class:`RawInline` /
  :class:`RawBlock`, which the renderer shows as escaped text and the report counts.
"""

from __future__ import annotations

from .article import (
    Article,
    Book,
    BookMeta,
    GlossaryEntry,
    Source,
    SourceKind,
)
from .blocks import (
    Block,
    BlockQuote,
    Blocks,
    BulletList,
    Cell,
    CodeBlock,
    DefinitionItem,
    DefinitionList,
    Endnote,
    Endnotes,
    Figure,
    Heading,
    HorizontalRule,
    ListItem,
    Note,
    NoteKind,
    OrderedList,
    Paragraph,
    QASection,
    Question,
    RawBlock,
    Reference,
    ReferenceList,
    Row,
    Table,
)
from .edition import (
    Asset,
    Chapter,
    ChapterKind,
    Edition,
    EvidenceSummary,
)
from .evidence import (
    Dose,
    DoseRoute,
    Study,
    StudyDesign,
    WorkCited,
)
from .inlines import (
    BackLink,
    Citation,
    Code,
    DoseAmount,
    Emph,
    GlossaryRef,
    Href,
    IdRef,
    Image,
    Inline,
    Inlines,
    LineBreak,
    Link,
    NoteRef,
    RawInline,
    Span,
    Strong,
    StudyMention,
    Sub,
    Sup,
    Text,
)

__all__ = [
    "Article",
    "Asset",
    "BackLink",
    "Block",
    "BlockQuote",
    "Blocks",
    "Book",
    "BookMeta",
    "BulletList",
    "Cell",
    "Chapter",
    "ChapterKind",
    "Citation",
    "Code",
    "CodeBlock",
    "DefinitionItem",
    "DefinitionList",
    "Dose",
    "DoseAmount",
    "DoseRoute",
    "Edition",
    "Emph",
    "Endnote",
    "Endnotes",
    "EvidenceSummary",
    "Figure",
    "GlossaryEntry",
    "GlossaryRef",
    "Heading",
    "HorizontalRule",
    "Href",
    "IdRef",
    "Image",
    "Inline",
    "Inlines",
    "LineBreak",
    "Link",
    "ListItem",
    "Note",
    "NoteKind",
    "NoteRef",
    "OrderedList",
    "Paragraph",
    "QASection",
    "Question",
    "RawBlock",
    "RawInline",
    "Reference",
    "ReferenceList",
    "Row",
    "Source",
    "SourceKind",
    "Span",
    "Strong",
    "Study",
    "StudyDesign",
    "StudyMention",
    "Sub",
    "Sup",
    "Table",
    "Text",
    "WorkCited",
]
