"""The study and dose detectors on sentences written in other shapes than the samples', and on
an article with no studies at all (no false alarms)."""

from __future__ import annotations

import pytest

from peptidebook.cleaning import clean
from peptidebook.cleaning.evidence import gather_evidence
from peptidebook.cleaning.evidence.doses import detect_dose
from peptidebook.cleaning.evidence.studies import EXCLUSIONS, TRIGGERS, detect_study
from peptidebook.diagnostics import Report
from peptidebook.model import Article, DoseAmount, Paragraph, Source, Text
from peptidebook.readers.text import parse_text
from peptidebook.walk import iter_inlines, plain_text

MENTIONS = [
    # (sentence, design, year, venue, institution, sample size, ages)
    (("In a 2017 meta-analysis of 12 randomised trials, researchers found that vitamin D "
      "reduced falls."), "meta-analysis", 2017, None, None, None, None),
    ("Smith et al. (2019) found that sleep improved in 80 volunteers.",
     "research", 2019, None, None, 80, None),
    ("Data from a cohort study at the Mayo Clinic suggest a link between sleep and weight.",
     "cohort study", None, None, "Mayo Clinic", None, None),
    (("According to a systematic review published in The Lancet, exercise lowers blood "
      "pressure."), "systematic review", None, "The Lancet", None, None, None),
    ("Researchers at Stanford University reported that the peptide raised IGF-1 in mice.",
     "animal study", None, None, "Stanford University", None, None),
    (("A randomized, double-blind, placebo-controlled trial of 120 women aged 50 to 70 "
      "showed no effect on bone density."), "randomised controlled trial", None, None, None, 120,
     "50–70"),
    ("Earlier studies (Jones & Lee, 2011) linked high IGF-1 to acne.",
     "study", 2011, None, None, None, None),
    ("The results of a 2022 review suggest caution.", "review", 2022, None, None, None, None),
    ("Evidence from clinical trials indicates a modest benefit.", "clinical trial", None, None,
     None, None, None),
    ("The peptide was well tolerated across several small trials.", "trial", None, None, None,
     None, None),
]

NOT_MENTIONS = [
    "Talk to your doctor before starting any new therapy.",
    "Our team has worked with patients who report better sleep.",
    "Here's what the research shows and what practitioners see.",
    "Evidence for cycling protocols is limited.",
    "There is no evidence that peptides cure ageing.",
    "You can enroll in clinical trials through your local hospital.",
    "She studied biology at university before joining the clinic.",
    "This article covers the clinical trial data on lean mass.",
    "Sermorelin was approved by the FDA in 1997.",
    "Results: dermal thickness increased by 12.3% from baseline.",
    "Study the label carefully before you inject.",
    "The trial period for the app is free.",
    "Sermorelin works, but it works slowly.",
    "The mechanism is sound and the clinical outcomes are reproducible.",
]


@pytest.mark.parametrize(("sentence", "design", "year", "venue", "institution", "n", "ages"),
                         MENTIONS, ids=[m[0][:40] for m in MENTIONS])
# One parameter per column of MENTIONS: pytest passes them by name.
def test_mentions_of_other_shapes(sentence: str, design: str, year: int | None,  # noqa: PLR0917
                                  venue: str | None, institution: str | None, n: int | None,
                                  ages: str | None) -> None:
    facts = detect_study(sentence)
    assert facts is not None
    assert (facts.design, facts.year, facts.venue, facts.institution, facts.sample_size,
            facts.ages) == (design, year, venue, institution, n, ages)


@pytest.mark.parametrize("sentence", NOT_MENTIONS)
def test_no_false_alarm(sentence: str) -> None:
    assert detect_study(sentence) is None


def test_every_rule_has_a_comment_and_a_name() -> None:
    for rule in (*TRIGGERS, *EXCLUSIONS):
        assert rule.name and len(rule.comment) > 10


NO_STUDIES = """\
Getting ready for your first injection
Wash your hands and lay out what you need. Check the label on the vial and its date.
Ask your pharmacist how to store the vial; most peptides are kept in a fridge.
Questions to ask your clinician
- What are the side effects I should look out for?
- How will we know whether the treatment works?
Many readers tell us that writing questions down before an appointment helps. Your clinician
knows your history; a web page does not.
"""


def test_an_article_with_no_studies_has_no_mentions_and_no_doses() -> None:
    report = Report()
    blocks = parse_text(NO_STUDIES, report=report, where="advice.txt")
    article = clean(Article("Advice", "advice", blocks, Source("text", "advice.txt")), report)
    assert article.studies == () and article.doses == ()
    assert report.count("study-mentions") == 0


DOSES = [
    ("Take 1,000 IU of vitamin D by mouth every day.", ("1,000 IU",), "oral", "every day"),
    ("Inject 0.5 mL intramuscularly once a week.", ("0.5 mL",), "intramuscular", "once a week"),
    ("The usual dose is 2 mg twice daily.", ("2 mg",), None, "twice daily"),
    ("BPC-157 is typically dosed at 250–500 µg subcutaneously.", ("250–500 µg",),
     "subcutaneous", None),
    ("Use 5 units under the skin at bedtime.", ("5 units",), "subcutaneous", "at bedtime"),
]

NOT_DOSES = [
    "Target IGF-1 levels are 200–300 ng/mL.",
    "Aim for 1.6 g/kg of protein daily.",
    "Eat 30 g of protein at breakfast.",
    "Costs run $100–$300 per month.",
    "Patients lost 6.8kg over 6 months.",
    "Store the vial at 2–8°C.",
    "Tretinoin 0.05–0.1% is applied nightly.",
    "Reduce your dose by 25–50% and recheck in two weeks.",
]


@pytest.mark.parametrize(("sentence", "amounts", "route", "frequency"), DOSES)
def test_doses_of_other_shapes(sentence: str, amounts: tuple[str, ...], route: str | None,
                               frequency: str | None) -> None:
    facts = detect_dose(sentence)
    assert facts is not None
    assert (facts.amounts, facts.route, facts.frequency) == (amounts, route, frequency)


@pytest.mark.parametrize("sentence", NOT_DOSES)
def test_not_a_dose(sentence: str) -> None:
    assert detect_dose(sentence) is None


def test_dose_amounts_are_marked_in_the_text_and_nothing_else() -> None:
    text = ("Most start at 200–500 mcg nightly by subcutaneous injection. Eat 1.6g/kg of "
            "protein; it costs $250 per month. Target IGF-1 is 200–300 ng/mL.")
    article = Article("T", "t", (Paragraph((Text(text),)),), Source("text", "t"))
    cleaned = gather_evidence(article, Report())
    marked = [plain_text(n.children) for n in iter_inlines(cleaned.blocks)
              if isinstance(n, DoseAmount)]
    assert marked == ["200–500 mcg"]
    assert plain_text(cleaned.blocks[0].children) == text  # type: ignore[union-attr]
