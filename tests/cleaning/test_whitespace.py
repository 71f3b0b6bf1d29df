"""The whitespace pass: runs collapse, edges trim, empty wrappers and blocks go."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peptidebook.cleaning.whitespace import normalise_inlines, normalise_whitespace
from peptidebook.diagnostics import Report
from peptidebook.model import (
    Article,
    Block,
    BlockQuote,
    BulletList,
    Cell,
    Code,
    CodeBlock,
    DefinitionItem,
    DefinitionList,
    Emph,
    Figure,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListItem,
    Paragraph,
    Preformatted,
    QASection,
    Question,
    Row,
    Source,
    Strong,
    Table,
    Text,
)

from .helpers import run_pass

T = Text
BR = LineBreak()



def clean(*blocks: Block, title: str = "Title") -> Article:
    return run_pass(normalise_whitespace, *blocks, title=title)


@pytest.mark.parametrize(
    ("inlines", "expected"),
    [
        ((T("  a \n\t b  "),), (T("a b"),)),
        ((T("a"), T(" "), T("b")), (T("a b"),)),
        ((T("a\u00a0\u00a0b"),), (T("a\u00a0\u00a0b"),)),
        ((T("a "), Strong((T(" b"),))), (T("a "), Strong((T("b"),)))),
        ((T("a"), Strong((T(" b "),)), T("c")), (T("a "), Strong((T("b"),)), T(" c"))),
        ((T("a"), Strong((T(" "),)), T("b")), (T("a b"),)),
        ((T("a"), Strong(()), T("b")), (T("ab"),)),
        ((Emph((Strong(()),)), T("x")), (T("x"),)),
        ((T("a"), Link((), "https://x.org/"), T("b")), (T("ab"),)),
        ((T("a "), BR, T(" b")), (T("a"), BR, T("b"))),
        ((BR, T("a"), BR), (T("a"),)),
        ((T("a"), Strong((T("b"), BR)), T("\n")), (T("a"), Strong((T("b"),)))),
        ((T("Q?"), BR, T("\n"), BR, T("\n")), (T("Q?"),)),
        ((T("a "), Code("  x  "), T(" b")), (T("a "), Code("  x  "), T(" b"))),
        ((T("see "), Image("https://x.org/i.png", " an \n icon "), T(" here")),
         (T("see "), Image("https://x.org/i.png", "an icon"), T(" here"))),
    ],
)
def test_inline_whitespace_is_normalised(
    inlines: tuple[Inline, ...], expected: tuple[Inline, ...]
) -> None:
    assert normalise_inlines(inlines) == expected


@pytest.mark.parametrize(
    "block",
    [
        Paragraph((T(" \n "),)),
        Paragraph((BR, T(" "))),
        Paragraph((Strong((T(" "),)),)),
        Heading(2, (T("  "),)),
        BulletList((ListItem((Paragraph((T(" "),)),)),)),
        BlockQuote((Paragraph(()),)),
        QASection((Question((T(" "),), ()),)),
    ],
    ids=lambda block: type(block).__name__,
)
def test_empty_blocks_are_dropped(block: Block) -> None:
    assert clean(block, Paragraph((T("kept"),))).blocks == (Paragraph((T("kept"),)),)


def test_empty_list_items_are_dropped_and_others_kept() -> None:
    blocks = clean(BulletList((ListItem(()), ListItem((Paragraph((T(" a "),)),))))).blocks
    assert blocks == (BulletList((ListItem((Paragraph((T("a"),)),)),)),)


def test_nested_blocks_are_normalised() -> None:
    table = Table((), (Row((Cell((Paragraph((T(" 1 "),)),)),)),), caption=(T(" Cap "),))
    assert clean(table).blocks == (
        Table((), (Row((Cell((Paragraph((T("1"),)),)),)),), caption=(T("Cap"),)),
    )


def test_question_text_is_normalised() -> None:
    section = QASection((Question((T("Q?"), BR, T("\n")), (Paragraph((T(" A "),)),)),))
    assert clean(section).blocks == (
        QASection((Question((T("Q?"),), (Paragraph((T("A"),)),)),)),
    )


def test_code_block_and_figure_alt_keep_their_meaning() -> None:
    blocks = clean(CodeBlock("  x\n    y"), Figure(Image("https://x.org/a.png", ""))).blocks
    assert blocks == (CodeBlock("  x\n    y"), Figure(Image("https://x.org/a.png", "")))


def test_title_and_summary_are_collapsed() -> None:
    article = Article("  A \n title ", "s", (), Source("text", "t"), summary=" x \n y ")
    result = normalise_whitespace(article, Report())
    assert (result.title, result.summary) == ("A title", "x y")


# --------------------------------------------------------------------------- properties

_texts = st.text(alphabet=st.sampled_from(list("ab \n\t\u00a0")), max_size=6).map(Text)
_inlines = st.recursive(
    st.one_of(_texts, st.just(BR), st.just(Code("c"))),
    lambda children: st.one_of(
        st.lists(children, max_size=4).map(lambda c: Strong(tuple(c))),
        st.lists(children, max_size=4).map(lambda c: Emph(tuple(c))),
    ),
    max_leaves=12,
)


def _flat_text(inlines: tuple[Inline, ...]) -> str:
    out = ""
    for node in inlines:
        if isinstance(node, Text):
            out += node.text
        elif isinstance(node, Strong | Emph):
            out += _flat_text(node.children)
        elif isinstance(node, LineBreak):
            out += "¶"
        else:
            out += "|"  # an atom
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(_inlines, max_size=6).map(tuple))
def test_normalising_is_idempotent_and_leaves_no_double_or_edge_spaces(
    inlines: tuple[Inline, ...],
) -> None:
    once = normalise_inlines(inlines)
    assert normalise_inlines(once) == once
    text = _flat_text(once)
    assert "  " not in text and "\n" not in text and "\t" not in text
    assert text == text.strip(" ")
    assert " ¶" not in text and "¶ " not in text
    assert not text.startswith("¶") and not text.endswith("¶")


def test_preformatted_text_and_verse_keep_their_whitespace() -> None:
    verse = Preformatted((Text("  Two  spaces,\n"), LineBreak(), Text("a line ")), "verse")
    assert clean(verse).blocks == (verse,)


def test_a_term_whose_definition_empties_becomes_a_paragraph() -> None:
    # A pasted old caption (corpus wxr/site-dakk-it.xml): <dl><dt>…</dt><dd></dd></dl>. The
    # emptied definition must not leave a <dl> without a <dd>.
    dl = DefinitionList((DefinitionItem((Text("A caption"),), ((Paragraph((Text(" "),)),),)),))
    assert run_pass(normalise_whitespace, dl).blocks == (Paragraph((Text("A caption"),)),)
