"""Book assembly: an article's own notes (WordPress footnotes, read into an :class:`Endnotes`
block with no title by the HTML reader) made the book's: ids made book-wide, the book's heading
("Notes", in the book's language), and from each note a link back to its marker, with words
(DPUB-ARIA 1.1 ``doc-backlink``; WCAG 2.2 SC 2.4.4: never a bare "↩").
"""

from __future__ import annotations

from dataclasses import replace

from ..i18n import BookText
from ..model import BackLink, Block, Blocks, Endnote, Endnotes, NoteRef, Paragraph, Text
from ..walk import iter_blocks, iter_inlines, map_blocks, plain_text, rename_ids

__all__ = ["own_notes"]


def own_notes(blocks: Blocks, prefix: str, _: BookText) -> Blocks:
    """``blocks`` (one article's, its chapter id starting with ``prefix``) with its own notes
    titled, linked back to their markers, and their ids and the markers' made book-wide
    (``ch03-fn-1``): the reader numbers them per article."""
    own = [b for b in iter_blocks(blocks) if isinstance(b, Endnotes) and not b.title]
    notes = {note.id for block in own for note in block.notes}
    if not own:
        return blocks
    markers = {node.id for node in iter_inlines(blocks)
               if isinstance(node, NoteRef) and node.target in notes and node.id}
    local = notes | markers
    blocks = rename_ids(blocks, lambda i: f"{prefix}-{i}" if i in local else i)
    # The markers of each note, in text order: the note links back to each.
    back: dict[str, list[NoteRef]] = {}
    for node in iter_inlines(blocks):
        if isinstance(node, NoteRef) and node.id:
            back.setdefault(node.target, []).append(node)
    count = 0

    def titled(block: Block) -> Block:
        nonlocal count
        if not isinstance(block, Endnotes) or block.title:
            return block
        count += 1
        # Not ``<prefix>-notes``: that names the article's untraceable-study notes in the
        # References chapter (:func:`.evidence.evidence_section`).
        ident = f"{prefix}-footnotes" + (f"-{count}" if count > 1 else "")
        return replace(block, title=(Text(_.gettext("Notes")),), id=ident,
                       notes=tuple(_linked(n, back.get(n.id, []), _) for n in block.notes))

    return map_blocks(blocks, titled)


def _linked(note: Endnote, markers: list[NoteRef], _: BookText) -> Endnote:
    """``note`` with a link back to each of its markers after its text."""
    links: list[BackLink] = []
    for marker in markers:
        assert marker.id is not None
        label = _.gettext("Back to note {number} in the text")
        links.append(BackLink((Text(label.format(number=plain_text(marker.children))),),
                              marker.id))
    if not links:
        return note
    tail = tuple(part for link in links for part in (Text(" "), link))
    blocks = note.blocks
    if blocks and isinstance(blocks[-1], Paragraph):
        blocks = (*blocks[:-1], Paragraph((*blocks[-1].children, *tail)))
    else:
        blocks = (*blocks, Paragraph(tail[1:]))
    return replace(note, blocks=blocks)
