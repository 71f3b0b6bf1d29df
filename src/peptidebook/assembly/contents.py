"""Book assembly: the table of contents, from the chapters as they were named.

One entry per chapter and, under it, one per section that opens at level 2 (a heading, or a
block of questions and answers under the book's own "Frequently asked questions"). The EPUB's
navigation document and the printed contents are both rendered from it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import BookText
from ..model import (
    Chapter,
    Contents,
    ContentsEntry,
    Heading,
    Inlines,
    Landmark,
    LandmarkKind,
    QASection,
    Text,
)
from ..walk import plain_text, run_language

__all__ = ["landmarks", "table_of_contents"]


def table_of_contents(chapters: Sequence[Chapter], text: BookText) -> Contents:
    """The contents of ``chapters`` (with their ids: after :func:`.assign_ids`), and the
    book's landmarks."""
    return Contents(title=(Text(text.gettext("Contents")),),
                    entries=tuple(_chapter_entry(chapter, text) for chapter in chapters),
                    landmarks=landmarks(chapters, text),
                    landmarks_title=text.gettext("Landmarks"),
                    pages_title=text.gettext("Pages"))


#: Chapter kinds that are landmarks of their own (EPUB SSV 1.1), labelled by their title.
_LANDMARK_KINDS: dict[str, LandmarkKind] = {
    "preface": "preface", "glossary": "glossary", "bibliography": "bibliography"}


def landmarks(chapters: Sequence[Chapter], text: BookText) -> tuple[Landmark, ...]:
    """The contents, where the body begins (the first article), the preface, the glossary and
    the references (EPUB 3.3 §7.4.3)."""
    found = [Landmark("toc", text.gettext("Contents"))]
    first_article = next((c for c in chapters if c.kind == "article"), None)
    if first_article:
        found.append(Landmark("bodymatter", text.gettext("Start of content"), first_article.id))
    found += [Landmark(_LANDMARK_KINDS[c.kind], plain_text(c.title), c.id)
              for c in chapters if c.kind in _LANDMARK_KINDS]
    return tuple(found)


def _chapter_entry(chapter: Chapter, text: BookText) -> ContentsEntry:
    sections: list[ContentsEntry] = []
    for block in chapter.blocks:
        if not isinstance(block, Heading | QASection) or block.level != 2 or not block.id:
            continue  # a section without an id cannot be linked to (assign_ids gives one)
        if isinstance(block, Heading) and not block.listed:
            continue
        if isinstance(block, Heading):
            label, lang = block.children, run_language(block.children, chapter.lang)
        else:  # the book's own heading, in the book's language
            label, lang = (Text(text.gettext("Frequently asked questions")),), None
        sections.append(ContentsEntry(_label(label), chapter.id, block.id,
                                      _foreign(lang, text)))
    lang = run_language(chapter.title, chapter.lang)
    return ContentsEntry(_label(chapter.title), chapter.id, None, _foreign(lang, text),
                         tuple(sections), printed=chapter.kind != "titlepage")


def _label(inlines: Inlines) -> Inlines:
    """An entry's words as plain text: a contents entry is one link, which cannot hold
    another (a heading's own link, a note reference) nor markup of its own."""
    return (Text(plain_text(inlines)),)


def _foreign(lang: str | None, text: BookText) -> str | None:
    """``lang`` when it is not the book's language: what an entry marks."""
    return None if lang is None or text.is_book_language(lang) else lang
