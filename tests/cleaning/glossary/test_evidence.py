"""The glossary pass changes the author's text only on positive evidence: ordinary prose, in
any language, comes back as the very same tuples, with at most a candidate reported."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from peptidebook.cleaning.glossary import extract_glossary
from peptidebook.cleaning.glossary._rules import MARKER
from peptidebook.diagnostics import Report
from peptidebook.model import Paragraph, Text

from .helpers import article, paragraph

BOSTON = ("A trial in Boston treated Veterans with sermorelin for twelve weeks. mTOR levels rose "
          "in every group.")


def test_the_boston_sentence_is_left_as_written() -> None:
    # Issue 12: this became "A trial in Boston treated mTOR levels rose…" with an entry
    # "Boston treated", reported only at info.
    source = paragraph(BOSTON)
    report = Report()
    assert extract_glossary(source, report) is source
    assert not [d for d in report.diagnostics if d.severity != "info"]


def test_a_lower_case_sentence_start_without_evidence_is_a_candidate() -> None:
    text = ("The dose was raised sharply Patients tolerated it well and slept better. "
            "after that the trial ended.")
    report = Report()
    source = paragraph(text)
    assert extract_glossary(source, report) is source
    (diagnostic,) = report.diagnostics
    assert (diagnostic.code, diagnostic.severity) == ("glossary-candidate", "info")
    assert "Patients tolerated it well" in diagnostic.message


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(BOSTON, id="en-boston"),
        pytest.param("Die Studie lief vom 1. bis 20. Mai in Berlin. Insgesamt nahmen Menschen "
                     "aus 12 Ländern teil, etwa im 20. jahrhundert geborene.", id="de-ordinal"),
        pytest.param("Bylo to v šedesátých letech 20. století, kdy Lorem Ipsum vyšlo na "
                     "listech. obsahujících pasáže.", id="cs-lorem"),
        pytest.param("Le patient a reçu le traitement au Centre Hospitalier pendant trois mois. "
                     "ensuite les taux ont baissé.", id="fr"),
        pytest.param("Es lo que en raras ocasiones aparece en Walter Benjamín cuando se trata "
                     "de una historia. sin embargo la cita es otra.", id="es-corpus"),
        pytest.param("Lo studio di Milano Bicocca ha seguito pazienti anziani per due anni. "
                     "poi i risultati sono stati pubblicati.", id="it"),
        pytest.param("Pacjenci w Warszawie Otrzymali lek przez dwanaście tygodni i spali lepiej. "
                     "potem badanie zakończono.", id="pl"),
        pytest.param("研究は東京で行われた。 mTOR の値は上がった。", id="ja"),
    ],
)
def test_ordinary_prose_comes_back_the_very_same(text: str) -> None:
    source = article((Paragraph((Text(text),)),))
    report = Report()
    result = extract_glossary(source, report)
    assert result is source and result.blocks is source.blocks
    assert {d.code for d in report.diagnostics} <= {"glossary-candidate"}
    assert all(d.severity == "info" for d in report.diagnostics)


_WORDS = st.sampled_from(
    ["the", "trial", "Boston", "treated", "Veterans", "with", "sermorelin", "for", "weeks.",
     "mTOR", "levels", "rose", "and", "Growth", "hormone", "is", "a", "peptide.", "refers",
     "to", "e.g.", "20.", "století", "(AR)", "∞", "Meaning", "Older", "Men", "men", "it."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40))
def test_without_the_marker_no_text_changes(words: list[str]) -> None:
    """Property: text without ``Meaning ∞`` (nor plugin markup) is never changed."""
    text = " ".join(words)
    assume(MARKER.search(text) is None)
    source = paragraph(text)
    report = Report()
    result = extract_glossary(source, report)
    assert result is source
    assert all(d.severity == "info" and d.code == "glossary-candidate"
               for d in report.diagnostics)
