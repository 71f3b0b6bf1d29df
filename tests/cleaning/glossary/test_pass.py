"""The glossary pass as a whole: text without tooltips comes back as the very same article,
and the article handed in is never changed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peptidebook.cleaning.glossary import extract_glossary
from peptidebook.diagnostics import Report

from .helpers import TOOLTIP, paragraph

# --------------------------------------------------------------------------- left alone

UNTOUCHED = [
    pytest.param(
        # Found by hypothesis: a dotted abbreviation in either case ends no sentence.
        "Testosterone testosterone Sermorelin testosterone testosterone testosterone e.g.. "
        "U.s. testosterone.",
        id="dotted-abbreviation-lower-case",
    ),
    pytest.param(
        "Research, particularly the work of Veldhuis et al. has provided critical insights into "
        "this interaction.",
        id="veldhuis-et-al",
    ),
    pytest.param(
        "Low-Dose Testosterone Cypionate ∞ 10-20 units (0.1-0.2ml) weekly to support libido.",
        id="infinity-as-separator",
    ),
    pytest.param(
        "Walker, R. F. “Sermorelin ∞ a better approach to management of adult-onset growth "
        "hormone insufficiency?.” Clinical Interventions in Aging, vol. 1, no. 4, 2006, "
        "pp. 307-308.",
        id="infinity-in-a-reference",
    ),
    pytest.param("Veldhuis, J. D. et al. (2005)", id="initials"),
    pytest.param(
        "Veldhuis, Johannes D. et al. “Testosterone Blunts Feedback Inhibition.” The Journal of "
        "Clinical Endocrinology & Metabolism, vol. 90, no. 3, 2005, pp. 1613-1617.",
        id="citation",
    ),
    pytest.param(
        "Several Hormones, e.g. testosterone and estradiol, decline with age.", id="e-g"
    ),
    pytest.param("Trials in the U.S. and Canada Support this view for many years now.", id="u-s"),
    pytest.param("She waited... and Then Nothing happened for a very long time.", id="ellipsis"),
    pytest.param("Take 5 mg. twice daily with food and plenty of water.", id="no-definition"),
    pytest.param("A plain paragraph. Another plain sentence follows it.", id="plain"),
]


@pytest.mark.parametrize("text", UNTOUCHED)
def test_ordinary_text_is_left_alone(text: str) -> None:
    source = paragraph(text)
    report = Report()
    assert extract_glossary(source, report) is source
    assert report.diagnostics == []


_WORDS = st.sampled_from(
    [
        "testosterone", "peptide", "hormone", "growth", "Research", "the", "of", "with", "and",
        "pituitary", "Sermorelin", "GH", "(IGF-1)", "levels,", "clinical", "Therapy", "axis",
        "e.g.", "et", "al.", "vs.", "J.", "D.", "U.S.", "approx.", "50", "mg", "∞",
    ]
)
_SENTENCES = st.builds(
    lambda first, rest, end: " ".join([first.capitalize(), *rest]) + end,
    _WORDS,
    st.lists(_WORDS, max_size=25),
    st.sampled_from([".", "?", "!"]),
)


@given(st.lists(_SENTENCES, min_size=1, max_size=6))
def test_text_without_tooltips_is_unchanged(sentences: list[str]) -> None:
    source = paragraph(" ".join(sentences))
    report = Report()
    assert extract_glossary(source, report) is source
    assert report.diagnostics == []


# --------------------------------------------------------------------------- the input


def test_the_input_article_is_not_changed() -> None:
    source = paragraph(TOOLTIP)
    before = repr(source)
    extract_glossary(source, Report())
    assert repr(source) == before
