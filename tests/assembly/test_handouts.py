"""Handouts in the model: caveat, the article, its own source and references, standing alone."""

from __future__ import annotations

import pytest

from peptidebook.assembly import assemble
from peptidebook.assembly.handouts import caveat, handout_chapter
from peptidebook.diagnostics import Report
from peptidebook.fetching import OfflineFetcher
from peptidebook.i18n import BookText
from peptidebook.model import (
    Article,
    Book,
    BookMeta,
    Chapter,
    Citation,
    Edition,
    EvidenceSummary,
    GlossaryEntry,
    GlossaryRef,
    Heading,
    Link,
    Note,
    NoteRef,
    Paragraph,
    Reference,
    ReferenceList,
    Span,
    Text,
)
from peptidebook.walk import iter_blocks, iter_ids, iter_inlines, plain_text

from .test_assembly import article

EN = BookText("en", Report())


def assembled(*articles: Article, language: str = "en") -> Edition:
    report = Report()
    book = Book(BookMeta("Book", language, "urn:x"), articles)
    return assemble(book, BookText(language, report), report, OfflineFetcher())


def words(chapter: Chapter) -> str:
    return " ".join(plain_text((n,)) for n in iter_inlines(chapter.blocks)
                    if isinstance(n, Text))


def paragraphs(chapter: Chapter) -> list[str]:
    return [plain_text(b.children) for b in iter_blocks(chapter.blocks)
            if isinstance(b, Paragraph)]


def test_one_handout_per_article_named_as_its_chapter() -> None:
    edition = assembled(article("first-post"), article("second-post"))
    articles = [c for c in edition.chapters if c.kind == "article"]
    assert [h.name for h in edition.handouts] == ["first-post", "second-post"]
    assert [h.chapter.id for h in edition.handouts] == [c.id for c in articles]


def test_a_handout_is_caveat_then_article_then_its_source_and_references() -> None:
    edition = assembled(article("a"))
    chapter = edition.handouts[0].chapter
    article_chapter = next(c for c in edition.chapters if c.kind == "article")
    assert isinstance(chapter.blocks[0], Note) and chapter.blocks[0].kind == "warning"
    body = chapter.blocks[1:1 + len(article_chapter.blocks)]
    assert body == article_chapter.blocks
    sources = chapter.blocks[1 + len(article_chapter.blocks)]
    assert isinstance(sources, Heading) and sources.id == f"{chapter.id}-sources"
    assert plain_text(sources.children) == "Source and references"


def test_the_handout_prints_the_blocks_of_its_part_of_the_references_chapter() -> None:
    """Made once: the References chapter's part of an article, after its heading, is what the
    handout prints under its own heading — the same blocks, the same ids."""
    refs = ReferenceList((Reference((Text("Smith 2020."),), "ref-1"),))
    edition = assembled(article("a", references=refs), article("b"))
    references = edition.chapters[-1]
    headings = [n for n, b in enumerate(references.blocks)
                if isinstance(b, Heading) and b.level == 2]
    parts = [references.blocks[start + 1:end]
             for start, end in zip(headings, [*headings[1:], len(references.blocks)], strict=True)]
    for handout, part in zip(edition.handouts, parts, strict=True):
        assert handout.chapter.blocks[-len(part):] == part


def test_a_handout_keeps_only_its_own_references() -> None:
    refs = ReferenceList((Reference((Text("Veldhuis 2008."),), "ref-1"),))
    edition = assembled(article("a", references=refs), article("b"))
    cited, uncited = (words(h.chapter) for h in edition.handouts)
    assert "Veldhuis 2008." in cited and "Veldhuis" not in uncited
    assert "The article gives no list of references." in uncited


def test_links_out_of_the_handout_become_plain_text() -> None:
    blocks = (Paragraph((GlossaryRef((Text("GH"),), "gh"), Text(" and "),
                         Link((Text("the preface"),), "#preface"), Text(" and "),
                         Link((Text("the intro"),), "#ch01-intro"), Text(" "),
                         NoteRef((Text("1"),), "elsewhere"), Text(" "),
                         Citation((Text("[2]"),), ("missing",)))),)
    chapter = Chapter("article", "ch01-a", (Text("A"),),
                      (Heading(2, (Text("Intro"),), "ch01-intro"), *blocks))
    handout = handout_chapter(chapter, (), EN)
    kept = [n for n in iter_inlines(handout.blocks)
            if isinstance(n, Link | GlossaryRef | NoteRef | Citation)]
    assert [(type(n).__name__, getattr(n, "href", None)) for n in kept] == [("Link", "#ch01-intro")]
    assert "GH and the preface and the intro 1 [2]" in paragraphs(handout)


def test_a_glossary_term_in_an_article_is_plain_text_in_its_handout() -> None:
    entry = GlossaryEntry("gh", "Somatotropin", (Text("Growth hormone."),))
    post = article("a", glossary=(entry,),
                   blocks=(Paragraph((GlossaryRef((Text("Somatotropin"),), "gh"),
                                      Text(" is made."))),))
    edition = assembled(post)
    assert any(isinstance(n, GlossaryRef) for c in edition.chapters
               for n in iter_inlines(c.blocks))
    handout = edition.handouts[0].chapter
    assert not any(isinstance(n, GlossaryRef) for n in iter_inlines(handout.blocks))


def test_every_internal_link_of_a_handout_lands_in_it() -> None:
    refs = ReferenceList((Reference((Text("Smith 2020."),), "ref-1"),))
    edition = assembled(article("a", references=refs), article("b"))
    for handout in edition.handouts:
        ids = {handout.chapter.id, f"{handout.chapter.id}-title", *iter_ids(handout.chapter.blocks)}
        for node in iter_inlines(handout.chapter.blocks):
            if isinstance(node, Link) and node.href.startswith("#"):
                assert node.href[1:] in ids


@pytest.mark.parametrize(("evidence", "present", "absent"), [
    (None, ["Reproduced as published.", "Not medical advice."], ["Dose amounts"]),
    (EvidenceSummary(studies=2, traceable=1, doses=0, named=1, named_passages=1, general=1,
                     clues=("year-journal",)),
     ["This article refers to research in 2 passages.",
      "1 particular study is named, in 1 passage", "identified by a year and a journal.",
      "1 passage appeals to research in general terms",
      "This article gives no doses."], ["Dose amounts"]),
    (EvidenceSummary(studies=0, traceable=0, doses=3),
     ["This article gives 3 dose statements",
      "Dose amounts are highlighted and underlined in this handout."], []),
])
def test_the_caveat_counts_this_articles_evidence(evidence: EvidenceSummary | None,
                                                  present: list[str], absent: list[str]) -> None:
    text = " ".join(plain_text(b.children) for b in caveat(EN, evidence).blocks
                    if isinstance(b, Paragraph))
    assert all(p in text for p in present), text
    assert not any(a in text for a in absent), text


def test_the_books_text_in_a_handout_of_an_article_in_another_language_is_marked() -> None:
    edition = assembled(article("a", lang="de"))
    chapter = edition.handouts[0].chapter
    assert chapter.lang == "de"
    note = chapter.blocks[0]
    assert isinstance(note, Note)
    first = note.blocks[0]
    assert isinstance(first, Paragraph) and isinstance(first.children[0], Span)
    assert first.children[0].lang == "en"


def _caveat_text(edition: Edition) -> str:
    (handout,) = edition.handouts
    return " ".join(plain_text(b.children) for b in iter_blocks(handout.chapter.blocks[:1])
                    if isinstance(b, Paragraph))


def test_a_handout_gives_the_medical_caveat_as_the_preface_does() -> None:
    """Only for doses or health claims (:mod:`peptidebook.assembly.health`), unless book.toml
    chose; the plain article of test_assembly's ``article`` makes none."""
    assert "Not medical advice." not in _caveat_text(assembled(article("a")))
    claims = (Paragraph((Text("Patients with diabetes improved on the new medication."),)),
              Paragraph((Text("Symptoms of the infection eased after treatment."),)))
    assert "Not medical advice." in _caveat_text(assembled(article("b", blocks=claims)))
    report = Report()
    chosen = assemble(Book(BookMeta("B", "en", "urn:x", caveat="medical"), (article("c"),)),
                      BookText("en", report), report, OfflineFetcher())
    assert "Not medical advice." in _caveat_text(chosen)
