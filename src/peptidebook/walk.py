"""Generic traversals of the document model: iterate over nodes, or rebuild with a function.

``map_blocks(blocks, f)`` rebuilds bottom-up: children first, then ``f`` on each block, which
returns the block(s) to put in its place. ``iter_blocks``/``iter_inlines`` walk depth-first in
document order. Every container type of :mod:`peptidebook.model` is handled here, once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from .model import (
    BackLink,
    Block,
    BlockQuote,
    Blocks,
    BulletList,
    Citation,
    Code,
    DefinitionList,
    DoseAmount,
    Emph,
    Endnotes,
    Figure,
    GlossaryRef,
    Heading,
    Image,
    Inline,
    Inlines,
    LineBreak,
    Link,
    ListItem,
    Note,
    NoteRef,
    OrderedList,
    Paragraph,
    QASection,
    RawInline,
    ReferenceList,
    Row,
    Span,
    Strong,
    StudyMention,
    Sub,
    Sup,
    Table,
    Text,
)

BlockFn = Callable[[Block], Block | Blocks]
SequenceFn = Callable[[Blocks], Blocks]
InlineSeqFn = Callable[[Inlines], Inlines]
InlineFn = Callable[[Inline], Inline | Inlines]


def _children_blocks(block: Block) -> Iterator[Blocks]:
    match block:
        case BulletList(items) | OrderedList(items):
            for item in items:
                yield item.blocks
        case BlockQuote(blocks) | Note(blocks=blocks):
            yield blocks
        case DefinitionList(items):
            for ditem in items:
                yield from ditem.definitions
        case Table(head=head, body=body):
            for row in (*head, *body):
                for cell in row.cells:
                    yield cell.blocks
        case QASection(questions):
            for q in questions:
                yield q.answer
        case Endnotes(notes=notes):
            for note in notes:
                yield note.blocks


#: Inlines that contain inlines (``children``), in one place for every traversal.
CONTAINERS = (Emph, Strong, Sub, Sup, Link, Span, GlossaryRef, Citation, StudyMention, NoteRef,
              BackLink, DoseAmount)


def plain_text(inlines: Iterable[Inline]) -> str:
    """The text a reader sees of ``inlines`` (images count by their alt text, raw markup as
    the escaped text the renderer shows)."""
    parts: list[str] = []
    for node in inlines:
        match node:
            case Text(text) | Code(text):
                parts.append(text)
            case Emph(children) | Strong(children) | Sub(children) | Sup(children):
                parts.append(plain_text(children))
            case Link(children) | Span(children) | GlossaryRef(children):
                parts.append(plain_text(children))
            case Citation(children) | StudyMention(children) | DoseAmount(children):
                parts.append(plain_text(children))
            case NoteRef(children) | BackLink(children):
                parts.append(plain_text(children))
            case Image(alt=alt):
                parts.append(alt or "")
            case LineBreak():
                parts.append(" ")
            case RawInline(markup):
                parts.append(markup)
    return "".join(parts)


def iter_blocks(blocks: Blocks) -> Iterator[Block]:
    """Every block, depth-first, in document order (containers before their contents)."""
    for block in blocks:
        yield block
        for child in _children_blocks(block):
            yield from iter_blocks(child)


def _block_inlines(block: Block) -> Iterator[Inlines]:
    match block:
        case Heading(children=children) | Paragraph(children):
            yield children
        case Table(caption=caption):
            yield caption
        case Figure(caption=caption):
            yield caption
        case DefinitionList(items):
            for item in items:
                yield item.term
        case QASection(questions):
            for q in questions:
                yield q.question
        case ReferenceList(entries):
            for entry in entries:
                yield entry.children
        case Endnotes(title=title):
            yield title


def iter_inlines(blocks: Blocks) -> Iterator[Inline]:
    """Every inline of every block, depth-first (containers before their contents)."""
    for block in iter_blocks(blocks):
        for inlines in _block_inlines(block):
            yield from _iter_inline_tree(inlines)


def _iter_inline_tree(inlines: Inlines) -> Iterator[Inline]:
    for node in inlines:
        yield node
        if isinstance(node, CONTAINERS):
            yield from _iter_inline_tree(node.children)


def _as_tuple(value: Block | Blocks) -> Blocks:
    return value if isinstance(value, tuple) else (value,)


def map_children(block: Block, fn: SequenceFn) -> Block:
    """``block`` with ``fn`` applied to each of its direct child block sequences."""
    match block:
        case BulletList(items) | OrderedList(items):
            return replace(block, items=tuple(ListItem(fn(item.blocks)) for item in items))
        case BlockQuote(blocks) | Note(blocks=blocks):
            return replace(block, blocks=fn(blocks))
        case DefinitionList(items):
            return DefinitionList(tuple(
                replace(item, definitions=tuple(fn(d) for d in item.definitions))
                for item in items))
        case Table(head=head, body=body):
            def rows(old: tuple[Row, ...]) -> tuple[Row, ...]:
                return tuple(Row(tuple(replace(cell, blocks=fn(cell.blocks)) for cell in row.cells))
                             for row in old)
            return replace(block, head=rows(head), body=rows(body))
        case QASection(questions):
            return replace(block, questions=tuple(
                replace(q, answer=fn(q.answer)) for q in questions))
        case Endnotes(notes=notes):
            return replace(block, notes=tuple(replace(n, blocks=fn(n.blocks)) for n in notes))
    return block


def map_sequences(blocks: Blocks, fn: SequenceFn) -> Blocks:
    """Apply ``fn`` to every block sequence, innermost first, ``blocks`` itself last, so a
    pass can look at siblings (a heading and the table after it)."""
    return fn(tuple(map_children(block, lambda seq: map_sequences(seq, fn)) for block in blocks))


def map_blocks(blocks: Blocks, fn: BlockFn) -> Blocks:
    """Rebuild ``blocks`` bottom-up, replacing each block by what ``fn`` returns for it."""
    out: list[Block] = []
    for block in blocks:
        out.extend(_as_tuple(fn(map_children(block, lambda seq: map_blocks(seq, fn)))))
    return tuple(out)


def map_inline_sequences(blocks: Blocks, fn: InlineSeqFn) -> Blocks:
    """Rebuild ``blocks`` with ``fn`` applied to every top-level inline sequence: heading and
    paragraph text, captions, definition terms, questions, reference entries (nested blocks
    of lists, quotes, notes, cells and answers included)."""

    def block_fn(block: Block) -> Block:
        match block:
            case Heading() | Paragraph():
                return replace(block, children=fn(block.children))
            case Table() | Figure():
                return replace(block, caption=fn(block.caption))
            case DefinitionList(items):
                return DefinitionList(tuple(replace(i, term=fn(i.term)) for i in items))
            case QASection(questions):
                return replace(block, questions=tuple(
                    replace(q, question=fn(q.question)) for q in questions))
            case ReferenceList(entries):
                return ReferenceList(tuple(replace(e, children=fn(e.children))
                                           for e in entries))
            case Endnotes(title=title):
                return replace(block, title=fn(title))
        return block

    return map_blocks(blocks, block_fn)


def map_inlines(blocks: Blocks, fn: InlineFn) -> Blocks:
    """Rebuild every inline of ``blocks`` bottom-up through ``fn`` (containers' children
    first), which returns the inline(s) to put in its place."""

    def seq(inlines: Inlines) -> Inlines:
        out: list[Inline] = []
        for node in inlines:
            if isinstance(node, CONTAINERS):
                node = replace(node, children=seq(node.children))
            result = fn(node)
            out.extend(result if isinstance(result, tuple) else (result,))
        return tuple(out)

    return map_inline_sequences(blocks, seq)


__all__ = ["CONTAINERS", "iter_blocks", "iter_inlines", "map_blocks", "map_children", "map_inline_sequences",
           "map_inlines", "map_sequences", "plain_text"]
