"""Step 4 - Rendering: :class:`Renderer`, the one per-node XHTML visitor — its two dispatchers,
which send each node to the visitor of its type (:mod:`._blocks`, :mod:`._inlines`) and end in
``assert_never``, so that mypy names a node type without a case here."""

from __future__ import annotations

from typing import assert_never

from lxml import etree

from ...model import (
    BackLink,
    Block,
    BlockQuote,
    BulletList,
    Citation,
    Code,
    CodeBlock,
    DefinitionList,
    DoseAmount,
    Emph,
    Endnotes,
    Figure,
    GlossaryRef,
    Heading,
    HorizontalRule,
    Image,
    Inline,
    LineBreak,
    Link,
    Note,
    NoteRef,
    OrderedList,
    Paragraph,
    Preformatted,
    QASection,
    RawBlock,
    RawInline,
    ReferenceList,
    Span,
    Strong,
    StudyMention,
    Sub,
    Sup,
    Table,
    Text,
)
from ._blocks import BlockVisitors
from ._chapters import ChapterVisitors
from ._inlines import InlineVisitors


class Renderer(ChapterVisitors, BlockVisitors, InlineVisitors):
    """A per-node visitor: :meth:`block` and :meth:`inline` dispatch each node type to the
    method that appends its XHTML (``match`` + ``assert_never``: mypy reports a forgotten
    type); :meth:`chapter` renders a whole chapter. ``Renderer(text, target, *,
    print_mode=False)``; ``print_mode``: render for paper (the PDF book and handouts: see
    :mod:`peptidebook.rendering.xhtml`)."""

    # mccabe counts each case of a match: one flat case per block type, checked by mypy.
    def block(self, parent: etree._Element, block: Block) -> None:  # noqa: C901
        """One block, by its type; a block type without a case here is a mypy error."""
        match block:
            case Heading():
                self._heading(parent, block)
            case Paragraph():
                self._paragraph(parent, block)
            case BulletList():
                self._bullet_list(parent, block)
            case OrderedList():
                self._ordered_list(parent, block)
            case DefinitionList():
                self._definition_list(parent, block)
            case BlockQuote():
                self._block_quote(parent, block)
            case CodeBlock():
                self._code_block(parent, block)
            case Preformatted():
                self._preformatted(parent, block)
            case HorizontalRule():
                self._horizontal_rule(parent, block)
            case Table():
                self._table(parent, block)
            case Figure():
                self._figure(parent, block)
            case QASection():
                self._qa_section(parent, block)
            case Note():
                self._note(parent, block)
            case ReferenceList():
                self._reference_list(parent, block)
            case Endnotes():
                self._endnotes(parent, block)
            case RawBlock():
                self._raw_block(parent, block)
            case _:
                assert_never(block)

    # mccabe counts each case of a match: one flat case per inline type, checked by mypy.
    def inline(self, parent: etree._Element, node: Inline) -> None:  # noqa: C901
        """One inline, by its type; an inline type without a case here is a mypy error."""
        match node:
            case Text():
                self._text_inline(parent, node)
            case Emph():
                self._emph(parent, node)
            case Strong():
                self._strong(parent, node)
            case Sub():
                self._sub(parent, node)
            case Sup():
                self._sup(parent, node)
            case Code():
                self._code_inline(parent, node)
            case LineBreak():
                self._line_break(parent, node)
            case Link():
                self._link(parent, node)
            case Span():
                self._span(parent, node)
            case GlossaryRef():
                self._glossary_ref(parent, node)
            case Citation():
                self._citation(parent, node)
            case StudyMention():
                self._study_mention(parent, node)
            case DoseAmount():
                self._dose_amount(parent, node)
            case NoteRef():
                self._note_ref(parent, node)
            case BackLink():
                self._back_link(parent, node)
            case Image():
                self._image_inline(parent, node)
            case RawInline():
                self._raw_inline(parent, node)
            case _:
                assert_never(node)
