"""An article's own notes (WordPress footnotes) in the book: titled in the book's language, their
ids made book-wide, each linked back to its marker with words."""

from __future__ import annotations

from peptidebook.model import (
    BackLink,
    Endnote,
    Endnotes,
    Heading,
    NoteRef,
    Paragraph,
    Text,
)
from peptidebook.walk import iter_blocks, iter_inlines

from .test_assembly import article, edition_of

BLOCKS = (
    Paragraph((Text("Peptides"), NoteRef((Text("1"),), "fn-1", "fn-1-ref"), Text("."))),
    Endnotes((), (Endnote("fn-1", (Paragraph((Text("See Smith."),)),)),), level=2),
)


def test_notes_get_the_books_heading_and_book_wide_ids() -> None:
    chapters = [c for c in edition_of(article("a", blocks=BLOCKS), article("b", blocks=BLOCKS))
                if c.kind == "article"]
    for chapter, prefix in zip(chapters, ("ch01", "ch02"), strict=True):
        notes = next(b for b in iter_blocks(chapter.blocks) if isinstance(b, Endnotes))
        assert notes.title == (Text("Notes"),)
        assert notes.id == f"{prefix}-footnotes"
        assert [n.id for n in notes.notes] == [f"{prefix}-fn-1"]
        marker = next(n for n in iter_inlines(chapter.blocks) if isinstance(n, NoteRef))
        assert (marker.target, marker.id) == (f"{prefix}-fn-1", f"{prefix}-fn-1-ref")


def test_each_note_links_back_to_its_marker_with_words() -> None:
    chapter = next(c for c in edition_of(article("a", blocks=BLOCKS)) if c.kind == "article")
    notes = next(b for b in iter_blocks(chapter.blocks) if isinstance(b, Endnotes))
    assert notes.notes[0].blocks == (Paragraph((
        Text("See Smith."), Text(" "),
        BackLink((Text("Back to note 1 in the text"),), "ch01-fn-1-ref"),
    )),)


def test_a_titled_notes_block_is_left_as_it_is() -> None:
    titled = Endnotes((Text("Sources"),), (Endnote("x-1", (Paragraph((Text("y"),)),)),), 3,
                      "x-notes")
    chapter = next(c for c in edition_of(article("a", blocks=(Heading(2, (Text("H"),)), titled)))
                   if c.kind == "article")
    assert titled in chapter.blocks
