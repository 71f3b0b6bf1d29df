"""Traversals derived from the model's declarations: every node type is walked, mapped and
searched, a figure's image included, with no list of node types to keep in step."""

from __future__ import annotations

import pytest

from peptidebook.model import (
    BackLink,
    BlockQuote,
    Cell,
    Citation,
    DefinitionItem,
    DefinitionList,
    DoseAmount,
    Emph,
    Endnote,
    Endnotes,
    Figure,
    Heading,
    Image,
    Inline,
    Inlines,
    LineBreak,
    Link,
    NoteRef,
    Paragraph,
    QASection,
    Question,
    RawInline,
    Reference,
    ReferenceList,
    Row,
    StudyMention,
    Table,
    Text,
)
from peptidebook.walk import (
    ids_named,
    iter_blocks,
    iter_ids,
    iter_inlines,
    iter_nodes,
    map_blocks,
    map_inlines,
    plain_text,
    rename_ids,
)

TREE = (
    Heading(2, (Text("Dose "), Emph((Text("and"),))), id="h"),
    Figure(Image("a.png", "A chart"), (Text("Caption"),)),
    Table(head=(Row((Cell((Paragraph((Text("Head"),)),), header=True, scope="col"),)),),
          body=(Row((Cell((Paragraph((DoseAmount((Text("5 mg"),)),)),)),)),), id="t"),
    DefinitionList((DefinitionItem((Text("Term"),), ((Paragraph((Text("Def"),)),),), id="d"),)),
    QASection((Question((Text("Why?"),), (Paragraph((Text("Because"),)),), id="q"),), id="q-faq"),
    BlockQuote((Paragraph((StudyMention((Citation((Text("Smith 2020"),), ("r1",), id="c1"),),
                                        id="s1"),
                           NoteRef((Text("1"),), "n1", id="nr1"))),)),
    ReferenceList((Reference((Text("Smith J."),), id="r1"),)),
    Endnotes((Text("Notes"),), (Endnote("n1", (Paragraph((BackLink((Text("back"),), "nr1"),)),)),),
             id="e"),
)


def test_iter_blocks_reaches_blocks_inside_cells_items_answers_and_notes() -> None:
    kinds = [type(b).__name__ for b in iter_blocks(TREE)]
    assert kinds.count("Paragraph") == 6


def test_iter_inlines_visits_every_container_and_the_figures_image() -> None:
    seen = {type(n) for n in iter_inlines(TREE)}
    assert {Image, DoseAmount, StudyMention, Citation, NoteRef, BackLink, Emph} <= seen


def test_iter_ids_yields_every_anchor_once() -> None:
    assert sorted(iter_ids(TREE)) == sorted(
        ["h", "t", "d", "q", "q-faq", "s1", "c1", "nr1", "r1", "e", "n1"])


def test_plain_text_reads_inside_every_container() -> None:
    inlines: Inlines = (StudyMention((Citation((Text("Smith"),), ("r",)),), "s"), LineBreak(),
                        DoseAmount((Text("5 mg"),)), Image("x", None), RawInline("<x>", "r"))
    assert plain_text(inlines) == "Smith 5 mg<x>"


def test_map_inlines_rewrites_inside_every_container_and_a_figures_image() -> None:
    def upper(node: Inline) -> Inline:
        if isinstance(node, Text):
            return Text(node.text.upper())
        if isinstance(node, Image):
            return Image("local.png", node.alt)
        return node

    mapped = map_inlines(TREE, upper)
    assert "SMITH 2020" in plain_text(i for i in iter_inlines(mapped) if isinstance(i, Text))
    figure = mapped[1]
    assert isinstance(figure, Figure) and figure.image.src == "local.png"


def test_untouched_trees_keep_their_identity() -> None:
    assert all(a is b for a, b in zip(map_blocks(TREE, lambda b: b), TREE, strict=True))
    assert all(a is b for a, b in zip(map_inlines(TREE, lambda n: n), TREE, strict=True))


def test_a_figures_image_must_stay_one_image() -> None:
    with pytest.raises(TypeError, match=r"Figure\.image must stay one Image"):
        map_inlines(TREE, lambda n: (Text("x"), Text("y")) if isinstance(n, Image) else n)


def test_rename_ids_follows_every_anchor_and_reference() -> None:
    renamed = rename_ids(TREE, lambda i: f"x-{i}")
    assert sorted(iter_ids(renamed)) == sorted(f"x-{i}" for i in iter_ids(TREE))
    named = {i for node in iter_nodes(renamed) for i in ids_named(node)}
    assert named == {"x-r1", "x-n1", "x-nr1"}


def test_rename_ids_sends_in_book_links_through_href_and_leaves_addresses() -> None:
    blocks = (Paragraph((Link((Text("a"),), "#h"), Link((Text("b"),), "https://x.org/#h"))),)
    renamed = rename_ids(blocks, lambda i: i, href=lambda i: "moved")
    links = [n for n in iter_inlines(renamed) if isinstance(n, Link)]
    assert [link.href for link in links] == ["#moved", "https://x.org/#h"]
