"""The table of contents in the model: what the EPUB's nav and the printed contents list."""

from __future__ import annotations

from peptidebook.assembly.contents import table_of_contents
from peptidebook.diagnostics import Report
from peptidebook.i18n import BookText
from peptidebook.model import (
    Chapter,
    ContentsEntry,
    Emph,
    Heading,
    Paragraph,
    QASection,
    Question,
    Span,
    Text,
)

EN = BookText("en", Report())


def test_one_entry_per_chapter_with_its_level_2_sections() -> None:
    chapters = [
        Chapter("titlepage", "titlepage", (Text("Book"),), ()),
        Chapter("article", "ch01-a", (Text("A "), Emph((Text("title"),))), (
            Heading(2, (Text("One"),), "ch01-one"), Heading(3, (Text("Deep"),), "ch01-deep"),
            Paragraph((Text("x"),)),
            QASection((Question((Text("Q?"),), (), "ch01-q"),), 2, "ch01-q-faq"))),
    ]
    contents = table_of_contents(chapters, EN)
    assert contents.title == (Text("Contents"),)
    title, article = contents.entries
    assert title == ContentsEntry((Text("Book"),), "titlepage", printed=False)
    assert article.label == (Text("A title"),) and article.target is None and article.printed
    assert [(e.label, e.chapter, e.target) for e in article.entries] == [
        ((Text("One"),), "ch01-a", "ch01-one"),
        ((Text("Frequently asked questions"),), "ch01-a", "ch01-q-faq")]


def test_entries_quoting_another_language_say_which() -> None:
    chapters = [
        Chapter("article", "ch01-a", (Text("Titel"),),
                (Heading(2, (Text("Teil"),), "ch01-teil"),
                 QASection((Question((Text("F?"),), (), "ch01-f"),), 2, "ch01-f-faq")),
                lang="de"),
        Chapter("article", "ch02-b", (Span((Text("Titre"),), "fr"),), ()),
        Chapter("article", "ch03-c", (Span((Text("Title"),), "en"),), (), lang="de"),
    ]
    german, french, english = table_of_contents(chapters, EN).entries
    assert german.lang == "de" and [e.lang for e in german.entries] == ["de", None]
    assert french.lang == "fr"
    assert english.lang is None  # the book's own language is never marked


def test_a_section_without_an_id_is_not_listed() -> None:
    chapters = [Chapter("article", "ch01-a", (Text("A"),), (Heading(2, (Text("One"),)),))]
    assert table_of_contents(chapters, EN).entries[0].entries == ()
