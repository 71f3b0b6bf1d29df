"""The glossary pass finds pasted tooltips, both forms: the sentence is repaired, the term is
marked where it is used, and the definition lands in Article.glossary."""

from __future__ import annotations

import pytest

from peptidebook.cleaning.glossary import extract_glossary
from peptidebook.diagnostics import Report
from peptidebook.model import Article, GlossaryRef, Paragraph, Text

from .helpers import article, cleaned, paragraph, render

# ------------------------------------------------------------------ every tooltip of the sample

#: The sample's marked tooltips: every one defines its term.
SAMPLE_TOOLTIPS = [
    pytest.param(
        "Perhaps you are on a protocol of testosterone replacement Meaning ∞ Testosterone "
        "Replacement refers to a clinical intervention involving the controlled administration "
        "of exogenous testosterone to individuals with clinically diagnosed testosterone "
        "deficiency, aiming to restore physiological concentrations and alleviate associated "
        "symptoms. therapy, and while you have noticed definite improvements.",
        "Perhaps you are on a protocol of [testosterone replacement] therapy, and while you have "
        "noticed definite improvements.",
        "gloss-testosterone-replacement", "Testosterone replacement",
        "Testosterone Replacement refers to a clinical intervention",
        id="marked-testosterone-replacement",
    ),
    pytest.param(
        "Peptides like Sermorelin Meaning ∞ Sermorelin is a synthetic peptide, an analog of "
        "naturally occurring Growth Hormone-Releasing Hormone (GHRH). restore a signaling pathway.",
        "Peptides like [Sermorelin] restore a signaling pathway.",
        "gloss-sermorelin", "Sermorelin",
        "Sermorelin is a synthetic peptide, an analog of naturally occurring Growth "
        "Hormone-Releasing Hormone (GHRH).",
        id="marked-sermorelin",
    ),
    pytest.param(
        "Peptides like Ipamorelin Meaning ∞ Ipamorelin is a synthetic peptide, a growth "
        "hormone-releasing peptide (GHRP), functioning as a selective agonist of the "
        "ghrelin/growth hormone secretagogue receptor (GHS-R). restore a signaling pathway.",
        "Peptides like [Ipamorelin] restore a signaling pathway.",
        "gloss-ipamorelin", "Ipamorelin",
        "Ipamorelin is a synthetic peptide, a growth hormone-releasing peptide (GHRP), "
        "functioning as a selective agonist of the ghrelin/growth hormone secretagogue receptor "
        "(GHS-R).",
        id="marked-ipamorelin",
    ),
    pytest.param(
        "It influences everything from muscle mass Meaning ∞ Muscle mass refers to the total "
        "quantity of contractile tissue, primarily skeletal muscle, within the human body. and "
        "bone density to mood and cognitive function.",
        "It influences everything from [muscle mass] and bone density to mood and cognitive "
        "function.",
        "gloss-muscle-mass", "Muscle mass", "Muscle mass refers to the total quantity",
        id="marked-muscle-mass",
    ),
    pytest.param(
        "The production of GH naturally declines with age, a process known as somatopause. "
        "Growth hormone Meaning ∞ Growth hormone, or somatotropin, is a peptide hormone "
        "synthesized by the anterior pituitary gland, essential for stimulating cellular "
        "reproduction, regeneration, and somatic growth. peptides are designed to counteract "
        "this decline.",
        "The production of GH naturally declines with age, a process known as somatopause. "
        "[Growth hormone] peptides are designed to counteract this decline.",
        "gloss-growth-hormone", "Growth hormone", "Growth hormone, or somatotropin, is a peptide",
        id="marked-growth-hormone",
    ),
    pytest.param(
        "A sophisticated examination of combined hormonal therapies Meaning ∞ Hormonal Therapies "
        "involve the controlled administration of exogenous hormones or agents that specifically "
        "modulate endogenous hormone production, action, or metabolism within the body. requires "
        "a shift in perspective.",
        "A sophisticated examination of combined [hormonal therapies] requires a shift in "
        "perspective.",
        "gloss-hormonal-therapy", "Hormonal therapies",
        "Hormonal Therapies involve the controlled administration",
        id="marked-hormonal-therapies",
    ),
    pytest.param(
        "However, studies in middle-aged and older men Meaning ∞ Older Men refers to the male "
        "demographic typically aged 50 years and above, characterized by physiological shifts in "
        "hormonal profiles and metabolic functions that influence overall health and well-being. "
        "have demonstrated that supraphysiological levels of testosterone can blunt this signal.",
        "However, studies in middle-aged and [older men] have demonstrated that "
        "supraphysiological levels of testosterone can blunt this signal.",
        "gloss-older-men", "Older men", "Older Men refers to the male demographic",
        id="marked-older-men",
    ),
    pytest.param(
        "Recent research has illuminated the role of the androgen receptor Meaning ∞ The Androgen "
        "Receptor (AR) is a specialized intracellular protein that binds to androgens, steroid "
        "hormones like testosterone and dihydrotestosterone (DHT). (AR) in this process.",
        "Recent research has illuminated the role of the [androgen receptor] (AR) in this process.",
        "gloss-androgen-receptor", "Androgen receptor",
        "The Androgen Receptor (AR) is a specialized intracellular protein that binds to "
        "androgens, steroid hormones like testosterone and dihydrotestosterone (DHT).",
        id="marked-androgen-receptor-then-parenthesis",
    ),
]

#: The sample's unmarked tooltips: each is a teaser for another article (its text does not
#: define the words it follows), and only the marker elsewhere in the same article shows
#: that the site pastes them. (Text, the text without it, the title, the summary's start.)
SAMPLE_TEASERS = [
    pytest.param(
        "This is where the concept of combining therapies finds its clinical relevance. Growth "
        "hormone peptides Growth hormone releasing peptides stimulate natural production, while "
        "direct growth hormone administration introduces exogenous hormone. are a class of "
        "molecules that work in a very specific way.",
        "This is where the concept of combining therapies finds its clinical relevance. Growth "
        "hormone peptides are a class of molecules that work in a very specific way.",
        "Growth hormone peptides",
        "Growth hormone releasing peptides stimulate natural production",
        id="unmarked-growth-hormone-peptides",
    ),
    pytest.param(
        "Advancing from a foundational understanding, the clinical application of combined "
        "hormonal therapies Combining peptide therapies with traditional hormonal interventions "
        "offers a layered approach to recalibrate biological systems for enhanced vitality. "
        "involves precise protocols.",
        "Advancing from a foundational understanding, the clinical application of combined "
        "hormonal therapies involves precise protocols.",
        "Combined hormonal therapies",
        "Combining peptide therapies with traditional hormonal interventions",
        id="unmarked-combined-hormonal-therapies",
    ),
    pytest.param(
        "The true power of combining these therapies Regulatory and ethical frameworks for "
        "combined advanced therapies prioritize patient safety, informed consent, and "
        "evidence-based practice amidst evolving science. lies in their complementary mechanisms.",
        "The true power of combining these therapies lies in their complementary mechanisms.",
        "Therapies", "Regulatory and ethical frameworks",
        id="unmarked-therapies",
    ),
    pytest.param(
        "The synergistic efficacy of co-administering growth hormone (GH) secretagogues with "
        "testosterone replacement therapy Individuals on prescribed testosterone replacement "
        "therapy can often donate blood, especially red blood cells, if they meet health criteria "
        "and manage potential erythrocytosis. is rooted in the intricate crosstalk.",
        "The synergistic efficacy of co-administering growth hormone (GH) secretagogues with "
        "testosterone replacement therapy is rooted in the intricate crosstalk.",
        "Testosterone replacement therapy",
        "Individuals on prescribed testosterone replacement therapy can often donate blood",
        id="unmarked-testosterone-replacement-therapy",
    ),
]

#: A marked tooltip elsewhere in the same article: the evidence for the unmarked form.
EVIDENCE = "It acts on insulin Meaning ∞ Insulin is a peptide hormone made in the pancreas. here."


def with_evidence(text: str) -> tuple[str, Article, Report]:
    report = Report()
    result = extract_glossary(article((Paragraph((Text(text),)),
                                       Paragraph((Text(EVIDENCE),)))), report)
    block = result.blocks[0]
    assert isinstance(block, Paragraph)
    return render(block.children), result, report


@pytest.mark.parametrize(("text", "repaired", "title", "summary"), SAMPLE_TEASERS)
def test_unmarked_tooltip_without_evidence_changes_nothing(
    text: str, repaired: str, title: str, summary: str
) -> None:
    source = paragraph(text)
    report = Report()
    result = extract_glossary(source, report)
    assert result is source
    assert [(d.code, d.severity) for d in report.diagnostics] == [("glossary-candidate", "info")]


@pytest.mark.parametrize(("text", "repaired", "title", "summary"), SAMPLE_TEASERS)
def test_unmarked_teaser_with_evidence_goes_to_the_related_articles(
    text: str, repaired: str, title: str, summary: str
) -> None:
    got, result, report = with_evidence(text)
    assert got == repaired
    assert [e.term for e in result.glossary] == ["Insulin"]
    (related,) = result.related
    assert related.title == title and (related.summary or "").startswith(summary)
    assert report.count("related-article") == 1
    assert all(d.severity == "warning" for d in report.diagnostics
               if d.code in ("related-article", "glossary-extracted"))


@pytest.mark.parametrize(("text", "repaired", "entry_id", "term", "definition"), SAMPLE_TOOLTIPS)
def test_sample_tooltip_is_taken_out_and_the_sentence_repaired(
    text: str, repaired: str, entry_id: str, term: str, definition: str
) -> None:
    got, _, _ = cleaned(text)
    assert got == repaired


@pytest.mark.parametrize(("text", "repaired", "entry_id", "term", "definition"), SAMPLE_TOOLTIPS)
def test_sample_tooltip_becomes_a_glossary_entry(
    text: str, repaired: str, entry_id: str, term: str, definition: str
) -> None:
    _, result, _ = cleaned(text)
    (entry,) = result.glossary
    assert (entry.id, entry.term) == (entry_id, term)
    (definition_text,) = entry.definition
    assert isinstance(definition_text, Text)
    assert definition_text.text.startswith(definition) and definition_text.text.endswith(".")


@pytest.mark.parametrize(("text", "repaired", "entry_id", "term", "definition"), SAMPLE_TOOLTIPS)
def test_sample_tooltip_reference_points_at_its_entry(
    text: str, repaired: str, entry_id: str, term: str, definition: str
) -> None:
    _, result, report = cleaned(text)
    (block,) = result.blocks
    assert isinstance(block, Paragraph)
    refs = [node for node in block.children if isinstance(node, GlossaryRef)]
    assert [ref.term_id for ref in refs] == [entry_id]
    assert [(d.code, d.severity) for d in report.diagnostics] == [
        ("glossary-extracted", "warning")]


def test_sample_tooltip_change_is_reported_with_the_passage_before_and_after() -> None:
    text = SAMPLE_TOOLTIPS[0].values[0]
    _, _, report = cleaned(str(text))
    (diagnostic,) = report.diagnostics
    before, after = diagnostic.message.split(" became ")
    assert "Meaning ∞" in before and "Meaning ∞" not in after
    assert "protocol of testosterone replacement therapy, and while" in after


def test_two_marked_tooltips_in_one_sentence() -> None:
    text = (
        "Peptides like Sermorelin Meaning ∞ Sermorelin is a synthetic peptide, an analog of "
        "naturally occurring Growth Hormone-Releasing Hormone (GHRH). or Ipamorelin Meaning ∞ "
        "Ipamorelin is a synthetic peptide, a growth hormone-releasing peptide (GHRP). restore "
        "a signaling pathway."
    )
    got, result, report = cleaned(text)
    assert got == "Peptides like [Sermorelin] or [Ipamorelin] restore a signaling pathway."
    assert [e.id for e in result.glossary] == ["gloss-sermorelin", "gloss-ipamorelin"]
    assert report.count("glossary-extracted") == 2


def sample(name: str) -> tuple[str, str]:
    """The text and the repaired text of the sample tooltip ``name``."""
    (param,) = [p for p in SAMPLE_TOOLTIPS if p.id == name]
    return param.values[0], param.values[1]  # type: ignore[return-value]


def teaser(name: str) -> tuple[str, str]:
    """The text and the text without it of the sample teaser ``name``."""
    (param,) = [p for p in SAMPLE_TEASERS if p.id == name]
    return param.values[0], param.values[1]  # type: ignore[return-value]


def test_a_marked_term_after_an_unmarked_tooltip_keeps_its_place() -> None:
    # The marked form is taken out first; taking the unmarked one out before it moves its term.
    # (The marker is the evidence that the unmarked one is a pasted tooltip too: a teaser.)
    unmarked, marked = teaser("unmarked-therapies"), sample("marked-hormonal-therapies")
    got, result, _ = cleaned(f"{unmarked[0]} {marked[0]}")
    assert got == f"{unmarked[1]} {marked[1]}"
    assert [e.term for e in result.glossary] == ["Hormonal therapies"]
    assert [r.title for r in result.related] == ["Therapies"]


def test_a_paragraph_of_tooltips_has_them_all_taken_out() -> None:
    # Each form is repaired left to right in one reading of the text (issue #10: linear time);
    # 80 pairs fill a paragraph up to MAX_TOOLTIP_RUN_CHARS.
    pairs = [teaser("unmarked-therapies"), sample("marked-hormonal-therapies")] * 80
    got, result, report = cleaned(" ".join(text for text, _ in pairs))
    assert got == " ".join(repaired for _, repaired in pairs)
    assert len(result.glossary) == 1 and report.count("glossary-extracted") == 80
    assert len(result.related) == 1 and report.count("related-article") == 80


# --------------------------------------------------------------------------- where definitions end


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        pytest.param(
            "It acts on the pituitary gland Meaning ∞ The pituitary gland is a small gland. "
            "It sits below the brain.",
            "It acts on the [pituitary gland]. It sits below the brain.",
            id="a-new-sentence-follows",
        ),
        pytest.param(
            "It acts on the pituitary gland Meaning ∞ The pituitary gland is a small gland.",
            "It acts on the [pituitary gland].",
            id="end-of-paragraph",
        ),
        pytest.param(
            "It acts on the pituitary gland Meaning ∞ The pituitary gland is a gland, e.g. "
            "an endocrine one. and on the liver.",
            "It acts on the [pituitary gland] and on the liver.",
            id="abbreviation-inside",
        ),
        pytest.param(
            "It acts on the pituitary gland Meaning ∞ The pituitary gland is small. It is an "
            "endocrine gland. and on the liver.",
            "It acts on the [pituitary gland] and on the liver.",
            id="two-sentences",
        ),
        pytest.param(
            "Both the pituitary gland Meaning ∞ The pituitary gland is small., and the liver.",
            "Both the [pituitary gland], and the liver.",
            id="comma-follows",
        ),
    ],
)
def test_definition_ends_where_the_sentence_resumes(text: str, repaired: str) -> None:
    assert cleaned(text)[0] == repaired


def test_term_falls_back_to_the_definitions_subject() -> None:
    text = "Many take it as a supplement Meaning ∞ Creatine is an amino acid derivative. daily."
    got, result, _ = cleaned(text)
    assert got == "Many take it as a [supplement] daily."
    assert [e.term for e in result.glossary] == ["Creatine"]


# --------------------------------------------------------------------------- term spans


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        pytest.param(
            "It is (insulin Meaning ∞ Insulin is a peptide hormone made in the pancreas.) here.",
            "It is ([insulin]) here.",
            id="opening-parenthesis",
        ),
        pytest.param(
            "It raises  blood\nsugar Meaning ∞ Blood sugar is the glucose in the blood. levels.",
            "It raises  [blood\nsugar] levels.",
            id="irregular-spaces",
        ),
        pytest.param(
            "Less somatopause. Growth Meaning ∞ Somatopause growth is a decline with age. slows.",
            "Less somatopause. [Growth] slows.",
            id="term-does-not-cross-a-sentence",
        ),
    ],
)
def test_term_span_in_the_text(text: str, repaired: str) -> None:
    assert cleaned(text)[0] == repaired
