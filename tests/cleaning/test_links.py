"""The links pass: no link inside a link, and every in-page link leads to an anchor of its
article; each change reported (``link-unwrapped``)."""

from __future__ import annotations

import pytest

from peptidebook.cleaning import PASSES
from peptidebook.cleaning.links import check_links
from peptidebook.diagnostics import Report
from peptidebook.model import (
    Article,
    BackLink,
    Block,
    Citation,
    Emph,
    GlossaryEntry,
    GlossaryRef,
    Heading,
    Inline,
    Link,
    NoteRef,
    Paragraph,
    Reference,
    ReferenceList,
    Source,
    Text,
)

from .helpers import run_pass

OUT = "https://example.org/"


def checked(*blocks: Block, **fields: object) -> tuple[Article, list[str]]:
    article = Article(title="T", slug="s", blocks=blocks, source=Source("text", "t"),
                      **fields)  # type: ignore[arg-type]
    report = Report()
    result = check_links(article, report)
    return result, [d.code for d in report.diagnostics]


def para(*children: Inline) -> Paragraph:
    return Paragraph(children)


def test_pass_runs_last() -> None:
    assert PASSES[-1] == ("links", check_links)


# --------------------------------------------------------------------------- rule 1


@pytest.mark.parametrize("inner", [
    Link((Text("in"),), "https://other.example/"),
    GlossaryRef((Text("in"),), "term-x"),
    BackLink((Text("in"),), "x"),
], ids=["link", "glossary", "backlink"])
def test_inner_link_is_kept_as_its_text(inner: Inline) -> None:
    outer = Link((Text("a "), Emph((inner,)), Text(" b")), OUT)
    article, codes = checked(para(outer))
    assert article.blocks == (para(Link((Text("a "), Emph((Text("in"),)), Text(" b")), OUT)),)
    assert codes == ["link-unwrapped"]


def test_link_inside_a_citation_is_kept_as_its_text() -> None:
    citation = Citation((Text("Smith ("), Link((Text("2005"),), OUT), Text(")")), ("r1",), "c1")
    refs = ReferenceList((Reference((Text("Smith 2005"),), "r1", cited_by=("c1",)),))
    article, codes = checked(para(citation), references=refs)
    assert article.blocks == (para(Citation((Text("Smith ("), Text("2005"), Text(")")),
                                            ("r1",), "c1")),)
    assert article.references == refs  # the citation, and so its link back, stays
    assert codes == ["link-unwrapped"]


def test_citation_inside_a_link_leaves_its_entry_cited_by() -> None:
    citation = Citation((Text("Smith 2005"),), ("r1",), "c1")
    refs = ReferenceList((Reference((Text("Smith 2005"),), "r1", cited_by=("c1", "c2")),))
    article, _ = checked(para(Link((citation,), OUT)), references=refs)
    assert article.blocks == (para(Link((Text("Smith 2005"),), OUT)),)
    assert article.references is not None
    assert article.references.entries[0].cited_by == ("c2",)


def test_note_marker_inside_a_link_moves_after_it() -> None:
    marker = NoteRef((Text("1"),), "study-1-note", "study-1-noteref")
    article, codes = checked(para(Link((Emph((Text("a"), marker)), Text("b")), OUT), Text(".")))
    assert article.blocks == (para(Link((Emph((Text("a"),)), Text("b")), OUT), marker,
                                   Text(".")),)
    assert codes == []


def test_links_three_deep_keep_only_the_outermost() -> None:
    deep = Link((Link((Link((Text("x"),), OUT + "3"),), OUT + "2"),), OUT + "1")
    article, codes = checked(para(deep))
    assert article.blocks == (para(Link((Text("x"),), OUT + "1")),)
    assert codes == ["link-unwrapped", "link-unwrapped"]


def test_glossary_definition_is_unnested() -> None:
    entry = GlossaryEntry("term-gh", "GH", (Link((GlossaryRef((Text("IGF"),), "t"),), OUT),))
    article, codes = checked(glossary=(entry,))
    assert article.glossary[0].definition == (Link((Text("IGF"),), OUT),)
    assert codes == ["link-unwrapped"]


def test_links_side_by_side_are_left_alone() -> None:
    blocks = (para(Link((Text("a"),), OUT), GlossaryRef((Text("b"),), "t")),)
    assert run_pass(check_links, *blocks).blocks == blocks


# --------------------------------------------------------------------------- rule 2


def test_fragment_to_an_anchor_of_the_article_stays() -> None:
    blocks = (Heading(2, (Text("Dosing"),), "dosing"), para(Link((Text("see"),), "#dosing")))
    assert run_pass(check_links, *blocks).blocks == blocks


@pytest.mark.parametrize("href", ["#_ftn1", "#cite_note-Smith-3", "#top", "#x%20y"])
def test_fragment_to_nothing_is_kept_as_its_text(href: str) -> None:
    article, codes = checked(para(Text("Claim"), Link((Text("[1]"),), href)))
    assert article.blocks == (para(Text("Claim"), Text("[1]")),)
    assert codes == ["link-unwrapped"]


def test_percent_escaped_fragment_is_pointed_at_its_anchor() -> None:
    heading = Heading(2, (Text("Ça va"),), "ça-va")
    article, codes = checked(heading, para(Link((Text("go"),), "#%C3%A7a-va")))
    assert article.blocks[1] == para(Link((Text("go"),), "#ça-va"))
    assert codes == []


@pytest.mark.parametrize("fields", [
    {"glossary": (GlossaryEntry("term-gh", "GH", (Text("d"),)),)},
    {"references": ReferenceList((Reference((Text("Smith"),), "term-gh"),))},
], ids=["glossary", "references"])
def test_fragment_to_a_glossary_term_or_reference_stays(fields: dict[str, object]) -> None:
    blocks = (para(Link((Text("GH"),), "#term-gh")),)
    article, codes = checked(*blocks, **fields)
    assert (article.blocks, codes) == (blocks, [])


def test_fragment_in_a_reference_entry_is_checked() -> None:
    refs = ReferenceList((Reference((Text("Smith "), Link((Text("↩"),), "#_ftnref1")), "r1"),))
    article, codes = checked(references=refs)
    assert article.references == ReferenceList((Reference((Text("Smith "), Text("↩")), "r1"),))
    assert codes == ["link-unwrapped"]
