"""Book assembly: what the book says of its own accessibility, derived from what it contains.

EPUB Accessibility 1.1 §2 asks for schema.org ``accessMode``, ``accessModeSufficient``,
``accessibilityFeature`` and an ``accessibilitySummary``. Each claim here follows from a count of
the finished chapters (images with and without text alternatives, tables with and without
header cells, passages marked with their language, headings), never from a hope:
``alternativeText`` is claimed only when every informative image has one. The summary is the
book's own text, in its language. The EPUB writer only serialises the result.

What the summary says of checking is what happened: the design the book was made to (EPUB
Accessibility 1.1, WCAG 2.2 AA) and the checkers the product's own tests run on the books it
makes; that *this* file was checked only when ``build --check`` ran EPUBCheck and DAISY Ace on
it and both passed (:func:`checked_statement`, added by :mod:`peptidebook.checking`). No
``a11y:certifiedBy`` is written: it names "a party responsible for the testing and
certification" (EPUB Accessibility Vocabulary, certifiedBy), and no party certified the book.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..i18n import BookText
from ..languages import same_language
from ..model import (
    Accessibility,
    Chapter,
    Heading,
    Image,
    QASection,
    RawBlock,
    RawInline,
    Span,
    Table,
)
from ..walk import iter_blocks, iter_inlines

__all__ = ["AccessibilityFacts", "accessibility", "checked_statement"]


@dataclass(frozen=True)
class AccessibilityFacts:
    """What the book really contains, from which the metadata claims are derived."""

    images: int
    decorative_images: int
    images_without_alt: int
    tables: int
    headings: int
    has_glossary: bool
    tables_without_headers: int = 0
    #: Chapters and passages in another language than the book's, marked with theirs.
    foreign_passages: int = 0
    #: Markup the cleaner could not map, kept visibly as text (``raw-kept``).
    raw_kept: int = 0

    @classmethod
    def of(cls, chapters: Sequence[Chapter], language: str | None = None) -> AccessibilityFacts:
        """The facts of ``chapters``; passages are counted as foreign against ``language``."""
        images: list[Image] = []
        tables = headings = bare_tables = foreign = raw = 0
        for chapter in chapters:
            if chapter.lang and language and not same_language(chapter.lang, language):
                foreign += 1
            for block in iter_blocks(chapter.blocks):
                if isinstance(block, Table):
                    tables += 1
                    bare_tables += not any(c.header for row in (*block.head, *block.body)
                                           for c in row.cells)
                elif isinstance(block, (Heading, QASection)):
                    headings += 1
                elif isinstance(block, RawBlock):
                    raw += 1
            for node in iter_inlines(chapter.blocks):
                if isinstance(node, Image):
                    images.append(node)
                elif isinstance(node, RawInline):
                    raw += 1
                elif isinstance(node, Span) and language and not same_language(
                        node.lang, chapter.lang or language) and not same_language(
                        node.lang, language):
                    # A run in another language than its chapter's and the book's: the book's
                    # own words inside a chapter in another language are not "other".
                    foreign += 1
        return cls(
            images=len(images),
            decorative_images=sum(1 for i in images if i.alt == ""),
            images_without_alt=sum(1 for i in images if i.alt is None),
            tables=tables,
            headings=headings,
            has_glossary=any(c.kind == "glossary" for c in chapters),
            tables_without_headers=bare_tables,
            foreign_passages=foreign,
            raw_kept=raw,
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
        """What the book was made to and what it contains; what was checked is said apart
        (:attr:`~peptidebook.model.Accessibility.checking`)."""
        parts = [text.gettext(
            "This publication was made to meet EPUB Accessibility 1.1 and WCAG 2.2 Level AA. "
            "It has a table of contents, landmarks and headings for every section, its reading "
            "order follows the text, and its text can be resized and read aloud.")]
        with_headers = self.tables - self.tables_without_headers
        if with_headers:
            parts.append(text.ngettext(
                "{count} data table has header cells.",
                "{count} data tables have header cells.",
                with_headers).format(count=text.number(with_headers)))
        if self.tables_without_headers:
            parts.append(text.ngettext(
                "{count} table has no header cells: its source gave none.",
                "{count} tables have no header cells: their sources gave none.",
                self.tables_without_headers).format(
                    count=text.number(self.tables_without_headers)))
        if self.informative_images and not self.images_without_alt:
            parts.append(text.gettext("Every image has a text alternative."))
        elif self.images_without_alt:
            parts.append(text.ngettext(
                "{count} image has no text alternative.",
                "{count} images have no text alternative.",
                self.images_without_alt).format(count=text.number(self.images_without_alt)))
        else:
            parts.append(text.gettext("It contains no images."))
        if self.foreign_passages:
            parts.append(text.ngettext(
                "{count} passage in another language is marked with its language, so that it "
                "is read aloud in that language.",
                "{count} passages in other languages are marked with their language, so that "
                "they are read aloud in that language.",
                self.foreign_passages).format(count=text.number(self.foreign_passages)))
        if self.raw_kept:
            parts.append(text.ngettext(
                "{count} piece of markup that could not be converted is shown as text.",
                "{count} pieces of markup that could not be converted are shown as text.",
                self.raw_kept).format(count=text.number(self.raw_kept)))
        parts.append(text.gettext("It contains no flashing content, sound or motion."))
        return " ".join(parts)


def checked_statement(text: BookText, epubcheck: str, ace: str) -> str:
    """What the summary says, in place of "this file itself was not checked", when
    ``build --check`` ran EPUBCheck (version ``epubcheck``) and DAISY Ace (``ace``) on the
    very file that carries it and both passed."""
    return text.gettext(
        "The software that made it is tested by running EPUBCheck and DAISY Ace on the books "
        "it makes, and this file was checked with them when it was made: EPUBCheck "
        "{epubcheck} reported no errors or warnings, and DAISY Ace {ace} no critical or "
        "serious accessibility violations.").format(epubcheck=epubcheck, ace=ace)


def accessibility(chapters: Sequence[Chapter], text: BookText) -> Accessibility:
    """The accessibility claims of a book of ``chapters`` (finished: images fetched)."""
    facts = AccessibilityFacts.of(chapters, text.language)
    return Accessibility(
        access_modes=tuple(facts.access_modes()),
        sufficient_modes=tuple(facts.sufficient_modes()),
        features=tuple(facts.features()),
        summary=facts.summary(text),
        page_numbers=text.gettext(
            "Its page numbers are those of the print edition, so readers of both can cite the "
            "same pages."),
        checking=text.gettext(
            "The software that made it is tested by running EPUBCheck and DAISY Ace on the "
            "books it makes; this file itself was not checked with them when it was made."),
    )
