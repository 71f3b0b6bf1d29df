"""Repeats of a study mention — a definite reference or a trial's name after the study was
named — and the state-of-knowledge and appeal cues (:mod:`peptidebook.cleaning.evidence`)."""

from __future__ import annotations

import pytest

from peptidebook.cleaning.evidence import gather_evidence
from peptidebook.cleaning.evidence.identity import trial_name
from peptidebook.cleaning.evidence.repeats import bare_generic, names_known, refers_back
from peptidebook.cleaning.evidence.studies import detect_study
from peptidebook.diagnostics import Report
from peptidebook.model import Article, Heading, Paragraph, Text, named_studies

from ...assembly.test_assembly import article


def gathered(*blocks: str, lang: str = "en") -> Article:
    """An article of paragraphs; a block starting with "## " is a heading."""
    made = tuple(Heading(2, (Text(b[3:]),)) if b.startswith("## ") else Paragraph((Text(b),))
                 for b in blocks)
    return gather_evidence(article("a", blocks=made, lang=lang), Report())


@pytest.mark.parametrize(("sentence", "lang"), [
    ("The study relied on two 24-hour dietary recalls.", "en"),
    ("Eating late was linked to higher mortality in the study.", "en"),
    ("These researchers asked five people to respond.", "en"),
    ("Die Studie lief in Spanien mit Hochrisiko-Patienten.", "de"),
    ("L'étude a porté sur 400 patients.", "fr"),
    ("Cette étude a porté sur 400 patients.", "fr"),
    ("Los investigadores siguieron a los pacientes un año.", "es"),
    ("De onderzoekers volgden de apen twee jaar.", "nl"),
    ("O estudo acompanhou 300 pessoas.", "pt"),
    ("Lo studio ha seguito 300 persone.", "it"),
])
def test_a_definite_reference_to_research_refers_back(sentence: str, lang: str) -> None:
    assert refers_back(sentence, lang)


@pytest.mark.parametrize(("sentence", "lang"), [
    ("A study relied on dietary recalls.", "en"),  # indefinite: new research, not a repeat
    ("Eine Studie lief in Spanien.", "de"),
    ("Une étude a porté sur 400 patients.", "fr"),
    ("She studied the results of her own diet.", "en"),  # no determiner before the noun
    ("Mijn studie begon in 2010.", "nl"),  # "my studies" (school), not a definite reference
])
def test_an_indefinite_or_other_reference_does_not(sentence: str, lang: str) -> None:
    assert not refers_back(sentence, lang)


def test_a_definite_reference_after_a_named_study_repeats_it() -> None:
    done = gathered("Die PREDIMED-Studie zeigte weniger Herzinfarkte.",
                    "Die Studie lief in Spanien mit Hochrisiko-Patienten.", lang="de")
    first, second = done.studies
    assert (first.kind, second.kind) == ("named", "named")
    assert second.works == first.works
    (study,) = named_studies(done.studies)
    assert len(study.passages) == 2


def test_a_section_without_research_of_its_own_continues_the_last_study() -> None:
    done = gathered("Die PREDIMED-Studie zeigte weniger Herzinfarkte.",
                    "## Mittelmeer-Diät und Abnehmen",
                    "Die Studie lief in Spanien mit Hochrisiko-Patienten.", lang="de")
    assert [s.kind for s in done.studies] == ["named", "named"]


def test_a_definite_reference_does_not_reach_past_a_section_with_research_of_its_own() -> None:
    done = gathered("Die PREDIMED-Studie zeigte weniger Herzinfarkte.",
                    "## Andere Diäten",
                    "Studien zeigen, dass Fasten hilft.",
                    "Die Studie lief in Spanien mit Hochrisiko-Patienten.", lang="de")
    first = "Die PREDIMED-Studie zeigte weniger Herzinfarkte."
    assert [s.text for s in done.studies] == [first, "Studien zeigen, dass Fasten hilft."]


@pytest.mark.parametrize("sentence", [
    "Check the study type, sample size and follow-up time.",  # "study" modifies "type"
    "Check whether the conclusion matches the study data.",
    "I relied on the findings of qualified professionals.",  # "of" says whose
])
def test_an_english_noun_that_modifies_another_or_takes_of_is_no_reference(
        sentence: str) -> None:
    assert not refers_back(sentence, "en")


def test_a_trial_name_read_before_repeats_its_study_anywhere_later() -> None:
    done = gathered("Die PREDIMED-Studie zeigte weniger Herzinfarkte.",
                    "## Limitationen",
                    "PREDIMED hat klare Grenzen.", lang="de")
    assert [s.kind for s in done.studies] == ["named", "named"]
    assert done.studies[1].works == done.studies[0].works


def test_without_a_study_before_a_definite_reference_is_no_mention() -> None:
    assert gathered("De onderzoekers volgden de apen twee jaar.", lang="nl").studies == ()
    assert gathered("The study relied on dietary recalls.").studies == ()


@pytest.mark.parametrize(("first", "then", "lang", "found"), [
    # English says a generic plural without an article: "the researchers" is a reference back
    ("A new study found that naps help.", "The researchers asked five people.", "en", 2),
    # French says it with one: "les études" after a general mention may be research at large
    ("Des études montrent un lien.", "Les études réglementaires sont payées.", "fr", 1),
])
def test_a_general_mention_is_repeated_only_where_plurals_are_bare(
        first: str, then: str, lang: str, found: int) -> None:
    done = gathered(first, then, lang=lang)
    assert len(done.studies) == found
    assert all(s.kind == "general" for s in done.studies)
    assert bare_generic(lang) == (found == 2)


@pytest.mark.parametrize(("sentence", "name"), [
    ("Hier ordnen wir ein, was die PREDIMED-Studie beweist.", "PREDIMED"),
    ("In der spanischen PREDIMED-RCT sank die Rate.", "PREDIMED"),
    ("The STEP 1 trial enrolled adults.", "STEP 1"),
])
def test_a_hyphened_trial_name_is_read_whole(sentence: str, name: str) -> None:
    assert trial_name(sentence) == name


def test_a_known_name_is_a_whole_word() -> None:
    assert names_known("PREDIMED war keine Abnehmstudie.", {"PREDIMED": "study-1"}) == "study-1"
    assert names_known("PREDIMEDX war keine.", {"PREDIMED": "study-1"}) is None


@pytest.mark.parametrize(("sentence", "lang", "rule"), [
    ("Los investigadores no saben exactamente qué causa el síndrome.", "es",
     "state-of-knowledge"),
    ("Wetenschappers gaan ervan uit dat iedereen goed beschermd is.", "nl",
     "state-of-knowledge"),
    ("Forscher vermuten einen Zusammenhang mit dem Schlaf.", "de", "state-of-knowledge"),
    ("Les chercheurs pensent que le virus circule.", "fr", "state-of-knowledge"),
    ("Researchers are not sure what causes it.", "en", "state-of-knowledge"),
    ("Dr. Taylors Ratschlag ist sowohl wissenschaftlich fundiert als auch einfach.", "de",
     "appeal"),
    ("Die Mittelmeer-Diät ist also gut belegt.", "de", "appeal"),
    ("Elle ne reposait sur aucune base scientifique.", "fr", "appeal"),
    ("Fasting has been shown to decrease markers of inflammation.", "en", "shown-to"),
    ("Eine Cochrane-Übersicht bestätigt günstige Effekte.", "de", "source-reports"),
    ("Sie wurde in einer großen randomisierten Studie auf Endpunkte geprüft.", "de",
     "source-reports"),
    ("The findings were published in the journal Current Biology.", "en", "published-in"),
])
def test_the_state_of_knowledge_and_appeals_are_mentions(sentence: str, lang: str,
                                                         rule: str) -> None:
    facts = detect_study(sentence, lang)
    assert facts is not None and rule in facts.rules


@pytest.mark.parametrize(("sentence", "lang"), [
    ("Los médicos piensan que es mejor descansar.", "es"),  # doctors' opinion, not research's
    ("Ärzte vermuten einen Zusammenhang.", "de"),
    ("Doctors believe rest helps.", "en"),
    ("This blog may comment on studies and media reports.", "en"),  # news reports
    ("The package has been opened to check it.", "en"),
])
def test_opinions_and_news_reports_are_not(sentence: str, lang: str) -> None:
    assert detect_study(sentence, lang) is None
