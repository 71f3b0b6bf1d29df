"""What identifies a study mention, repeats merged, numbered citations both ways, and the
research cues of other languages (:mod:`peptidebook.cleaning.evidence`)."""

from __future__ import annotations

import pytest

from peptidebook.cleaning.evidence import gather_evidence
from peptidebook.cleaning.evidence.numbered import find_numbered, numbers_of
from peptidebook.cleaning.evidence.studies import detect_study
from peptidebook.diagnostics import Report
from peptidebook.model import (
    Article,
    Cell,
    Citation,
    EvidenceSummary,
    Paragraph,
    Reference,
    ReferenceList,
    Row,
    Sup,
    Table,
    Text,
    named_studies,
)
from peptidebook.walk import iter_inlines

from ...assembly.test_assembly import article

ENTRIES = (
    ("Tasali, E., et al. (2022). Effect of sleep extension on energy intake. JAMA Internal "
     "Medicine, 182(4), 365–374. https://doi.org/10.1001/jamainternmed.2021.8098"),
    ("Walker, R. F. (2006). Sermorelin: a better approach. Clinical Interventions in Aging, "
     "1(4), 307–308."),
)


def gathered(*paragraphs: str, entries: tuple[str, ...] = (), lang: str = "en",
             report: Report | None = None) -> Article:
    references = ReferenceList(tuple(Reference((Text(e),), f"ref-{n}")
                                     for n, e in enumerate(entries, 1))) if entries else None
    raw = article("a", blocks=tuple(Paragraph((Text(p),)) for p in paragraphs),
                  references=references, lang=lang)
    return gather_evidence(raw, report or Report())


@pytest.mark.parametrize(("sentence", "clues"), [
    ("A 2019 study published in the Journal of Sleep Research found fewer naps.",
     ("year-journal",)),
    ("A 2021 pilot study at Johns Hopkins School of Medicine examined older women.",
     ("year-institution",)),
    ("The PREDIMED trial showed fewer strokes.", ("trial-name",)),
    ("Studies show that sleep matters.", ()),
    ("Research published in the Journal of Sleep Research found fewer naps.", ()),
])
def test_a_mention_says_what_identifies_it(sentence: str, clues: tuple[str, ...]) -> None:
    (study,) = gathered(sentence).studies
    assert study.identified_by == clues
    assert study.kind == ("named" if clues else "general")


def test_repeats_of_one_study_are_one_named_study_with_several_passages() -> None:
    done = gathered("Tasali et al. (2022) found people ate less. "
                    "Studies show that sleep matters. "
                    "Tasali et al. (2022) also reported lower weight.", entries=ENTRIES)
    (study,) = named_studies(done.studies)
    assert study.keys == ("ref-1",)
    assert [p.id for p in study.passages] == ["study-1", "study-3"]
    summary = EvidenceSummary.of((done,))
    assert (summary.studies, summary.named, summary.named_passages, summary.general) == (
        3, 1, 2, 1)


@pytest.mark.parametrize(("text", "numbers"), [
    ("Sleep cuts intake [1].", [(1,)]),
    ("Sleep cuts intake [1, 3–4].", [(1, 3, 4)]),
    ("Sleep cuts intake (2).", [(2,)]),
    ("Sleep cuts intake.(2)", [(2,)]),
    ("Sleep cuts intake¹².", [(12,)]),
    ("(1) Wash your hands.", []),  # an enumerator, not a citation
    ("In 2 (14%) of the cases.", []),
    ("An area of 10³ cells.", []),  # a power
    ("Pages [1–200].", []),  # a range too long to be citations
])
def test_numbered_citations_are_told_from_other_numbers(
        text: str, numbers: list[tuple[int, ...]]) -> None:
    assert [m.numbers for m in find_numbered(text)] == numbers


def test_numbers_of_a_backwards_range_are_none() -> None:
    assert numbers_of("5–2") == ()


def test_numbered_citations_link_to_the_captured_list_both_ways() -> None:
    report = Report()
    done = gathered("People who slept longer ate less [1]. Sermorelin was approved (2).",
                    entries=ENTRIES, report=report)
    cites = [n for n in iter_inlines(done.blocks) if isinstance(n, Citation)]
    assert [c.ref_ids for c in cites] == [("ref-1",), ("ref-2",)]
    assert done.references is not None
    assert [e.cited_by for e in done.references.entries] == [("cite-1",), ("cite-2",)]
    assert [s.identified_by for s in done.studies] == [("numbered-citation",)] * 2
    assert all(s.traceable and not s.numbers for s in done.studies)
    (note,) = [d for d in report.diagnostics if d.code == "numbered-citation"]
    assert "2 numbered citations linked to the article's list of 2 entries" in note.message


def test_numbered_citations_without_their_list_stay_as_printed_and_say_so() -> None:
    report = Report()
    done = gathered("People who slept longer ate less (1). They also weighed less (2).",
                    report=report)
    assert not [n for n in iter_inlines(done.blocks) if isinstance(n, Citation)]
    assert [s.numbers for s in done.studies] == [("1",), ("2",)]
    assert not any(s.traceable for s in done.studies)
    assert [s.kind for s in done.studies] == ["named", "named"]
    (note,) = [d for d in report.diagnostics if d.code == "numbered-citation"]
    assert "the article's list was not captured" in note.message


def test_a_superscript_number_after_a_word_is_a_citation() -> None:
    raw = article("a", blocks=(Paragraph((Text("Sleep cuts intake"), Sup((Text("2"),)),
                                          Text(". It also helps."))),),
                  references=ReferenceList(tuple(Reference((Text(e),), f"ref-{n}")
                                                 for n, e in enumerate(ENTRIES, 1))))
    done = gather_evidence(raw, Report())
    (cite,) = [n for n in iter_inlines(done.blocks) if isinstance(n, Citation)]
    assert cite.ref_ids == ("ref-2",)


def test_prose_restating_a_table_rows_finding_is_traced_to_its_work() -> None:
    def cell(text: str, header: bool = False) -> Cell:
        return Cell((Paragraph((Text(text),)),), header=header)

    table = Table(head=(Row((cell("Key Finding", True), cell("Primary Reference", True))),),
                  body=(Row((cell("Longer sleep lowered daily energy intake by 270 kcal in "
                                  "overweight adults."), cell("Tasali, E. et al. (2022)"))),
                        Row((cell("Sermorelin raised growth hormone pulses in older men."),
                             cell("Walker, R. F. (2006)")))))
    prose = Paragraph((Text("Studies have shown that longer sleep lowers the energy intake "
                            "of overweight adults. Research suggests that diets differ."),))
    raw = article("a", blocks=(prose, table), references=ReferenceList(tuple(
        Reference((Text(e),), f"ref-{n}") for n, e in enumerate(ENTRIES, 1))))
    traced, general, *rows = gather_evidence(raw, Report()).studies
    assert (traced.cites, traced.identified_by, traced.via) == (
        ("ref-1",), ("table-row",), rows[0].id)
    assert general.kind == "general" and not general.cites


@pytest.mark.parametrize(("lang", "sentence"), [
    ("de", "Die PREDIMED-Studie zeigte eine rund 30 % geringere Rate schwerer Ereignisse."),
    ("de", "Eine Meta-Analyse von 2024 hat alle verfügbaren Studien ausgewertet."),
    ("fr", "Selon leur étude, la popularité du sujet a explosé après ce message."),
    ("fr", "Une étude danoise publiée dans le journal Plos Medicine le confirme."),
    ("es", "Algunos estudios han demostrado que ciertas vitaminas pueden ayudar."),
    ("it", "Uno studio pubblicato su Nature ha mostrato un effetto."),
    ("pt", "Um estudo de 2020 mostrou que o sono reduz a fome."),
    ("nl", "Dat blijkt uit onderzoek van de Vrije Universiteit Amsterdam."),
    ("pl", "Badania wykazały, że sen zmniejsza apetyt."),
    ("ja", "2019年の研究によると、睡眠は食欲を減らす。"),
    ("zh", "研究表明\uff0c睡眠可以减少食欲。"),  # a full-width comma
    ("ar", "أظهرت الدراسات أن النوم يقلل الشهية."),
    ("he", "מחקרים הראו שהשינה מפחיתה את התיאבון."),
])
def test_research_is_found_in_other_languages(lang: str, sentence: str) -> None:
    assert detect_study(sentence, lang) is not None


@pytest.mark.parametrize(("lang", "sentence"), [
    ("nl", "Het geld voor onderzoek ging volgens hem naar medicijnen."),  # a person's view
    ("de", "Es gibt keine Studien, die das zeigen."),  # absence, not a finding
    ("fr", "Il y a peu d’études qui le montrent."),
    ("es", "Se recomienda caminar cada día."),
    ("en", "Observational studies can show patterns, but cannot prove harm."),  # method
])
def test_what_is_not_a_finding_is_not_a_mention(lang: str, sentence: str) -> None:
    assert detect_study(sentence, lang) is None
