"""The glossary the pass builds: entries merged by headword, ids unique and XML names."""

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
    earlier = GlossaryEntry("gloss-igf-1", "IGF/1", (Text("Earlier."),))
    source = article((Paragraph((Text(MARKED.format(use="IGF-1", term="IGF-1")),)),), (earlier,))
    result = extract_glossary(source, Report())
    assert [(e.id, e.term) for e in result.glossary] == [
        ("gloss-igf-1", "IGF/1"), ("gloss-igf-1-2", "IGF-1")
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("Insulin", "insulin", id="case"),
        pytest.param("Hormonal Therapies", "hormonal therapy", id="plural"),
        pytest.param("Growth-hormone", "growth hormone", id="hyphen-for-space"),
        pytest.param("IGF 1", "IGF-1", id="digits"),
    ],
)
def test_near_duplicate_headwords_are_one_entry(first: str, second: str) -> None:
    source = article((
        Paragraph((Text(MARKED.format(use=first, term=first)),)),
        Paragraph((Text(MARKED.format(use=second, term=second)),)),
    ))
    result = extract_glossary(source, Report())
    assert len(result.glossary) == 1


@pytest.mark.parametrize(
    ("term", "headword"),
    [
        pytest.param("Older Men", "Older men", id="lower-case-in-the-text"),
        pytest.param("Veldhuis Method", "Veldhuis Method", id="never-lower-case"),
        pytest.param("GH Secretagogue", "GH secretagogue", id="acronym-kept"),
        pytest.param("mTOR", "mTOR", id="inner-capital"),
        pytest.param("insulin", "Insulin", id="first-letter"),
    ],
)
def test_headwords_are_in_sentence_case_unless_the_text_keeps_a_capital(
    term: str, headword: str
) -> None:
    text = "Older men and a secretagogue. " + MARKED.format(use=term, term=term)
    result = extract_glossary(paragraph(text), Report())
    assert [e.term for e in result.glossary] == [headword]


@pytest.mark.parametrize("term", ["Ghrelin/GHS-R", "Éstrogen", "5-alpha reductase", "\u03b1-MSH"])
def test_ids_are_xml_names(term: str) -> None:
    result = extract_glossary(paragraph(MARKED.format(use=term, term=term)), Report())
    (entry,) = result.glossary
    assert re.fullmatch(r"gloss-[a-z0-9]+(?:-[a-z0-9]+)*", entry.id)
