"""Reference entries read into their parts; author–year citations found and resolved."""

from __future__ import annotations

import pytest

from peptidebook.cleaning.evidence import gather_evidence
from peptidebook.cleaning.evidence.works import EntryIndex, find_citations, parse_entry, resolve
from peptidebook.diagnostics import Report
from peptidebook.model import (
    Article,
    Citation,
    Link,
    Paragraph,
    Reference,
    ReferenceList,
    Source,
    StudyMention,
    Text,
    WorkCited,
)
from peptidebook.walk import iter_inlines

MLA = ("Veldhuis, Johannes D. et al. “Testosterone Blunts Feedback Inhibition.” The Journal of "
       "Clinical Endocrinology & Metabolism, vol. 90, no. 3, 2005, pp. 1613-1617.")
APA = ("Sattler, F. R., Castaneda-Sceppa, C., & Binder, E. F. (2009). Testosterone and growth "
       "hormone improve body composition. The Journal of Clinical Endocrinology & Metabolism, "
       "94(6), 1991–2001. https://doi.org/10.1210/jc.2008-1234 PMID: 19336515")


@pytest.mark.parametrize(("entry", "want"), [
    (MLA, WorkCited(authors=("Veldhuis, Johannes D.",), et_al=True,
                    title="Testosterone Blunts Feedback Inhibition",
                    journal="The Journal of Clinical Endocrinology & Metabolism", volume="90",
                    issue="3", year=2005, pages="1613-1617")),
    (APA, WorkCited(authors=("Sattler, F. R.", "Castaneda-Sceppa, C.", "Binder, E. F."),
                    title="Testosterone and growth hormone improve body composition",
                    journal="The Journal of Clinical Endocrinology & Metabolism", volume="94",
                    issue="6", year=2009, pages="1991–2001", doi="10.1210/jc.2008-1234",
                    pmid="19336515")),
    (("Corpas, E. S. M. Harman, and M. R. Blackman. “Human growth hormone and human aging.” "
      "Endocrine reviews, vol. 14, no. 1, 1993, pp. 20-39."),
     WorkCited(authors=("Corpas, E.", "S. M. Harman", "M. R. Blackman"),
               title="Human growth hormone and human aging", journal="Endocrine reviews",
               volume="14", issue="1", year=1993, pages="20-39")),
    ("See https://pubmed.ncbi.nlm.nih.gov/15613421/ for the abstract",
     WorkCited(url="https://pubmed.ncbi.nlm.nih.gov/15613421/")),
])
def test_entries_are_read_into_parts(entry: str, want: WorkCited) -> None:
    assert parse_entry(entry) == want


def test_an_entry_of_no_known_shape_is_not_guessed() -> None:
    assert parse_entry("Some notes the author took at a conference") is None


@pytest.mark.parametrize(("text", "family", "year"), [
    ("Veldhuis, J. D. et al. (2005)", "Veldhuis", 2005),
    ("as shown before (Veldhuis et al., 2005).", "Veldhuis", 2005),
    ("Walker (2006) argued", "Walker", 2006),
    ("(Sattler and Bhasin 2009)", "Sattler", 2009),
    ("the work of Veldhuis et al. has", "Veldhuis", None),
])
def test_citation_shapes(text: str, family: str, year: int | None) -> None:
    (found,) = find_citations(text)
    assert (found.family, found.year) == (family, year)


@pytest.mark.parametrize(("text", "family"), [
    ("O'Brien et al. found", "O'Brien"),
    ("McDonald et al. (2005) found", "McDonald"),
    ("as Smith-Jones et al. found", "Smith-Jones"),
])
def test_a_family_name_is_a_whole_word(text: str, family: str) -> None:
    (found,) = find_citations(text)
    assert found.family == family


@pytest.mark.parametrize("text", ["al-Hassan et al. (2005) found", "xVeldhuis et al. found"])
def test_a_family_name_does_not_start_inside_a_word(text: str) -> None:
    # A capital inside a word ("al-Hassan") is not where a name starts: a search that started
    # again at each capital of a long capitalised word took minutes (issue #10).
    assert find_citations(text) == []


def test_a_citation_inside_another_is_not_found_again() -> None:
    # "et-al" also matches the "Veldhuis et al." of the bracketed citation, tried before it.
    found = find_citations("(Veldhuis et al., 2005) and Walker et al. found")
    assert [(c.family, c.year) for c in found] == [("Veldhuis", 2005), ("Walker", None)]


ENTRIES = (Reference((Text(MLA),), "ref-1", parse_entry(MLA)),
           Reference((Text(APA),), "ref-2", parse_entry(APA)))


@pytest.mark.parametrize(("text", "targets"), [
    ("Veldhuis et al. (2005)", ("ref-1",)),
    ("Veldhuis et al. (2016)", ()),
    ("the work of Veldhuis et al.", ("ref-1",)),
    ("Sattler et al. (2009)", ("ref-2",)),
])
def test_citations_resolve_by_first_author_and_year(text: str,
                                                    targets: tuple[str, ...]) -> None:
    (found,) = find_citations(text)
    assert resolve(found, ENTRIES) == targets
    assert EntryIndex(ENTRIES).resolve(found) == targets


def test_citations_link_both_ways_and_make_a_mention_traceable() -> None:
    report = Report()
    article = Article("A", "a", (Paragraph((Text(
        "A 2005 trial by Veldhuis et al. (2005) found that testosterone blunts feedback. "
        "Smith et al. (2011) found the opposite."),)),),
        Source("text", "a.txt"), references=ReferenceList(ENTRIES))
    done = gather_evidence(article, report)
    citations = [n for n in iter_inlines(done.blocks) if isinstance(n, Citation)]
    assert [(c.id, c.ref_ids) for c in citations] == [("cite-1", ("ref-1",))]
    assert done.references is not None and done.references.entries[0].cited_by == ("cite-1",)
    first, second = done.studies
    assert first.traceable and first.cites == ("ref-1",)
    assert not second.traceable and second.authors == ("Smith",)
    assert report.count("unresolved-citation") == 1
    mentions = [n for n in iter_inlines(done.blocks) if isinstance(n, StudyMention)]
    assert [m.id for m in mentions] == ["study-1", "study-2"]


def test_a_link_in_the_sentence_makes_a_mention_traceable() -> None:
    article = Article("A", "a", (Paragraph((
        Text("A 2019 study "), Link((Text("in Nature"),), "https://doi.org/10.1038/x"),
        Text(" found that sleep matters.")),),), Source("text", "a.txt"))
    (study,) = gather_evidence(article, Report()).studies
    assert study.traceable and study.identifiers == ("https://doi.org/10.1038/x",)
