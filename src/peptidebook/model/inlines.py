"""The inline nodes of the document tree: runs of text and the marks around them.

An inline that holds other inlines declares them as a field typed :data:`Inlines` (``children``);
every other inline is a leaf and says what it reads as (:meth:`text_equivalent`): that is all a
traversal (:mod:`peptidebook.walk`) needs to know, so a new inline type is one dataclass here,
one member of :data:`Inline`, and one case of the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, TypeAlias

#: A field holding the id of another node of the book (a reference to an anchor): traversals
#: that rename ids (:func:`peptidebook.walk.rename_ids`) follow it. An anchor itself is a field
#: named ``id``.
IdRef: TypeAlias = Annotated[str, "id-ref"]
#: A link target: an address, or ``#`` and the id of a node of the book.
Href: TypeAlias = Annotated[str, "href"]


@dataclass(frozen=True)
class Text:
    """A run of plain text (entities already decoded, whitespace not yet normalised)."""

    text: str

    def text_equivalent(self) -> str:
        return self.text


@dataclass(frozen=True)
class Emph:
    children: Inlines


@dataclass(frozen=True)
class Strong:
    children: Inlines


@dataclass(frozen=True)
class Code:
    text: str

    def text_equivalent(self) -> str:
        return self.text


@dataclass(frozen=True)
class Sub:
    children: Inlines


@dataclass(frozen=True)
class Sup:
    children: Inlines


@dataclass(frozen=True)
class LineBreak:
    """A forced line break (``<br>``) inside a block."""

    def text_equivalent(self) -> str:
        return " "


@dataclass(frozen=True)
class Link:
    """A hyperlink. ``href`` is absolute (``https://…``) or an in-book fragment (``#id``)."""

    children: Inlines
    href: Href
    title: str | None = None


@dataclass(frozen=True)
class Span:
    """A run in another language than its surroundings (``lang`` is a BCP 47 tag)."""

    children: Inlines
    lang: str


@dataclass(frozen=True)
class GlossaryRef:
    """A use of a glossary term in the text; ``term_id`` is a :class:`GlossaryEntry` id.

    ``tooltip`` is the text of the definition the source attached to this use (a glossary
    plugin's markup, read by the HTML reader) until the glossary pass moves it into the
    article's glossary and empties it; ``term_id`` is then the id of that entry. It is data,
    not children: no traversal reads it as text of the sentence."""

    children: Inlines
    term_id: IdRef
    tooltip: str = ""


@dataclass(frozen=True)
class Citation:
    """An author–year citation in the text ("Veldhuis, J. D. et al. (2005)", "the work of
    Veldhuis et al.") of entries of the article's works cited (``Reference`` ids).

    ``id`` is the citation's own anchor, so that each entry can link back to every place it
    is cited (DPUB-ARIA 1.1 ``doc-biblioref`` one way, ``doc-backlink`` the other).
    """

    children: Inlines
    ref_ids: tuple[IdRef, ...]
    id: str | None = None


@dataclass(frozen=True)
class StudyMention:
    """A sentence of the text that reports a study, trial, review or research finding: the
    passage the :class:`Study` of ``Article.studies`` with the same ``id`` describes."""

    children: Inlines
    id: str


@dataclass(frozen=True)
class DoseAmount:
    """The amount of a dose statement as printed ("200–500 mcg"), marked so that a print
    edition can flag it: handouts shade it, and their caveat says what the shading means."""

    children: Inlines


@dataclass(frozen=True)
class NoteRef:
    """A note marker (DPUB-ARIA 1.1 ``doc-noteref``, EPUB SSV ``noteref``): ``children`` is
    the marker ("1"), ``target`` the id of the note, ``id`` the marker's own anchor for the
    note's backlink."""

    children: Inlines
    target: IdRef
    id: str | None = None


@dataclass(frozen=True)
class BackLink:
    """A link from a note or an entry back to the passage it is about (DPUB-ARIA 1.1
    ``doc-backlink``). ``children`` is accessible link text, never a bare "↩"."""

    children: Inlines
    target: IdRef


@dataclass(frozen=True)
class Image:
    """An image. ``src`` is the original URL until assembly replaces it by an asset name.

    ``alt``: ``None`` = unknown (a diagnostic is reported), ``""`` = decorative.
    """

    src: str
    alt: str | None
    title: str | None = None
    width: int | None = None
    height: int | None = None

    def text_equivalent(self) -> str:
        """What a reader hears or a search finds: the alt text (none when decorative)."""
        return self.alt or ""


@dataclass(frozen=True)
class RawInline:
    """Inline markup no reader could map. Rendered visibly (escaped), counted in the report."""

    markup: str
    reason: str

    def text_equivalent(self) -> str:
        """The markup, as the renderer shows it (escaped)."""
        return self.markup


Inline: TypeAlias = (
    Text
    | Emph
    | Strong
    | Code
    | Sub
    | Sup
    | LineBreak
    | Link
    | Span
    | GlossaryRef
    | Citation
    | StudyMention
    | DoseAmount
    | NoteRef
    | BackLink
    | Image
    | RawInline
)
Inlines: TypeAlias = tuple[Inline, ...]
