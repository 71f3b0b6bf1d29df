"""Step 2 - Cleaning, pass "whitespace": normalise the whitespace of every inline run.

What the HTML reader leaves is the source's whitespace: indentation newlines, spaces inside
``<strong> </strong>``, ``<br>`` at the end of a summary. This pass makes it what a browser shows
(CSS Text 3 §4.1.1, ``white-space: normal``):

* a run of ASCII whitespace becomes one space (U+00A0 and other non-breaking spaces are meant
  and kept); spaces are trimmed at the edges of a block and around line breaks;
* a space at the edge of an inline wrapper moves outside it (``a<b> c</b>`` → ``a <b>c</b>``),
  adjacent texts merge;
* empty wrappers (``<strong></strong>``), line breaks at block edges, empty paragraphs,
  headings, list items, lists, quotes and notes are dropped.

Code (inline and block), preformatted text and verse (:class:`Preformatted`: the author's own
line breaks and spaces) and raw markup keep their text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..diagnostics import Report
from ..model import (
    Article,
    Block,
    BlockQuote,
    Blocks,
    BulletList,
    Code,
    DefinitionList,
    GlossaryEntry,
    Heading,
    Image,
    Inline,
    Inlines,
    LineBreak,
    Note,
    OrderedList,
    Paragraph,
    Preformatted,
    QASection,
    ReferenceList,
    Text,
    definition_blocks,
)
from ..walk import (
    has_inline_children,
    inline_children,
    map_blocks,
    map_own_inlines,
    with_inline_children,
)

__all__ = ["normalise_inlines", "normalise_whitespace"]

#: HTML's ASCII whitespace (HTML §2.3.3 "ASCII whitespace", plus vertical tab).
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def normalise_whitespace(article: Article, report: Report) -> Article:
    """Normalise whitespace in every block of ``article`` (and its title and summary)."""
    return replace(
        article,
        title=_collapse(article.title),
        summary=_collapse(article.summary) if article.summary else article.summary,
        blocks=map_blocks(article.blocks, _block),
        glossary=tuple(_glossary_entry(entry) for entry in article.glossary),
        references=_references(article.references) if article.references else None,
    )


def normalise_inlines(inlines: Inlines) -> Inlines:
    """One block's inlines with whitespace normalised (see the module docstring)."""
    state = _State()
    out = _sequence(inlines, state)
    while out and (isinstance(out[-1], LineBreak) or _is_space(out[-1])):
        out.pop()
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip(" "))
    return tuple(out)


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ")


def _is_space(node: Inline) -> bool:
    return isinstance(node, Text) and not node.text.strip(" ")


# --------------------------------------------------------------------------- blocks


def _block(block: Block) -> Block | Blocks:
    """``block`` normalised (its nested blocks already are), or ``()`` when nothing is left."""
    if isinstance(block, Preformatted):
        return block
    block = map_own_inlines(block, normalise_inlines)
    match block:
        case Paragraph(children) | Heading(children=children):
            return block if children else ()
        case BulletList(items) | OrderedList(items):
            kept = tuple(item for item in items if item.blocks)
            return replace(block, items=kept) if kept else ()
        case BlockQuote(blocks) | Note(blocks=blocks):
            return block if blocks else ()
        case DefinitionList(items):
            # A term whose definitions all emptied (a pasted ``<dd></dd>``) may end the list:
            # it becomes a paragraph (definition_blocks), never a <dl> without a <dd>.
            terms = (replace(item, definitions=tuple(d for d in item.definitions if d))
                     for item in items)
            return definition_blocks(
                tuple(item for item in terms if item.term or item.definitions))
        case QASection(questions):
            asked = tuple(q for q in questions if q.question or q.answer)
            return replace(block, questions=asked) if asked else ()
        case ReferenceList():
            return _references(block)
    return block


def _image(image: Image) -> Image:
    return image if image.alt is None else replace(image, alt=_collapse(image.alt))


def _references(references: ReferenceList) -> ReferenceList:
    entries = (
        replace(entry, children=normalise_inlines(entry.children))
        for entry in references.entries
    )
    return ReferenceList(tuple(entry for entry in entries if entry.children))


def _glossary_entry(entry: GlossaryEntry) -> GlossaryEntry:
    return replace(
        entry, term=_collapse(entry.term), definition=normalise_inlines(entry.definition)
    )


# --------------------------------------------------------------------------- inlines


@dataclass
class _State:
    """Where the walk through one block's inlines stands."""

    #: The last character emitted was a space (or nothing was emitted yet): drop a leading one.
    after_space: bool = True
    #: Something visible was emitted: a line break here is not at the block's start.
    started: bool = False


def _sequence(inlines: Inlines, state: _State) -> list[Inline]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            _emit_text(out, _SPACES.sub(" ", node.text), state)
        elif isinstance(node, LineBreak):
            _emit_break(out, state)
        elif has_inline_children(node):
            _emit_wrapper(out, node, state)
        elif isinstance(node, Code) and not node.text:
            continue
        else:  # Code, Image, RawInline: atoms
            out.append(_image(node) if isinstance(node, Image) else node)
            state.after_space, state.started = False, True
    return out


def _emit_text(out: list[Inline], text: str, state: _State) -> None:
    if state.after_space:
        text = text.lstrip(" ")
    if not text:
        return
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text + text)
    else:
        out.append(Text(text))
    state.after_space, state.started = text.endswith(" "), True


def _emit_break(out: list[Inline], state: _State) -> None:
    if not state.started:
        return  # a line break at the start of a block shows nothing
    _append_break(out)
    state.after_space = True


def _append_break(out: list[Inline]) -> None:
    """Append a line break, dropping the space before it."""
    if out and isinstance(out[-1], Text):
        trimmed = out[-1].text.rstrip(" ")
        if trimmed:
            out[-1] = Text(trimmed)
        else:
            out.pop()
    out.append(LineBreak())


def _emit_wrapper(out: list[Inline], node: Inline, state: _State) -> None:
    """Emit a wrapper (an inline with ``children``: :func:`..walk.has_inline_children`) with
    spaces and line breaks at its edges moved outside it."""
    inner = _sequence(inline_children(node), state)
    before: list[Inline] = []
    after: list[Inline] = []
    while inner and (isinstance(inner[0], LineBreak) or _is_space(inner[0])):
        before.append(inner.pop(0))
    if inner and isinstance(inner[0], Text) and inner[0].text.startswith(" "):
        before.append(Text(" "))
        inner[0] = Text(inner[0].text.lstrip(" "))
    while inner and (isinstance(inner[-1], LineBreak) or _is_space(inner[-1])):
        after.insert(0, inner.pop())
    if inner and isinstance(inner[-1], Text) and inner[-1].text.endswith(" "):
        after.insert(0, Text(" "))
        inner[-1] = Text(inner[-1].text.rstrip(" "))
    for edge in before:
        _append(out, edge)
    if inner:
        out.append(with_inline_children(node, tuple(inner)))
    for edge in after:
        _append(out, edge)


def _append(out: list[Inline], node: Inline) -> None:
    """Append an edge moved out of a wrapper, merging spaces and dropping doubled ones."""
    if isinstance(node, Text):
        if out and isinstance(out[-1], Text):
            if not out[-1].text.endswith(" "):
                out[-1] = Text(out[-1].text + " ")
            return
        if out and isinstance(out[-1], LineBreak):
            return
    if isinstance(node, LineBreak):
        _append_break(out)
        return
    out.append(node)
