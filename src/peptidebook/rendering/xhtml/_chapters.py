"""Step 4 - Rendering: a chapter as a ``<section>`` with its EPUB 3 Structural Semantics type
and DPUB-ARIA role, labelled by its title, and its headings as nested ``<section>`` elements
labelled by their heading (WCAG 2.2 SC 1.3.1)."""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from ...i18n import PDI, isolate
from ...model import Blocks, Chapter, Endnotes, Heading, Inlines, QASection, Table
from ...walk import plain_text
from ._elements import EPUB, E, append_text
from ._printing import PrintMode

#: Chapter kind → (epub:type, DPUB-ARIA role). EPUB 3 SSV 1.1; DPUB-ARIA 1.1.
CHAPTER_SEMANTICS: dict[str, tuple[str, str | None]] = {
    "titlepage": ("titlepage", None),
    "copyright": ("copyright-page", None),
    "preface": ("preface", "doc-preface"),
    "article": ("chapter", "doc-chapter"),
    "glossary": ("glossary", "doc-glossary"),
    "appendix": ("appendix", "doc-appendix"),
    "bibliography": ("bibliography", "doc-bibliography"),
}


def repeats_heading(caption: Inlines, heading: Inlines) -> bool:
    """Whether a table's caption says nothing the heading of its section (the heading above
    it, with only the section's text between) does not: its words
    (case, spacing and punctuation aside) are the heading's, or a run of them ("Comparison
    Table" under "Sermorelin for Skin Health: Comparison Table"). Such a caption is left out,
    in both editions: the table stands in the section its heading names (WCAG 2.2 SC 1.3.1),
    and a caption that adds something (a number, a unit, a source) is kept."""
    words = _words(plain_text(caption))
    said = _words(plain_text(heading))
    if not words:
        return False
    return any(said[i:i + len(words)] == words for i in range(len(said) - len(words) + 1))


def _words(text: str) -> list[str]:
    return [w for w in (w.strip(PUNCTUATION) for w in text.casefold().split()) if w]


#: What :func:`repeats_heading` strips from either end of a word.
PUNCTUATION = ".,:;!?¿¡()[]{}«»“”‘’\"'—–-…·*"


class ChapterVisitors(PrintMode):
    """A chapter, its header, and the sections its headings open."""

    def chapter(self, chapter: Chapter) -> etree._Element:
        epub_type, role = CHAPTER_SEMANTICS[chapter.kind]
        section = E("section", {"id": chapter.id, f"{{{EPUB}}}type": epub_type})
        if role:
            section.set("role", role)
        outer, self.lang = self.lang, chapter.lang or self.text.language
        try:
            self._chapter(section, chapter)
        finally:
            self.lang = outer
        return section

    def _chapter(self, section: etree._Element, chapter: Chapter) -> None:
        if chapter.lang:
            self.mark(section, chapter.lang)
        section.set("class", f"chapter {chapter.kind}")
        header = E("header")
        title_id = f"{chapter.id}-title"
        h1 = E("h1", {"id": title_id})
        isolated = self._title_direction(chapter)
        if isolated:
            append_text(h1, isolate("", isolated)[0])
        self.inlines(h1, chapter.title)
        if isolated:
            append_text(h1, PDI)
        header.append(h1)
        section.set("aria-labelledby", title_id)
        for line in chapter.byline:
            p = E("p", {"class": "byline"})
            if chapter.lang:  # the byline is the book's text
                self.mark(p, self.text.language)
            self.inlines(p, line)
            header.append(p)
        section.append(header)
        self.sectioned(section, chapter.blocks, base_level=1)

    def sectioned(self, parent: etree._Element, blocks: Blocks, base_level: int) -> None:
        """Append ``blocks``, opening a ``<section>`` at each heading (closed by the next
        heading of the same or a higher level; a FAQ or notes block, a section of its own with
        its heading, closes them too)."""
        # Each open section with its heading (the chapter itself has none here).
        stack: list[tuple[int, etree._Element, Heading | None]] = [(base_level, parent, None)]
        # A section named by its heading is a region landmark, and landmarks of one page need
        # distinct names (WCAG 2.2 SC 1.3.1; axe "landmark-unique"): a heading whose text an
        # earlier one in the chapter has ("Before", "After" over each code sample) leaves its
        # section unnamed, a plain section found by its heading.
        names: set[str] = set()
        for block in blocks:
            if isinstance(block, (Heading, QASection, Endnotes)):
                while stack[-1][0] >= block.level and len(stack) > 1:
                    stack.pop()
            container, heading = stack[-1][1], stack[-1][2]
            if isinstance(block, Table) and heading is not None and \
                    repeats_heading(block.caption, heading.children):
                self.block(container, replace(block, caption=()))
            elif isinstance(block, Heading):
                section = E("section")
                name = " ".join(plain_text(block.children).split()).casefold()
                if block.id and name not in names:
                    section.set("aria-labelledby", block.id)
                    names.add(name)
                container.append(section)
                self.block(section, block)
                stack.append((block.level, section, block))
            else:
                self.block(container, block)

