"""Where the glossary pass looks: every container of text, and inside marks."""

from __future__ import annotations

import pytest

from peptidebook.cleaning.glossary import extract_glossary
from peptidebook.diagnostics import Report
from peptidebook.model import (
    BlockQuote,
    Blocks,
    BulletList,
    Cell,
    Emph,
    Link,
    ListItem,
    Paragraph,
    RelatedArticle,
    Row,
    Table,
    Text,
)

from .helpers import REPAIRED, TOOLTIP, article, render

# --------------------------------------------------------------------------- where it looks


def _only_paragraph(blocks: Blocks) -> Paragraph:
    (block,) = blocks
    match block:
        case Paragraph():
            return block
        case BulletList(items=(ListItem(blocks=inner),)) | BlockQuote(blocks=inner):
            return _only_paragraph(inner)
        case Table(body=(Row(cells=(Cell(blocks=inner),)),)):
            return _only_paragraph(inner)
    raise AssertionError(block)


@pytest.mark.parametrize(
    "blocks",
    [
        pytest.param((BulletList((ListItem((Paragraph((Text(TOOLTIP),)),)),)),), id="list-item"),
        pytest.param(
            (Table(head=(), body=(Row((Cell((Paragraph((Text(TOOLTIP),)),)),)),)),), id="cell"
        ),
        pytest.param((BlockQuote((Paragraph((Text(TOOLTIP),)),)),), id="block-quote"),
        pytest.param(
            (Paragraph((Text("It raises "), Text("insulin Meaning ∞ Insulin is a peptide "),
                        Text("hormone made in the pancreas. levels."))),),
            id="split-text-runs",
        ),
    ],
)
def test_tooltips_are_found_in_every_container(blocks: Blocks) -> None:
    result = extract_glossary(article(blocks), Report())
    assert render(_only_paragraph(result.blocks).children) == REPAIRED
    assert [e.id for e in result.glossary] == ["gloss-insulin"]


def test_tooltip_inside_emphasis_is_repaired_in_place() -> None:
    source = article((Paragraph((Text("See: "), Emph((Text(TOOLTIP),)))),))
    result = extract_glossary(source, Report())
    assert render(_only_paragraph(result.blocks).children) == f"See: *{REPAIRED}*"


def test_a_teaser_after_a_link_names_the_linked_page() -> None:
    block = Paragraph((
        Text("As our guide to "),
        Link((Text("blood donation on TRT"),), "https://example.org/blood-donation/"),
        Text(" Meaning ∞ Individuals on prescribed testosterone replacement therapy can often "
             "donate blood. explains."),
    ))
    result = extract_glossary(article((block,)), Report())
    assert result.related == (RelatedArticle(
        "Blood donation on TRT",
        "Individuals on prescribed testosterone replacement therapy can often donate blood.",
        "https://example.org/blood-donation/"),)
    assert not result.glossary
