"""Helpers the cleaning passes share: plain text of inlines, a comparison key for labels, and
a traversal that hands every block sequence (top level, list items, quotes, notes, table cells,
answers) to a function, so a pass can look at siblings."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace

from ..model import (
    Block,
    BlockQuote,
    Blocks,
    BulletList,
    Code,
    DefinitionList,
    Image,
    Inline,
    LineBreak,
    ListItem,
    Note,
    OrderedList,
    QASection,
    RawInline,
    Row,
    Table,
    Text,
)

SequenceFn = Callable[[Blocks], Blocks]


def plain_text(inlines: Iterable[Inline]) -> str:
    """The text a reader sees (images count as their alt text), whitespace as found."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text | Code):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append(" ")
        elif isinstance(node, Image):
            parts.append(node.alt or "")
        elif isinstance(node, RawInline):
            continue
        else:
            parts.append(plain_text(node.children))
    return "".join(parts)


def label_key(text: str) -> str:
    """``text`` for comparison: NFKC, case-folded, punctuation and dashes as spaces, collapsed
    (``"Sermorelin — Clinical Evidence"`` and ``"sermorelin: clinical evidence"`` match)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(char if char.isalnum() else " " for char in folded)
    return " ".join(kept.split())


def map_sequences(blocks: Blocks, fn: SequenceFn) -> Blocks:
    """Apply ``fn`` to every block sequence, innermost first, ``blocks`` itself last."""
    return fn(tuple(map_children(block, lambda seq: map_sequences(seq, fn)) for block in blocks))


def map_children(block: Block, fn: SequenceFn) -> Block:
    """``block`` with ``fn`` applied to each of its direct child block sequences."""
    match block:
        case BulletList(items) | OrderedList(items):
            return replace(block, items=tuple(ListItem(fn(item.blocks)) for item in items))
        case BlockQuote(blocks) | Note(blocks=blocks):
            return replace(block, blocks=fn(blocks))
        case DefinitionList(items):
            return DefinitionList(
                tuple(
                    replace(item, definitions=tuple(fn(d) for d in item.definitions))
                    for item in items
                )
            )
        case Table(head=head, body=body):

            def rows(old: tuple[Row, ...]) -> tuple[Row, ...]:
                return tuple(
                    Row(tuple(replace(cell, blocks=fn(cell.blocks)) for cell in row.cells))
                    for row in old
                )

            return replace(block, head=rows(head), body=rows(body))
        case QASection(questions):
            return replace(
                block, questions=tuple(replace(q, answer=fn(q.answer)) for q in questions)
            )
    return block
