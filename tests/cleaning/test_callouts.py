"""The pull-quotes pass: a quotation that repeats a sentence of the article is marked as a pull
quote; a quotation with words of its own, a plain paragraph, and every other block, come back
the very same."""

from __future__ import annotations

import pytest

from peptidebook.cleaning.callouts import mark_pull_quotes
from peptidebook.diagnostics import Report
from peptidebook.model import Article, Block, BlockQuote, Heading, Paragraph, Source, Text

BODY = Paragraph((Text(
    "Testosterone sets an anabolic baseline. Growth hormone peptides add a potent layer of "
    "cellular repair, fat metabolism and tissue regeneration. When combined, the effects "
    "multiply."),))
REPEAT = ("Growth hormone peptides add a potent layer of cellular repair, fat metabolism and "
          "tissue regeneration.")


def marked(*blocks: Block) -> tuple[Article, Article, Report]:
    source = Article(title="T", slug="t", blocks=blocks, source=Source("text", "t"))
    report = Report()
    return source, mark_pull_quotes(source, report), report


@pytest.mark.parametrize(
    "callout",
    [
        pytest.param(BlockQuote((Paragraph((Text(REPEAT),)),)), id="quote-block"),
        pytest.param(BlockQuote((Paragraph((Text(f"“{REPEAT[:-1]}”"),)),)),
                     id="quoted-without-full-stop"),
        pytest.param(BlockQuote((Paragraph((Text(REPEAT.upper()),)),)), id="other-case"),
    ],
)
def test_a_callout_repeating_a_sentence_is_a_pull_quote(callout: Block) -> None:
    _, result, report = marked(Heading(2, (Text("Why"),)), callout, BODY)
    quote = result.blocks[1]
    assert isinstance(quote, BlockQuote) and quote.kind == "pullquote"
    assert result.blocks[2] is BODY
    (diagnostic,) = report.diagnostics
    assert (diagnostic.code, diagnostic.severity) == ("pull-quote", "warning")


@pytest.mark.parametrize(
    "blocks",
    [
        pytest.param((BlockQuote((Paragraph((Text(
            "Combining hormonal therapies addresses the body's interconnected signaling "
            "network."),)),)), BODY), id="a-quotation-of-its-own-words"),
        pytest.param((BlockQuote((Paragraph((Text("When combined, the effects multiply."),)),)),
                      BODY), id="too-short"),
        pytest.param((Paragraph((Text(REPEAT),)), BODY),
                     id="a-plain-paragraph-repeating-a-sentence"),
        pytest.param((BODY, BODY), id="a-paragraph-repeated-whole"),
        pytest.param((BODY,), id="alone"),
    ],
)
def test_other_blocks_come_back_the_very_same(blocks: tuple[Block, ...]) -> None:
    source, result, report = marked(*blocks)
    assert result is source and not report.diagnostics
