"""The references pass: a trailing "References" section becomes Article.references."""

from __future__ import annotations

import pytest

from peptidebook.cleaning.references import gather_references
from peptidebook.diagnostics import Report
from peptidebook.model import (
    Article,
    Block,
    Blocks,
    BulletList,
    Heading,
    Inlines,
    ListItem,
    OrderedList,
    Paragraph,
    Reference,
    ReferenceList,
    Source,
    Strong,
    Table,
    Text,
)


def article(blocks: Blocks, references: ReferenceList | None = None) -> Article:
    return Article("T", "t", blocks, Source("text", "test"), references=references)


def para(text: str) -> Paragraph:
    return Paragraph((Text(text),))


def heading(text: str, level: int = 2) -> Heading:
    return Heading(level, (Text(text),))


def bullets(*texts: str) -> BulletList:
    return BulletList(tuple(ListItem((para(t),)) for t in texts))


def refs(*texts: str) -> ReferenceList:
    return ReferenceList(
        tuple(Reference((Text(t),), id=f"ref-{n}") for n, t in enumerate(texts, 1))
    )


def gather(*blocks: Block, references: ReferenceList | None = None) -> Article:
    report = Report()
    result = gather_references(article(blocks, references), report)
    assert report.diagnostics == []
    return result


BODY = (heading("Academic"), para("Text."))


@pytest.mark.parametrize(
    "name", ["References", "references", "Sources", "Bibliography", "Works  cited", "Citations:"]
)
def test_a_references_section_becomes_the_reference_list(name: str) -> None:
    result = gather(*BODY, heading(name), bullets("Smith 2001.", "Jones 2002."))
    assert result.blocks == BODY
    assert result.references == refs("Smith 2001.", "Jones 2002.")


def test_the_section_after_the_references_stays_in_place() -> None:
    reflection = (heading("Reflection"), para("Closing words."))
    result = gather(*BODY, heading("References"), bullets("Smith 2001."), *reflection)
    assert result.blocks == BODY + reflection
    assert result.references == refs("Smith 2001.")


def test_a_lower_heading_inside_the_section_leaves_it_alone() -> None:
    source = article((*BODY, heading("References"), heading("Books", 3), bullets("A.")))
    assert gather_references(source, Report()) is source


@pytest.mark.parametrize(
    "content",
    [
        pytest.param((para("Smith 2001."), para("Jones 2002.")), id="paragraphs"),
        pytest.param((OrderedList((ListItem((para("Smith 2001."),)),
                                   ListItem((para("Jones 2002."),))), start=4),), id="ordered"),
        pytest.param((bullets("Smith 2001."), para("Jones 2002.")), id="mixed"),
        pytest.param((bullets("Smith 2001.", "  ", "Jones 2002."),), id="blank-item-dropped"),
    ],
)
def test_lists_and_paragraphs_are_references(content: Blocks) -> None:
    result = gather(*BODY, heading("References"), *content)
    assert result.references == refs("Smith 2001.", "Jones 2002.")


def test_a_list_item_of_several_paragraphs_is_one_reference() -> None:
    item = ListItem((para("Smith 2001."), bullets("Reprinted 2010.")))
    result = gather(heading("References"), BulletList((item,)))
    assert result.references == ReferenceList(
        (Reference((Text("Smith 2001."), Text(" "), Text("Reprinted 2010.")), id="ref-1"),)
    )


def test_markup_in_a_reference_is_kept() -> None:
    inlines: Inlines = (Text("Smith. "), Strong((Text("Title"),)), Text(". 2001."))
    result = gather(heading("References"), BulletList((ListItem((Paragraph(inlines),)),)))
    assert result.references == ReferenceList((Reference(inlines, id="ref-1"),))


def test_a_heading_in_markup_is_recognised() -> None:
    result = gather(Heading(2, (Strong((Text("References"),)),)), bullets("Smith 2001."))
    assert result.blocks == ()
    assert result.references == refs("Smith 2001.")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param((), id="empty"),
        pytest.param((Table(head=(), body=()),), id="table"),
        pytest.param((BulletList((ListItem((Table(head=(), body=()),)),)),), id="table-in-item"),
    ],
)
def test_a_section_that_is_not_a_plain_list_is_left_alone(content: Blocks) -> None:
    source = article((*BODY, heading("References"), *content))
    assert gather_references(source, Report()) is source


def test_an_article_without_references_is_returned_as_is() -> None:
    source = article((*BODY, heading("Further thoughts"), bullets("Not a reference.")))
    assert gather_references(source, Report()) is source


def test_existing_references_are_kept_first_and_renumbered() -> None:
    result = gather(heading("Sources"), bullets("Jones 2002."), references=refs("Smith 2001."))
    assert result.references == refs("Smith 2001.", "Jones 2002.")


def test_the_last_references_section_is_taken() -> None:
    early = (heading("Sources"), para("See the table."), Table(head=(), body=()))
    result = gather(*early, heading("References"), bullets("Smith 2001."))
    assert result.blocks == early
    assert result.references == refs("Smith 2001.")
