"""The glossary the pass builds: entries deduplicated by term, ids unique and XML names."""

from __future__ import annotations

import re

import pytest

from peptidebook.cleaning.glossary import extract_glossary
from peptidebook.diagnostics import Report
from peptidebook.model import GlossaryEntry, GlossaryRef, Paragraph, Text

from .helpers import article, paragraph

# --------------------------------------------------------------------------- the glossary itself


MARKED = "We study {use} Meaning ∞ {term} is a peptide hormone made in the liver. levels."


def test_glossary_is_deduplicated_by_term_ignoring_case() -> None:
    source = article(
        (
            Paragraph((Text(MARKED.format(use="insulin", term="Insulin")),)),
            Paragraph((Text(MARKED.format(use="INSULIN", term="INSULIN")),)),
        )
    )
    result = extract_glossary(source, Report())
    assert [e.id for e in result.glossary] == ["gloss-insulin"]
    refs = [
        node.term_id
        for block in result.blocks
        if isinstance(block, Paragraph)
        for node in block.children
        if isinstance(node, GlossaryRef)
    ]
    assert refs == ["gloss-insulin", "gloss-insulin"]


def test_existing_entries_are_kept_and_ids_stay_unique() -> None:
    earlier = GlossaryEntry("gloss-igf-1", "IGF 1", (Text("Earlier."),))
    source = article((Paragraph((Text(MARKED.format(use="IGF-1", term="IGF-1")),)),), (earlier,))
    result = extract_glossary(source, Report())
    assert [(e.id, e.term) for e in result.glossary] == [
        ("gloss-igf-1", "IGF 1"), ("gloss-igf-1-2", "IGF-1")
    ]


@pytest.mark.parametrize("term", ["Ghrelin/GHS-R", "Éstrogen", "5-alpha reductase", "∞"])
def test_ids_are_xml_names(term: str) -> None:
    result = extract_glossary(paragraph(MARKED.format(use=term, term=term)), Report())
    (entry,) = result.glossary
    assert re.fullmatch(r"gloss-[a-z0-9]+(?:-[a-z0-9]+)*", entry.id)
