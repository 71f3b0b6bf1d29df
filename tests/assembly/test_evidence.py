"""Assembly of the evidence: note markers, works cited, the References chapter, the preface's
computed caveat, glossary order and first-use links."""

from __future__ import annotations

import pytest

from peptidebook.assembly.collation import collation_key
from peptidebook.cleaning.evidence import gather_evidence
from peptidebook.cleaning.evidence.works import parse_entry
from peptidebook.diagnostics import Report
from peptidebook.model import (
    BackLink,
    Chapter,
    Citation,
    Emph,
    Endnotes,
    GlossaryEntry,
    GlossaryRef,
    Link,
    NoteRef,
    Paragraph,
    Reference,
    ReferenceList,
    StudyMention,
    Text,
)
from peptidebook.walk import iter_blocks, iter_inlines, plain_text

from .test_assembly import article, edition_of

ENTRY = ("Veldhuis, Johannes D. et al. “Testosterone Blunts Feedback Inhibition.” The Journal "
         "of Clinical Endocrinology & Metabolism, vol. 90, no. 3, 2005, pp. 1613-1617.")


def evidence_article() -> object:
    body = (Paragraph((Text(
        "A 2018 clinical trial published in the Journal of Drugs in Dermatology assessed "
        "sermorelin in 42 adults. Veldhuis et al. (2005) found that testosterone blunts "
        "feedback. Take 200 mcg subcutaneously before bed."),)),)
    raw = article("a", blocks=body, references=ReferenceList(
        (Reference((Text(ENTRY),), "ref-1"),)))
    return gather_evidence(raw, Report())


def chapters() -> list[Chapter]:
    return edition_of(evidence_article())  # type: ignore[arg-type]


def chapter(kind: str) -> Chapter:
    return next(c for c in chapters() if c.kind == kind)


def test_an_untraceable_mention_gets_a_note_marker_leading_to_its_note() -> None:
    paragraph = chapter("article").blocks[0]
    assert isinstance(paragraph, Paragraph)
    text = list(paragraph.children)
    (marker,) = [n for n in text if isinstance(n, NoteRef)]
    mention = text[text.index(marker) - 1]
    assert isinstance(mention, StudyMention) and mention.id == "ch01-study-1"
    assert (marker.target, marker.id, plain_text(marker.children)) == (
        "ch01-study-1-note", "ch01-study-1-noteref", "1")
    (notes,) = [b for b in iter_blocks(chapter("bibliography").blocks)
                if isinstance(b, Endnotes)]
    (note,) = notes.notes
    said = plain_text(note.blocks[0].children)  # type: ignore[union-attr]
    assert note.id == marker.target
    # A list in the book's language (CLDR, through babel): "journal, year, and …" in English.
    assert ("Named only by journal, year, and the people studied; no authors, title or "
            "identifier given.") in said
    backlink = [n for n in iter_inlines(note.blocks) if isinstance(n, BackLink)]
    assert [(b.target, plain_text(b.children)) for b in backlink] == [
        ("ch01-study-1-noteref", "Back to the passage in “A”")]


def test_a_traceable_mention_has_no_marker_and_is_listed_with_its_source() -> None:
    markers = [n for n in iter_inlines(chapter("article").blocks) if isinstance(n, NoteRef)]
    assert [m.target for m in markers] == ["ch01-study-1-note"]
    text = " ".join(plain_text(b.children) for b in iter_blocks(chapter("bibliography").blocks)
                    if isinstance(b, Paragraph))
    assert "traced to Veldhuis et al. (2005)." in text


def test_works_cited_in_one_style_with_backlinks_to_every_citation() -> None:
    (refs,) = [b for b in iter_blocks(chapter("bibliography").blocks)
               if isinstance(b, ReferenceList)]
    (entry,) = refs.entries
    assert entry.id == "ch01-ref-1"
    assert plain_text(entry.children).startswith(
        "Veldhuis, J. D., et al. (2005). Testosterone Blunts Feedback Inhibition. The Journal "
        "of Clinical Endocrinology & Metabolism, 90(3), 1613–1617.")
    assert any(isinstance(n, Emph) for n in entry.children)
    (back,) = [n for n in entry.children if isinstance(n, BackLink)]
    (citation,) = [n for n in iter_inlines(chapter("article").blocks)
                   if isinstance(n, Citation)]
    assert back.target == citation.id and citation.ref_ids == ("ch01-ref-1",)
    assert plain_text(back.children) == "Back to the citation in “A”"


def test_preface_counts_are_computed() -> None:
    text = " ".join(plain_text(b.children) for b in iter_blocks(chapter("preface").blocks)
                    if isinstance(b, Paragraph))
    assert "The articles refer to research in 2 passages." in text
    assert ("2 particular studies are named, in 2 passages (a study named more than once is "
            "counted once), identified by a year and a journal, an entry of the article's list "
            "of references, and the authors and year.") in text
    assert "1 passage can be traced to a source" in text
    assert "1 is named only by year, journal or institution" in text
    assert "The articles give 1 dose statement" in text


def test_each_count_of_the_preface_links_to_the_list_it_counts() -> None:
    links = [n for b in iter_blocks(chapter("preface").blocks) if isinstance(b, Paragraph)
             for n in b.children if isinstance(n, Link) and n.href.startswith("#")]
    assert ("2", "#ch01-named-studies") in [(plain_text(n.children), n.href) for n in links]
    ids = {i for b in iter_blocks(chapter("bibliography").blocks)
           for i in [getattr(b, "id", None)] if i}
    assert "ch01-named-studies" in ids


def test_the_references_chapter_lists_each_named_study_once_with_its_passages() -> None:
    text = " ".join(plain_text(b.children) for b in iter_blocks(chapter("bibliography").blocks)
                    if isinstance(b, Paragraph))
    assert ("Veldhuis et al. (2005), identified by an entry of the article's list of references "
            "and the authors and year; named in 1 passage: “Veldhuis et al. (2005) found that "
            "testosterone blunts…”") in text


def test_a_mention_with_the_articles_own_number_gets_no_second_number() -> None:
    body = (Paragraph((Text("People who slept longer ate less (1). They weighed less (2)."),)),)
    done = gather_evidence(article("a", blocks=body), Report())
    chapters_ = edition_of(done)
    markers = [n for c in chapters_ for n in iter_inlines(c.blocks) if isinstance(n, NoteRef)]
    assert markers == []
    notes = [b for c in chapters_ for b in iter_blocks(c.blocks) if isinstance(b, Endnotes)]
    said = [plain_text(n.blocks[0].children) for b in notes for n in b.notes]  # type: ignore[union-attr]
    assert all("Numbered citation 1; the article's list of sources was not captured." in s
               or "Numbered citation 2;" in s for s in said) and len(said) == 2
    backlinks = [n.target for b in notes for n in iter_inlines(
        tuple(p for note in b.notes for p in note.blocks)) if isinstance(n, BackLink)]
    assert backlinks == ["ch01-study-1", "ch01-study-2"]  # back to the passages themselves


def test_article_chapter_carries_its_counts_for_the_handout() -> None:
    evidence = chapter("article").evidence
    assert evidence is not None
    assert (evidence.studies, evidence.traceable, evidence.doses) == (2, 1, 1)


def test_only_the_first_use_of_a_glossary_term_in_a_chapter_is_a_link() -> None:
    ref = GlossaryRef((Text("GH"),), "gloss-gh")
    body = (Paragraph((ref, Text(" and "), ref)), Paragraph((Text("Again "), ref)))
    gloss = (GlossaryEntry("gloss-gh", "GH", (Text("Growth hormone."),)),)
    chapters_ = edition_of(article("a", blocks=body, glossary=gloss),
                           article("b", blocks=body[:1]))
    for c in (c for c in chapters_ if c.kind == "article"):
        refs = [n for n in iter_inlines(c.blocks) if isinstance(n, GlossaryRef)]
        assert len(refs) == 1
        assert "GH and GH" in plain_text(c.blocks[0].children)  # type: ignore[union-attr]


@pytest.mark.parametrize(("language", "order"), [
    ("en", ["Äpfel", "apple", "Ñame", "nut", "Öl", "zebra"]),
    ("de", ["Äpfel", "apple", "Ñame", "nut", "Öl", "zebra"]),  # CLDR de: ä sorts as a
    ("sv", ["apple", "Ñame", "nut", "zebra", "Äpfel", "Öl"]),  # CLDR sv: å ä ö after z
    ("es", ["Äpfel", "apple", "nut", "Ñame", "Öl", "zebra"]),  # CLDR es: ñ after n
])
def test_glossary_order_follows_the_language(language: str, order: list[str]) -> None:
    assert sorted(order, key=lambda t: collation_key(t, language)) == order


def test_case_and_accents_break_ties_only() -> None:
    words = ["resume", "Résumé", "résumé", "Resume"]
    assert sorted(words, key=lambda t: collation_key(t, "en")) == [
        "resume", "Resume", "résumé", "Résumé"]


def test_an_entry_that_cannot_be_read_is_printed_as_given() -> None:
    assert parse_entry("Notes from a talk") is None
    raw = article("a", references=ReferenceList((Reference((Text("Notes from a talk"),),
                                                           "ref-1"),)))
    done = gather_evidence(raw, Report())
    (refs,) = [b for b in iter_blocks(edition_of(done)[-1].blocks)
               if isinstance(b, ReferenceList)]
    assert plain_text(refs.entries[0].children) == "Notes from a talk"
