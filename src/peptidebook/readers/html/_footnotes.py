"""Step 1 - Reading: find the footnotes of WordPress's footnotes block (core/footnotes, WordPress
6.3) in a parsed fragment, so that the walk (:mod:`._mapper`) can make them notes.

The block editor writes each marker as ``<sup data-fn="UUID" class="fn"><a href="#UUID"
id="UUID-link">1</a></sup>`` and the notes, server-side (``render_block_core_footnotes``), as
``<ol class="wp-block-footnotes"><li id="UUID">text <a href="#UUID-link">↩︎</a></li></ol>``. A
footnote becomes a note only on evidence from both ends: a marker whose link points at its own
``data-fn``, and a list item of a footnotes list with that id. A list none of whose items is
marked stays an ordered list; a marker without its note stays a superscript link.

The ids are the reader's own (``fn-1`` for the first note of the list, ``fn-1-ref`` for its
marker), not the editor's UUIDs: those may start with a digit, which an XML id may not, and the
same post read twice (an original and its translation) would repeat them. Assembly makes them
book-wide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from bs4.element import Tag

from ._nodes import attr, classes

__all__ = ["FOOTNOTES_LIST", "Footnotes", "find_footnotes"]

#: The class of the footnotes block's list.
FOOTNOTES_LIST = "wp-block-footnotes"


@dataclass
class Footnotes:
    """The footnotes of one fragment: each note's number by its UUID, and the UUIDs that
    both a marker and a note carry."""

    numbers: dict[str, int] = field(default_factory=dict)
    marked: set[str] = field(default_factory=set)
    #: Markers already given their anchor: a second marker of one note has none of its own.
    anchored: set[str] = field(default_factory=set)

    def is_note(self, uuid: str | None) -> bool:
        return uuid is not None and uuid in self.marked

    def note_id(self, uuid: str) -> str:
        return f"fn-{self.numbers[uuid]}"

    def marker_id(self, uuid: str) -> str | None:
        """The anchor of the first marker of a note (the note's back-link goes there)."""
        if uuid in self.anchored:
            return None
        self.anchored.add(uuid)
        return f"fn-{self.numbers[uuid]}-ref"

    def list_is_notes(self, tag: Tag) -> bool:
        """Whether an ``<ol class="wp-block-footnotes">`` holds a marked note."""
        return any(self.is_note(attr(li, "id")) for li in _items(tag))


def find_footnotes(soup: BeautifulSoup) -> Footnotes:
    found = Footnotes()
    for ol in soup.find_all("ol"):
        if FOOTNOTES_LIST in classes(ol):
            for li in _items(ol):
                uuid = attr(li, "id")
                if uuid and uuid not in found.numbers:
                    found.numbers[uuid] = len(found.numbers) + 1
    for sup in soup.find_all("sup"):
        uuid = attr(sup, "data-fn")
        link = sup.find("a")
        if uuid in found.numbers and isinstance(link, Tag) and attr(link, "href") == f"#{uuid}":
            found.marked.add(uuid)
    return found


def _items(ol: Tag) -> list[Tag]:
    return [li for li in ol.find_all("li", recursive=False) if isinstance(li, Tag)]
