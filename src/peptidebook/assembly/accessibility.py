"""Book assembly: what the book says of its own accessibility, derived from what it contains.

EPUB Accessibility 1.1 §2 asks for schema.org ``accessMode``, ``accessModeSufficient``,
``accessibilityFeature`` and an ``accessibilitySummary``. Each claim here follows from a count of
the finished chapters (images with and without text alternatives, tables, headings), never from
a hope: ``alternativeText`` is claimed only when every informative image has one. The summary is
the book's own text, in its language. The EPUB writer only serialises the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..i18n import BookText
from ..model import Accessibility, Chapter, Heading, Image, QASection, Table
from ..walk import iter_blocks, iter_inlines

__all__ = ["AccessibilityFacts", "accessibility"]


@dataclass(frozen=True)
class AccessibilityFacts:
    """What the book really contains, from which the metadata claims are derived."""

    images: int
    decorative_images: int
    images_without_alt: int
    tables: int
    headings: int
    has_glossary: bool

    @classmethod
    def of(cls, chapters: Sequence[Chapter]) -> AccessibilityFacts:
        images: list[Image] = []
        tables = headings = 0
        for chapter in chapters:
            for block in iter_blocks(chapter.blocks):
                if isinstance(block, Table):
                    tables += 1
                elif isinstance(block, (Heading, QASection)):
                    headings += 1
            images += [n for n in iter_inlines(chapter.blocks) if isinstance(n, Image)]
        return cls(
            images=len(images),
            decorative_images=sum(1 for i in images if i.alt == ""),
            images_without_alt=sum(1 for i in images if i.alt is None),
            tables=tables,
            headings=headings,
            has_glossary=any(c.kind == "glossary" for c in chapters),
        )

    @property
    def informative_images(self) -> int:
        return self.images - self.decorative_images

    def access_modes(self) -> list[str]:
        return ["textual", "visual"] if self.informative_images else ["textual"]

    def sufficient_modes(self) -> list[str]:
        # Textual alone suffices only when every informative image has a text alternative.
        if self.informative_images and self.images_without_alt:
            return ["textual,visual"]
        if self.informative_images:
            return ["textual", "textual,visual"]
        return ["textual"]

    def features(self) -> list[str]:
        found = ["tableOfContents", "readingOrder", "displayTransformability"]
        if self.headings:
            found.append("structuralNavigation")
        if self.informative_images and not self.images_without_alt:
            found.append("alternativeText")
        return sorted(found)

    def summary(self, text: BookText) -> str:
        parts = [text.gettext(
            "This publication meets the requirements of EPUB Accessibility 1.1 and WCAG 2.2 "
            "Level AA, as checked with EPUBCheck and DAISY Ace. It has a table of contents, "
            "landmarks and headings for every section, and its text can be resized and read "
            "aloud.")]
        if self.tables:
            parts.append(text.ngettext(
                "Its {count} data table has header cells.",
                "Its {count} data tables have header cells.",
                self.tables).format(count=text.number(self.tables)))
        if self.informative_images and not self.images_without_alt:
            parts.append(text.gettext("Every image has a text alternative."))
        elif self.images_without_alt:
            parts.append(text.ngettext(
                "{count} image has no text alternative.",
                "{count} images have no text alternative.",
                self.images_without_alt).format(count=text.number(self.images_without_alt)))
        else:
            parts.append(text.gettext("It contains no images."))
        parts.append(text.gettext("It contains no flashing content, sound or motion."))
        return " ".join(parts)


def accessibility(chapters: Sequence[Chapter], text: BookText) -> Accessibility:
    """The accessibility claims of a book of ``chapters`` (finished: images fetched)."""
    facts = AccessibilityFacts.of(chapters)
    return Accessibility(
        access_modes=tuple(facts.access_modes()),
        sufficient_modes=tuple(facts.sufficient_modes()),
        features=tuple(facts.features()),
        summary=facts.summary(text),
        page_numbers=text.gettext(
            "Its page numbers are those of the print edition, so readers of both can cite the "
            "same pages."),
        certified_by=text.gettext("peptidebook automated checks (self-declared)"),
    )
