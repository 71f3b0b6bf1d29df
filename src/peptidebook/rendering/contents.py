"""Step 4 - Rendering: the printed table of contents, from the Edition's contents model.

Chapters and their sections, each a link to its start; print.css adds the page it starts on
(CSS GCPM 3 ``target-counter``). DPUB-ARIA 1.1 ``doc-toc``. The EPUB's navigation document is
rendered from the same :class:`~peptidebook.model.Contents` (``writers/epub.py``).
"""

from __future__ import annotations

from lxml import etree

from ..i18n import BookText, direction_of, isolate
from ..model import Contents, ContentsEntry
from ..walk import plain_text
from .xhtml import E, set_lang

__all__ = ["PRINTED_CONTENTS_ID", "printed_contents"]

#: The printed contents' heading id (reserved: ``names.WRITER_IDS``).
PRINTED_CONTENTS_ID = "print-toc"


def printed_contents(contents: Contents, text: BookText) -> etree._Element:
    """The printed contents: every entry ``printed``, a chapter's linked to its title."""
    nav = E("nav", {"role": "doc-toc", "class": "print-toc",
                    "aria-labelledby": PRINTED_CONTENTS_ID})
    h1 = E("h1", {"id": PRINTED_CONTENTS_ID})
    h1.text = plain_text(contents.title)
    nav.append(h1)
    ol = E("ol")
    for entry in contents.entries:
        if not entry.printed:
            continue
        li = E("li")
        li.append(_link(f"{entry.chapter}-title", entry, text))  # the renderer's <h1> id
        sub = E("ol")
        for section in entry.entries:
            if section.printed and section.target:
                item = E("li")
                item.append(_link(section.target, section, text))
                sub.append(item)
        if len(sub):
            li.append(sub)
        ol.append(li)
    nav.append(ol)
    return nav


def _link(target: str, entry: ContentsEntry, text: BookText) -> etree._Element:
    """A contents entry; one quoting a title in another language than the book's says so."""
    a = E("a", {"href": f"#{target}"})
    label = plain_text(entry.label)
    a.text = label
    if entry.lang:
        set_lang(a, entry.lang)  # the Link element gets /Lang (writers/pdf/pdflang.py)
        if direction_of(entry.lang) != text.direction:
            # Isolated as text: a dir on the link would take the leader and the page number
            # into the title's direction.
            a.text = isolate(label, direction_of(entry.lang))
    return a
