"""Step 2 - Cleaning: gather an article's own reference list into ``Article.references``.

A section whose heading is "References", "Sources", "Bibliography", "Works cited" or
"Citations" (:data:`~peptidebook.sections.REFERENCE_HEADINGS`, case and punctuation ignored)
and whose content is only lists and/or paragraphs is taken out of the blocks: every list item
or paragraph becomes one
:class:`~peptidebook.model.Reference` (``id="ref-<n>"``), and the heading goes too, since the
book prints references in a chapter of its own. The section ends at the next heading of the
same or a higher level; what follows it (a "Reflection" section, say) stays in place. A section
holding anything else (a table, a figure, a sub-heading) is left alone: it is not a plain list.

Headings sit in the top-level blocks (the model keeps sections flat), so only those are looked
at. When several sections qualify, the last one is taken.
"""

from __future__ import annotations

from dataclasses import replace

from ..diagnostics import Report
from ..model import (
    Article,
    Block,
    BulletList,
    Heading,
    Inline,
    Inlines,
    ListItem,
    OrderedList,
    Paragraph,
    Reference,
    ReferenceList,
    Text,
)
from ..sections import names_references, section_end
from ..walk import plain_text

__all__ = ["gather_references"]


def gather_references(article: Article, report: Report) -> Article:
    """Move the article's "References" section (heading and list) to ``article.references``."""
    blocks = article.blocks
    for start in reversed(range(len(blocks))):
        heading = blocks[start]
        if not (isinstance(heading, Heading) and names_references(plain_text(heading.children))):
            continue
        end = section_end(blocks, start, heading.level)
        section = blocks[start + 1 : end]
        entries = _entries(section)
        if not entries:
            continue
        old = article.references.entries if article.references else ()
        children = [entry.children for entry in old] + entries
        references = ReferenceList(
            tuple(Reference(inlines, id=f"ref-{n}") for n, inlines in enumerate(children, 1))
        )
        return replace(article, blocks=blocks[:start] + blocks[end:], references=references)
    return article


def _entries(section: tuple[Block, ...]) -> list[Inlines]:
    """One inline run per reference; nothing when ``section`` is not only lists/paragraphs."""
    entries: list[Inlines] = []
    for block in section:
        if isinstance(block, BulletList | OrderedList):
            for item in block.items:
                inlines = _item_inlines(item)
                if inlines is None:
                    return []
                entries.append(inlines)
        elif isinstance(block, Paragraph):
            entries.append(block.children)
        else:
            return []
    return [entry for entry in entries if plain_text(entry).strip()]


def _item_inlines(item: ListItem) -> Inlines | None:
    """A list item's paragraphs (and nested items) joined by spaces; ``None`` if it holds more."""
    parts: list[Inlines] = []
    for block in item.blocks:
        if isinstance(block, Paragraph):
            parts.append(block.children)
        elif isinstance(block, BulletList | OrderedList):
            for inner in block.items:
                inlines = _item_inlines(inner)
                if inlines is None:
                    return None
                parts.append(inlines)
        else:
            return None
    joined: list[Inline] = []
    for part in parts:
        if joined:
            joined.append(Text(" "))
        joined.extend(part)
    return tuple(joined)
